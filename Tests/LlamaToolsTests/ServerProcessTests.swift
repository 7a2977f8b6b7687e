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
    func takenFixedPortIsAClearErrorBeforeLaunch() async throws {
        let listener = try TestSockets.listening()
        defer { close(listener) }
        let port = try TestSockets.port(of: listener)
        var configuration = ServerTestSupport.configuration("taken")
        configuration.port = port
        let error = await #expect(throws: ServerError.self) {
            try await ServerProcess.withServer(toolchain: ServerTestSupport.toolchain, configuration: configuration) { _ in }
        }
        #expect(error == .portTaken(port: port, logFile: configuration.logFile.path))
        #expect(error?.description.contains("\(port)") == true)
        #expect(!FileManager.default.fileExists(atPath: configuration.logFile.path), "no server should have been launched")
    }

    @Test(.timeLimit(.minutes(3)))
    func bindFailureInTheLogIsAPortConflict() async throws {
        // launch skips the fixed-port check of withServer, so llama-server meets the squatter
        // itself and its log is what tells.
        let listener = try TestSockets.listening()
        defer { close(listener) }
        let port = try TestSockets.port(of: listener)
        let configuration = ServerTestSupport.configuration("bindfail")
        let executable = try ServerTestSupport.toolchain.require(.server)
        await #expect(throws: ServerError.portTaken(port: port, logFile: configuration.logFile.path)) {
            try await ServerProcess.launch(executable, configuration, port: port) { _ in }
        }
        #expect(try String(contentsOf: configuration.logFile, encoding: .utf8).contains(ServerProcess.bindFailureMarker))
    }

    @Test(.timeLimit(.minutes(3)))
    func fixedPortInTimeWaitIsServed() async throws {
        let port = try TestSockets.portInTimeWait()
        var configuration = ServerTestSupport.configuration("timewait")
        configuration.port = port
        let served = try await ServerProcess.withServer(toolchain: ServerTestSupport.toolchain, configuration: configuration) { server in
            server.port
        }
        #expect(served == port)
    }

    @Test(.timeLimit(.minutes(3)))
    func sigillWhileLoadingIsReportedAsSuchNotAsAPortConflict() async throws {
        let folder = try makeTemporaryFolder("sigill-load")
        defer { try? FileManager.default.removeItem(at: folder) }
        // A FIFO as the model: llama-server binds its port and answers /health with 503, then
        // blocks opening the FIFO, so it is loading for as long as the test needs.
        let fifo = folder.appending(path: "Q8_0.gguf")
        try #require(mkfifo(fifo.path, 0o600) == 0)
        let configuration = ServerTestSupport.configuration("sigill-load", model: fifo)
        let port = Mutex<Int?>(nil)
        // SIGILL from a CPU that refuses an instruction (AMX here) cannot happen on this
        // machine, so the test sends the real server the same signal with kill(2), after a
        // second of /health probes.
        async let killed = ProcessFinder.signalFirst(SIGILL, after: .seconds(1)) {
            let servers = ServerTestSupport.runningProcesses(writingTo: configuration.logFile)
            if let server = servers.first, let flag = ProcessFinder.arguments(of: server).firstIndex(of: "--port") {
                port.withLock { $0 = Int(ProcessFinder.arguments(of: server)[flag + 1]) }
            }
            return servers
        }
        let error = await #expect(throws: ServerError.self) {
            try await ServerProcess.withServer(toolchain: ServerTestSupport.toolchain, configuration: configuration) { _ in }
        }
        #expect(try await killed != nil)
        let servedPort = try #require(port.withLock { $0 })
        // The conditions of the original report: the /health probes' connections, closed by the
        // server (Connection: close), leave its port in TIME_WAIT, which a bind without
        // SO_REUSEADDR, the old check, took for a conflict.
        #expect(TestSockets.states(ofLocalPort: servedPort).contains("06"))
        #expect(TestSockets.plainBindFails(servedPort))
        guard case let .endedBeforeReady(termination, model, logFile, _) = error else {
            Issue.record("expected endedBeforeReady, got \(String(describing: error))")
            return
        }
        #expect(termination == .signaled(ProcessSignal(SIGILL)))
        #expect(model == "Q8_0.gguf")
        #expect(logFile == configuration.logFile.path)
        #expect(error?.description.hasPrefix("llama-server was killed by SIGILL (illegal instruction) while loading Q8_0.gguf: this llama.cpp build uses CPU instructions this machine cannot run; run `quantorch doctor`") == true)
    }

    @Test(.timeLimit(.minutes(3)))
    func sigillAfterReadyIsReportedInsteadOfTheFailedRequest() async throws {
        let configuration = ServerTestSupport.configuration("sigill-ready")
        let error = await #expect(throws: ServerError.self) {
            try await ServerProcess.withServer(toolchain: ServerTestSupport.toolchain, configuration: configuration) { server in
                // kill(2) stands in for an instruction this CPU refuses, which cannot be provoked here.
                kill(server.processID, SIGILL)
                #expect(try await ProcessFinder.waitUntilGone(server.processID, within: .seconds(10)))
                _ = try await server.client(timeout: .seconds(10)).tokenize("Hello")
            }
        }
        guard case let .endedWhileServing(termination, model, _, _) = error else {
            Issue.record("expected endedWhileServing, got \(String(describing: error))")
            return
        }
        #expect(termination == .signaled(ProcessSignal(SIGILL)))
        #expect(model == ServerTestSupport.model.lastPathComponent)
        #expect(error?.description.hasPrefix("llama-server was killed by SIGILL (illegal instruction) while serving \(model): this llama.cpp build uses CPU instructions this machine cannot run; run `quantorch doctor`") == true)
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
