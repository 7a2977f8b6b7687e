import Foundation
import Synchronization
import Testing
@testable import LlamaTools
#if canImport(Glibc)
import Glibc
#endif

/// Starting and stopping real llama-server processes, and every way a start can fail.
@Suite(.serialized, .enabled(if: ServerTestSupport.available, "needs the bootstrap's toolchain.json"))
struct ServerProcessTests {
    struct Planted: Error, Equatable {}

    @Test(.timeLimit(.minutes(3)))
    func twoServersAtOnceOnDifferentPorts() async throws {
        let toolchain = ServerTestSupport.toolchain
        let (first, second) = try await ServerProcess.withServer(toolchain: toolchain, configuration: ServerTestSupport.configuration("a")) { a in
            try await ServerProcess.withServer(toolchain: toolchain, configuration: ServerTestSupport.configuration("b")) { b in
                #expect(a.port != b.port)
                #expect(a.processID != b.processID)
                #expect(ChildProcessRegistry.live.isSuperset(of: [a.processID, b.processID]))
                let tokensA = try await a.client(timeout: .seconds(60)).tokenize("Hello")
                let tokensB = try await b.client(timeout: .seconds(60)).tokenize("Hello")
                #expect(tokensA == tokensB && !tokensA.isEmpty)
                return (a.processID, b.processID)
            }
        }
        #expect(!ServerTestSupport.isListed(first))
        #expect(!ServerTestSupport.isListed(second))
        #expect(ChildProcessRegistry.live.isDisjoint(with: [first, second]))
    }

    @Test(.timeLimit(.minutes(3)))
    func bodyErrorStopsTheServer() async throws {
        let pid = Mutex<Int32?>(nil)
        await #expect(throws: Planted()) {
            try await ServerProcess.withServer(toolchain: ServerTestSupport.toolchain, configuration: ServerTestSupport.configuration("throws")) { server in
                pid.withLock { $0 = server.processID }
                throw Planted()
            }
        }
        let started = try #require(pid.withLock { $0 })
        #expect(!ServerTestSupport.isListed(started))
    }

    @Test(.timeLimit(.minutes(3)))
    func cancellationStopsTheServer() async throws {
        let pid = Mutex<Int32?>(nil)
        let task = Task {
            try await ServerProcess.withServer(toolchain: ServerTestSupport.toolchain, configuration: ServerTestSupport.configuration("cancel")) { server in
                pid.withLock { $0 = server.processID }
                try await Task.sleep(for: .seconds(600))
            }
        }
        while pid.withLock({ $0 }) == nil {
            try await Task.sleep(for: .milliseconds(100))
        }
        let started = try #require(pid.withLock { $0 })
        #expect(ServerTestSupport.isListed(started))
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(!ServerTestSupport.isListed(started))
    }

    @Test(.timeLimit(.minutes(3)))
    func registryTerminationStopsALiveServer() async throws {
        // Only this test's child: the guard's terminate-all would also stop servers of tests
        // running in parallel.
        let pid = try await ServerProcess.withServer(toolchain: ServerTestSupport.toolchain, configuration: ServerTestSupport.configuration("registry")) { server in
            #expect(ChildProcessRegistry.live.contains(server.processID))
            ChildProcessRegistry.terminateBlocking([server.processID], grace: .seconds(5))
            #expect(ProcessStatus.hasExited(server.processID))
            return server.processID
        }
        #expect(!ServerTestSupport.isListed(pid))
        #expect(!ChildProcessRegistry.live.contains(pid))
    }

    @Test(.timeLimit(.minutes(3)))
    func takenPortIsAClearError() async throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        let port = try FreePort.pick()
        var address = FreePort.loopback(port: port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(bound == 0 && listen(fd, 1) == 0)
        var configuration = ServerTestSupport.configuration("taken")
        configuration.port = port
        let error = await #expect(throws: ServerError.self) {
            try await ServerProcess.withServer(toolchain: ServerTestSupport.toolchain, configuration: configuration) { _ in }
        }
        #expect(error == .portTaken(port: port, logFile: configuration.logFile.path))
        #expect(error?.description.contains("\(port)") == true)
    }

    @Test(.timeLimit(.minutes(3)))
    func serverThatExitsAtStartIsAClearError() async throws {
        var configuration = ServerTestSupport.configuration("badarg")
        configuration.extraArguments = ["--no-such-flag-for-quantorch"]
        let error = await #expect(throws: ServerError.self) {
            try await ServerProcess.withServer(toolchain: ServerTestSupport.toolchain, configuration: configuration) { _ in }
        }
        guard case let .endedBeforeReady(termination, model, logFile, lastLines) = error else {
            Issue.record("expected endedBeforeReady, got \(String(describing: error))")
            return
        }
        guard case let .exited(code) = termination else { Issue.record("a bad flag is an exit, not \(termination)"); return }
        #expect(code != 0)
        #expect(model == ServerTestSupport.model.lastPathComponent)
        #expect(logFile == configuration.logFile.path)
        #expect(lastLines.contains("--no-such-flag-for-quantorch"))
    }

    @Test(.timeLimit(.minutes(3)))
    func unloadableModelIsAClearError() async throws {
        let notGGUF = FileManager.default.temporaryDirectory.appending(path: "qo-not-a-model-\(UUID().uuidString).gguf")
        try Data("this is not a GGUF file".utf8).write(to: notGGUF)
        defer { try? FileManager.default.removeItem(at: notGGUF) }
        let error = await #expect(throws: ServerError.self) {
            try await ServerProcess.withServer(toolchain: ServerTestSupport.toolchain,
                                               configuration: ServerTestSupport.configuration("notgguf", model: notGGUF)) { _ in }
        }
        guard case let .endedBeforeReady(_, _, _, lastLines) = error else {
            Issue.record("expected endedBeforeReady, got \(String(describing: error))")
            return
        }
        #expect(lastLines.contains("failed to load model"))
    }

    @Test(.timeLimit(.minutes(3)))
    func healthTimeoutStopsTheServer() async throws {
        var configuration = ServerTestSupport.configuration("timeout")
        configuration.startupTimeout = .milliseconds(1)
        let error = await #expect(throws: ServerError.self) {
            try await ServerProcess.withServer(toolchain: ServerTestSupport.toolchain, configuration: configuration) { _ in }
        }
        guard case let .healthTimeout(after, logFile, _) = error else {
            Issue.record("expected healthTimeout, got \(String(describing: error))")
            return
        }
        #expect(after == .milliseconds(1))
        #expect(logFile == configuration.logFile.path)
        #expect(ServerTestSupport.runningProcesses(writingTo: configuration.logFile).isEmpty)
    }

    @Test func missingModelIsRejectedBeforeLaunch() async throws {
        let missing = URL(fileURLWithPath: "/nonexistent/qo-missing-\(UUID().uuidString).gguf")
        let configuration = ServerTestSupport.configuration("missing", model: missing)
        await #expect(throws: ServerError.modelMissing(path: missing.path)) {
            try await ServerProcess.withServer(toolchain: ServerTestSupport.toolchain, configuration: configuration) { _ in }
        }
        #expect(!FileManager.default.fileExists(atPath: configuration.logFile.path))
    }
}
