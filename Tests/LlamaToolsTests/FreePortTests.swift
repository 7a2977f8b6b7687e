import Foundation
import Testing
@testable import LlamaTools
#if canImport(Glibc)
import Glibc
#endif

/// `FreePort.isTaken` agrees with what llama-server's own bind (SO_REUSEADDR) would meet.
@Suite struct FreePortTests {
    @Test func portInTimeWaitIsNotTaken() throws {
        // Linux lets a bind pass a TIME_WAIT socket only when both sockets set SO_REUSEADDR; the
        // accepted socket inherits it from the listener, which llama-server sets, so this one does.
        let listener = try Self.listeningSocket(reuseAddress: true)
        let port = try Self.port(of: listener)
        let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(client >= 0)
        var address = FreePort.loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0)
        let accepted = accept(listener, nil, nil)
        try #require(accepted >= 0)
        // The server side closes first, as when llama-server dies under the /health probe's
        // connection, so the server's port is the one left in TIME_WAIT.
        close(accepted)
        usleep(50_000)
        close(client)
        close(listener)
        usleep(50_000)
        try #require(Self.states(ofLocalPort: port).contains("06"), "no TIME_WAIT socket on \(port)")
        try #require(Self.plainBindFails(port), "a bind without SO_REUSEADDR must see TIME_WAIT as in use")
        #expect(!FreePort.isTaken(port))
    }

    @Test func listeningPortIsTaken() throws {
        let listener = try Self.listeningSocket()
        defer { close(listener) }
        #expect(FreePort.isTaken(try Self.port(of: listener)))
    }

    @Test func boundPortIsTaken() throws {
        let bound = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(bound >= 0)
        defer { close(bound) }
        var address = FreePort.loopback(port: 0)
        try #require(withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(bound, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0)
        #expect(FreePort.isTaken(try Self.port(of: bound)))
    }

    @Test func pickedPortIsFree() throws {
        #expect(!FreePort.isTaken(try FreePort.pick()))
    }

    private static func listeningSocket(reuseAddress: Bool = false) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        var reuse: Int32 = reuseAddress ? 1 : 0
        try #require(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size)) == 0)
        var address = FreePort.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(bound == 0 && listen(fd, 4) == 0)
        return fd
    }

    private static func port(of fd: Int32) throws -> Int {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        try #require(named == 0)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func plainBindFails(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = FreePort.loopback(port: port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return bound != 0 && errno == EADDRINUSE
    }

    /// The TCP states (hex, as in `/proc/net/tcp`: 0A listen, 06 TIME_WAIT) of the IPv4
    /// sockets whose local port is `port`.
    static func states(ofLocalPort port: Int) -> [String] {
        let hexPort = String(format: ":%04X", port)
        guard let text = try? String(contentsOfFile: "/proc/net/tcp", encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { row in
            let fields = row.split(separator: " ", omittingEmptySubsequences: true)
            return fields.count > 3 && fields[1].hasSuffix(hexPort) ? String(fields[3]) : nil
        }
    }
}
