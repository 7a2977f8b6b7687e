import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Asks the kernel for a TCP port on 127.0.0.1 that is free right now.
///
/// The socket is closed before llama-server binds the port, so another process can take it in
/// between; `ServerProcess` detects that from the server's log and retries with a new port.
enum FreePort {
    /// A port number the kernel handed out for an ephemeral bind.
    /// - Throws: `ServerError.launchFailed` when no socket can be bound at all.
    static func pick() throws(ServerError) -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw failure("socket") }
        defer { close(fd) }
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw failure("bind") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw failure("getsockname") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// True when llama-server could not bind 127.0.0.1:`port` right now because another
    /// socket holds it ("address already in use").
    ///
    /// The test bind sets SO_REUSEADDR, as llama-server does (tools/server/server-http.cpp),
    /// so a port whose last connection lingers in TIME_WAIT (a server that just died, with the
    /// `/health` probe's connection closed under it) is free, as it is for llama-server, while
    /// a port another process listens on is still taken.
    static func isTaken(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var reuse: Int32 = 1
        guard setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size)) == 0 else { return false }
        var address = loopback(port: port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return bound != 0 && errno == EADDRINUSE
    }

    /// An IPv4 socket address for 127.0.0.1 and `port`.
    static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }

    private static func failure(_ call: String) -> ServerError {
        .launchFailed(executable: "llama-server", reason: "cannot find a free port on 127.0.0.1 (\(call): \(String(cString: strerror(errno))))")
    }
}
