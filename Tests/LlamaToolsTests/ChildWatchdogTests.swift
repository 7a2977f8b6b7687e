import Foundation
import Subprocess
import Testing
@testable import LlamaTools
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// SIGKILL of quantorch (which no handler sees) still ends its children, through their
/// watchdogs; and a watchdog goes away by itself once its child has.
///
/// The killed process is this test binary itself, rerun with a filter that selects only
/// `ChildWatchdogChild` and an environment variable that enables one of its tests: that child
/// starts a tool or a server through the real code path and waits to be killed.
@Suite struct ChildWatchdogTests {
    /// How long a child may outlive quantorch: the watchdog looks once a second, plus slack
    /// for a machine busy with other tests.
    static let allowedLag: Duration = .seconds(3)

    @Test(.timeLimit(.minutes(1)))
    func watchdogExitsOnceItsChildHasEnded() async throws {
        let folder = try makeTemporaryFolder("watchdog")
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appending(path: "sleep.log")
        async let run = CommandRunner.run(URL(fileURLWithPath: "/bin/sleep"), ["2"], logFile: log, timeout: .seconds(30))
        let tool = try #require(try await Self.firstProcess(within: .seconds(10)) { ServerTestSupport.runningProcesses(writingTo: log) })
        let watchdog = try #require(try await Self.firstProcess(within: .seconds(10)) { Self.watchdogs(of: tool) },
                                    "no watchdog for child \(tool)")
        #expect(try await run.termination == .exited(0))
        #expect(try await ProcessFinder.waitUntilGone(watchdog, within: Self.allowedLag), "watchdog \(watchdog) outlived its child")
    }

    @Test(.timeLimit(.minutes(2)))
    func killNineOfTheOwnerEndsItsTool() async throws {
        let folder = try makeTemporaryFolder("kill9-tool")
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appending(path: "sleep.log")
        let (tool, gone) = try await Self.killOwner(environment: [ChildWatchdogChild.toolLogVariable: log.path], folder: folder) {
            ServerTestSupport.runningProcesses(writingTo: log).first
        }
        #expect(gone, "/bin/sleep \(tool) outlived its SIGKILLed owner by more than \(Self.allowedLag)")
        #expect(try await ProcessFinder.waitUntil(within: Self.allowedLag) { Self.watchdogs(of: tool).isEmpty },
                "the watchdog of \(tool) outlived it")
    }

    @Test(.timeLimit(.minutes(3)), .enabled(if: ServerTestSupport.available, "needs the bootstrap's toolchain.json"))
    func killNineOfTheOwnerEndsItsServer() async throws {
        let folder = try makeTemporaryFolder("kill9-server")
        defer { try? FileManager.default.removeItem(at: folder) }
        let pidFile = folder.appending(path: "server.pid")
        let (server, gone) = try await Self.killOwner(environment: [ChildWatchdogChild.serverPIDFileVariable: pidFile.path], folder: folder) {
            (try? String(contentsOf: pidFile, encoding: .utf8)).flatMap { Int32($0) }
        }
        #expect(gone, "llama-server \(server) outlived its SIGKILLed owner by more than \(Self.allowedLag)")
        #expect(try await ProcessFinder.waitUntil(within: Self.allowedLag) { Self.watchdogs(of: server).isEmpty },
                "the watchdog of \(server) outlived it")
    }

    /// Runs the child test selected by `environment`, waits for `findChild` to name the process
    /// it started (and briefly for that process's watchdog), kills the child test with SIGKILL,
    /// and returns the process and whether it was gone within `allowedLag`.
    private static func killOwner(environment: [String: String], folder: URL,
                                  _ findChild: @escaping @Sendable () -> Int32?) async throws -> (Int32, Bool) {
        let output = try FileDescriptor.open(FilePath(folder.appending(path: "child.log").path), .writeOnly,
                                             options: [.create, .append], permissions: .ownerReadWrite)
        let testBinary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let variables = Dictionary(uniqueKeysWithValues: environment.map { (Environment.Key(stringLiteral: $0.key), Optional($0.value)) })
        let result = try await Subprocess.run(
            .path(FilePath(testBinary)),
            arguments: ["--testing-library", "swift-testing", "--filter", "ChildWatchdogChild"],
            environment: .inherit.updating(variables), input: .none,
            output: .fileDescriptor(output, closeAfterSpawningProcess: true), error: .combinedWithOutput
        ) { execution -> (Int32, Bool)? in
            guard let child = try await firstProcess(within: .seconds(150), { findChild().map { [$0] } ?? [] }) else {
                try execution.send(signal: .kill)
                return nil
            }
            // The watchdog starts a few milliseconds after its child; a kill before that would
            // test the gap, not the watchdog.
            _ = try await firstProcess(within: .seconds(5)) { watchdogs(of: child) }
            try execution.send(signal: .kill)
            // Still inside the body, so the killed owner is an unreaped zombie: its watchdog
            // must read that as dead.
            let gone = try await ProcessFinder.waitUntilGone(child, within: allowedLag)
            if !gone { kill(child, SIGKILL) }
            return (child, gone)
        }
        #expect(result.terminationStatus == .signaled(SIGKILL))
        return try #require(result.closureResult, "the child test never started its process; see \(folder.path)/child.log")
    }

    private static func firstProcess(within limit: Duration, _ find: @Sendable () -> [Int32]) async throws -> Int32? {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if let pid = find().first { return pid }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    /// The running watchdog shells of `child` (their `$0` and third argument, as started).
    static func watchdogs(of child: Int32) -> [Int32] {
        ProcessFinder.processes(withArgument: ChildWatchdog.processName).filter { pid in
            let arguments = ProcessFinder.arguments(of: pid)
            return arguments.count > 6 && arguments[3] == ChildWatchdog.processName && arguments[6] == String(child)
        }
    }
}

/// The killed side of `ChildWatchdogTests`; runs only in the child it launches.
@Suite struct ChildWatchdogChild {
    static let toolLogVariable = "QO_WATCHDOG_TOOL_LOG"
    static let serverPIDFileVariable = "QO_WATCHDOG_SERVER_PID_FILE"

    @Test(.enabled(if: ProcessInfo.processInfo.environment[toolLogVariable] != nil))
    func holdToolUntilKilled() async throws {
        let log = try #require(ProcessInfo.processInfo.environment[Self.toolLogVariable])
        _ = try await CommandRunner.run(URL(fileURLWithPath: "/bin/sleep"), ["600"], logFile: URL(fileURLWithPath: log), timeout: .seconds(600))
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment[serverPIDFileVariable] != nil))
    func holdServerUntilKilled() async throws {
        let pidFile = try #require(ProcessInfo.processInfo.environment[Self.serverPIDFileVariable])
        var configuration = ServerTestSupport.configuration("kill9")
        configuration.logFile = URL(fileURLWithPath: pidFile).deletingLastPathComponent().appending(path: "server.log")
        try await ServerProcess.withServer(toolchain: ServerTestSupport.toolchain, configuration: configuration) { server in
            try AtomicFile.write(Data(String(server.processID).utf8), to: URL(fileURLWithPath: pidFile))
            try await Task.sleep(for: .seconds(600))
        }
    }
}
