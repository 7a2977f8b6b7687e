import Foundation
import Subprocess
import Testing
@testable import LlamaTools
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// SIGINT/SIGTERM to a process that installed `ChildProcessGuard` stops its llama-server.
///
/// The process under test is this test binary itself, rerun with a filter that selects only
/// `ServerSignalGuardChild` and an environment variable that enables it: that child installs
/// the guard, starts a server, writes the server's PID to a file and waits to be signalled.
@Suite(.enabled(if: ServerTestSupport.available, "needs the bootstrap's toolchain.json"))
struct ServerSignalGuardTests {
    @Test(.timeLimit(.minutes(3)), arguments: [SIGINT, SIGTERM])
    func signalStopsTheServersOfTheSignalledProcess(signal: Int32) async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "qo-guard-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pidFile = folder.appending(path: "server.pid")
        let log = try FileDescriptor.open(FilePath(folder.appending(path: "child.log").path), .writeOnly,
                                          options: [.create, .append], permissions: .ownerReadWrite)
        let self_ = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var options = PlatformOptions()
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .seconds(5))]
        let result = try await Subprocess.run(
            .path(FilePath(self_)),
            arguments: ["--testing-library", "swift-testing", "--filter", "ServerSignalGuardChild"],
            environment: .inherit.updating([Environment.Key(stringLiteral: ServerTestSupport.guardPIDFileVariable): pidFile.path]),
            platformOptions: options, input: .none,
            output: .fileDescriptor(log, closeAfterSpawningProcess: true), error: .combinedWithOutput
        ) { execution -> Int32? in
            let deadline = ContinuousClock.now + .seconds(150)
            while ContinuousClock.now < deadline {
                if let text = try? String(contentsOf: pidFile, encoding: .utf8), let pid = Int32(text) {
                    try execution.send(signal: Signal(rawValue: signal))
                    return pid
                }
                try await Task.sleep(for: .milliseconds(100))
            }
            return nil
        }
        let server = try #require(result.closureResult, "the child never reported a server PID; see its log")
        #expect(result.terminationStatus == TerminationStatus.exited(128 + signal))
        #expect(!ServerTestSupport.isListed(server) || ProcessStatus.hasExited(server))
    }
}

/// The signalled side of `ServerSignalGuardTests`; runs only in the child it launches.
@Suite(.enabled(if: ProcessInfo.processInfo.environment[ServerTestSupport.guardPIDFileVariable] != nil))
struct ServerSignalGuardChild {
    @Test func holdServerUntilSignalled() async throws {
        let pidFile = try #require(ProcessInfo.processInfo.environment[ServerTestSupport.guardPIDFileVariable])
        do {
            try await ChildProcessGuard.run(message: "interrupted") {
                try await ServerProcess.withServer(toolchain: ServerTestSupport.toolchain, configuration: ServerTestSupport.configuration("guard")) { server in
                    try AtomicFile.write(Data(String(server.processID).utf8), to: URL(fileURLWithPath: pidFile))
                    try await Task.sleep(for: .seconds(600))
                }
            }
        } catch let interrupted as ChildProcessGuard.Interrupted {
            // As quantorch's commands do: the interrupt's exit code, from the main path.
            exit(interrupted.exitCode)
        }
    }
}

/// A signal that arrives once the work has finished (issue 32: Ctrl-C after the report was
/// committed printed "interrupted" and exited 130) leaves its result and exit status alone.
/// Run, like `ServerSignalGuardTests`, in a child: the guard's state is the whole process's.
@Suite struct SignalAfterTheWorkTests {
    static let resultFileVariable = "QUANTORCH_TEST_GUARD_RESULT_FILE"

    @Test(.timeLimit(.minutes(2)))
    func aSignalAfterTheWorkFinishedKeepsItsResult() async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "qo-guard-done-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let resultFile = folder.appending(path: "result")
        let self_ = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let result = try await Subprocess.run(
            .path(FilePath(self_)),
            arguments: ["--testing-library", "swift-testing", "--filter", "SignalAfterTheWorkChild"],
            environment: .inherit.updating([Environment.Key(stringLiteral: Self.resultFileVariable): resultFile.path]),
            output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
        #expect(result.terminationStatus == .exited(0), "\(result.standardOutput)\(result.standardError)")
        #expect(try String(contentsOf: resultFile, encoding: .utf8) == "7 2", "the result, and SIGINT seen by the guard")
        #expect(!result.standardError.contains("interrupted"))
    }
}

/// The signalled side of `SignalAfterTheWorkTests`; runs only in the child it launches.
@Suite(.enabled(if: ProcessInfo.processInfo.environment[SignalAfterTheWorkTests.resultFileVariable] != nil))
struct SignalAfterTheWorkChild {
    @Test func finishThenReceiveSIGINT() async throws {
        let resultFile = try #require(ProcessInfo.processInfo.environment[SignalAfterTheWorkTests.resultFileVariable])
        let value = try await ChildProcessGuard.run(message: "interrupted") { () -> Int in
            // The work is done; the signal comes as it returns, as a Ctrl-C after a commit does.
            // (The work starts as its task is created, before the guard's signal sources are
            // installed; half a second lets them be.)
            usleep(500_000)
            kill(getpid(), SIGINT)
            let deadline = ContinuousClock.now + .seconds(5)
            while ChildProcessGuard.interruptingSignal == nil && ContinuousClock.now < deadline { usleep(10_000) }
            return 7
        }
        try Data("\(value) \(ChildProcessGuard.interruptingSignal ?? 0)".utf8).write(to: URL(fileURLWithPath: resultFile))
    }
}
