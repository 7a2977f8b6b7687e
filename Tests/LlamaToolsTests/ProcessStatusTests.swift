import Foundation
import Testing
@testable import LlamaTools
#if canImport(Glibc)
import Glibc
#endif

/// What `/proc` says about processes, read in full.
@Suite struct ProcessStatusTests {
    @Test func listenersPastTheFirstPageOfTheSocketTableAreFound() throws {
        // 80 rows of about 150 bytes fill /proc/net/tcp well past one 4 KiB page, where a
        // one-read file API used to cut it.
        let listeners = try (0..<80).map { _ in try TestSockets.listening() }
        defer { listeners.forEach { close($0) } }
        try #require((ProcFile.text("/proc/net/tcp")?.utf8.count ?? 0) > 3 * 4096)
        let ports = try listeners.map(TestSockets.port(of:))
        #expect(ports.filter { !ProcessStatus.listens(getpid(), on: $0) } == [])
    }

    @Test func ownStartIsStableAndAChildsIsLater() async throws {
        let own = try #require(ProcessStatus.startTicks(getpid()))
        #expect(ProcessStatus.startTicks(getpid()) == own)
        #expect(!ProcessStatus.hasExited(getpid()))
        let folder = try makeTemporaryFolder("start")
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appending(path: "sleep.log")
        async let run = CommandRunner.run(URL(fileURLWithPath: "/bin/sleep"), ["1"], logFile: log, timeout: .seconds(30))
        var found: Int32?
        while found == nil {
            found = ServerTestSupport.runningProcesses(writingTo: log).first
            try await Task.sleep(for: .milliseconds(10))
        }
        let child = try #require(found)
        let start = try #require(ProcessStatus.startTicks(child))
        #expect(start >= own)
        _ = try await run
        #expect(ProcessStatus.startTicks(child) == nil)
    }
}
