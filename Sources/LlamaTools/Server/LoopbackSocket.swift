import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A non-blocking TCP connection to 127.0.0.1 whose every wait sleeps in poll(2) until the
/// socket is ready, the deadline passes, or `cancel()` is called from another thread.
///
/// Used instead of URLSession because swift-corelibs-foundation's libcurl driver wakes its
/// dispatch sources continuously while a request is in flight (half a core for a 40 s
/// generation), which steals CPU from llama-server on small machines and skews its throughput.
///
/// Cancellation writes a byte to a private socket pair that every poll also watches, so it wakes a
/// wait in any phase (connecting, sending, receiving). The I/O methods belong to one thread;
/// `cancel()` and `close()` may race with them and with each other: both hold a lock, so a
/// cancel after the close never touches a file descriptor number that was reused.
final class LoopbackSocket: Sendable {
    private let socketFD: Int32
    private let wakeReadFD: Int32
    private let wakeWriteFD: Int32
    private let closed = Mutex(false)

    /// Opens the socket and its wake-up channel.
    /// - Throws: `HTTPFailure.system` when the process is out of file descriptors.
    init() throws(HTTPFailure) {
        // Flags set at creation: a llama-server spawned concurrently must not inherit these.
        let flags = Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue)
        let fd = socket(AF_INET, flags, 0)
        guard fd >= 0 else { throw .system(call: "socket", code: errno) }
        var wakeFDs: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, flags, 0, &wakeFDs) == 0 else {
            let code = errno
            Glibc.close(fd)
            throw .system(call: "socketpair", code: code)
        }
        socketFD = fd
        wakeReadFD = wakeFDs[0]
        wakeWriteFD = wakeFDs[1]
    }

    /// Connects to 127.0.0.1:`port`.
    /// - Throws: `HTTPFailure` (refused, timed out), `CancellationError` after `cancel()`.
    func connect(port: Int, deadline: ContinuousClock.Instant, timeout: Duration) throws {
        var address = FreePort.loopback(port: port)
        let started = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        let call = "connect to 127.0.0.1:\(port)"
        if started == 0 { return }
        guard errno == EINPROGRESS else { throw HTTPFailure.system(call: call, code: errno) }
        try wait(for: Int16(POLLOUT), deadline: deadline, timeout: timeout)
        var code: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(socketFD, SOL_SOCKET, SO_ERROR, &code, &length) == 0 else {
            throw HTTPFailure.system(call: "getsockopt", code: errno)
        }
        if code != 0 { throw HTTPFailure.system(call: call, code: code) }
    }

    /// Writes all of `bytes`.
    /// - Throws: `HTTPFailure` (reset, timed out), `CancellationError` after `cancel()`.
    func send(_ bytes: [UInt8], deadline: ContinuousClock.Instant, timeout: Duration) throws {
        var offset = 0
        while offset < bytes.count {
            try wait(for: Int16(POLLOUT), deadline: deadline, timeout: timeout)
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(socketFD, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                throw HTTPFailure.system(call: "send", code: errno)
            }
            offset += sent
        }
    }

    /// Sleeps until bytes arrive, then reads up to `buffer.count` of them into `buffer`.
    /// - Returns: the number of bytes read; 0 when the server closed the connection.
    /// - Throws: `HTTPFailure` (reset, timed out), `CancellationError` after `cancel()`.
    func receive(into buffer: inout [UInt8], deadline: ContinuousClock.Instant, timeout: Duration) throws -> Int {
        while true {
            try wait(for: Int16(POLLIN), deadline: deadline, timeout: timeout)
            let count = buffer.withUnsafeMutableBytes { recv(socketFD, $0.baseAddress, $0.count, 0) }
            if count >= 0 { return count }
            if errno != EAGAIN && errno != EINTR { throw HTTPFailure.system(call: "recv", code: errno) }
        }
    }

    /// Wakes the current or next wait, which then throws `CancellationError`. Safe from any
    /// thread, any number of times, before or after `close()`.
    func cancel() {
        closed.withLock { closed in
            guard !closed else { return }
            var byte: UInt8 = 1
            _ = write(wakeWriteFD, &byte, 1)
        }
    }

    /// Closes the socket and the wake-up channel; called once by the thread that did the I/O.
    func close() {
        closed.withLock { closed in
            guard !closed else { return }
            closed = true
            Glibc.close(socketFD)
            Glibc.close(wakeReadFD)
            Glibc.close(wakeWriteFD)
        }
    }

    /// Sleeps in poll(2) until the socket has `events`, the wake-up channel has a cancel byte, or the
    /// deadline passes. A cancel wins over readiness.
    private func wait(for events: Int16, deadline: ContinuousClock.Instant, timeout: Duration) throws {
        while true {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { throw HTTPFailure.timedOut(after: timeout) }
            let milliseconds = Int32(min(remaining.seconds * 1000, Double(Int32.max)).rounded(.up))
            var watched = [pollfd(fd: socketFD, events: events, revents: 0),
                           pollfd(fd: wakeReadFD, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&watched, 2, milliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                throw HTTPFailure.system(call: "poll", code: errno)
            }
            if watched[1].revents != 0 { throw CancellationError() }
            // POLLERR and POLLHUP count as ready: the next send or recv reports what happened.
            if watched[0].revents != 0 { return }
        }
    }
}
