import Foundation
import Testing
@testable import LlamaTools
#if canImport(Glibc)
import Glibc
#endif

/// `FreePort.isTaken` agrees with what llama-server's own bind (SO_REUSEADDR) would meet.
@Suite struct FreePortTests {
    @Test func portInTimeWaitIsNotTaken() throws {
        let port = try TestSockets.portInTimeWait()
        try #require(TestSockets.plainBindFails(port), "a bind without SO_REUSEADDR must see TIME_WAIT as in use")
        #expect(!FreePort.isTaken(port))
    }

    @Test func listeningPortIsTaken() throws {
        let listener = try TestSockets.listening()
        defer { close(listener) }
        #expect(FreePort.isTaken(try TestSockets.port(of: listener)))
    }

    @Test func boundPortIsTaken() throws {
        let bound = try TestSockets.bound()
        defer { close(bound) }
        #expect(FreePort.isTaken(try TestSockets.port(of: bound)))
    }

    @Test func pickedPortIsFree() throws {
        #expect(!FreePort.isTaken(try FreePort.pick()))
    }
}
