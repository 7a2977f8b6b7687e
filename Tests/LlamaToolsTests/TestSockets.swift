import Foundation
import Testing
@testable import LlamaTools
#if canImport(Glibc)
import Glibc
#endif

/// Real sockets on 127.0.0.1 in the states the port tests need: listening, bound, or closed
/// into TIME_WAIT.
enum TestSockets {
    /// A socket listening on a free port; the caller closes it.
    static func listening(reuseAddress: Bool = false) throws -> Int32 {
        let fd = try bound(reuseAddress: reuseAddress)
        try #require(listen(fd, 4) == 0)
        return fd
    }

    /// A socket bound to a free port and not listening; the caller closes it.
    static func bound(reuseAddress: Bool = false) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        var reuse: Int32 = reuseAddress ? 1 : 0
        try #require(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size)) == 0)
        var address = FreePort.loopback(port: 0)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(result == 0)
        return fd
    }

    /// A port whose only socket is in TIME_WAIT, as a server's port is after the server died
    /// under a client's connection: the server side closes first, so it is the one that waits.
    /// The listener sets SO_REUSEADDR, as llama-server's does; Linux lets a later bind pass a
    /// TIME_WAIT socket only when both set it.
    static func portInTimeWait() throws -> Int {
        let listener = try listening(reuseAddress: true)
        let port = try self.port(of: listener)
        let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(client >= 0)
        var address = FreePort.loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0)
        let accepted = accept(listener, nil, nil)
        try #require(accepted >= 0)
        close(accepted)
        usleep(50_000)
        close(client)
        close(listener)
        usleep(50_000)
        try #require(states(ofLocalPort: port).contains("06"), "no TIME_WAIT socket on \(port)")
        return port
    }

    /// The local port of a bound socket.
    static func port(of fd: Int32) throws -> Int {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        try #require(named == 0)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// True when a bind without SO_REUSEADDR, as `FreePort.isTaken` did before, fails with
    /// "address already in use".
    static func plainBindFails(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = FreePort.loopback(port: port)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return result != 0 && errno == EADDRINUSE
    }

    /// The TCP states (hex, as in `/proc/net/tcp`: 0A listen, 06 TIME_WAIT) of the IPv4
    /// sockets whose local port is `port`.
    static func states(ofLocalPort port: Int) -> [String] {
        let hexPort = String(format: ":%04X", port)
        guard let text = ProcFile.text("/proc/net/tcp") else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { row in
            let fields = row.split(separator: " ", omittingEmptySubsequences: true)
            return fields.count > 3 && fields[1].hasSuffix(hexPort) ? String(fields[3]) : nil
        }
    }
}
