import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import LlamaTools

/// The client's own transport against a real llama-server: it must sleep while the server
/// generates, stop at once when cancelled, and report refusals and timeouts as transport errors.
@Suite(.serialized)
struct ServerHTTPTransportTests {
    /// Set only in the child that `clientSleepsWhileTheServerGenerates` launches: the server's
    /// URL, and where the child writes its figures.
    static let probeURLVariable = "QO_CPU_PROBE_URL"
    static let probeResultVariable = "QO_CPU_PROBE_RESULT"

    static let story = [ChatMessage(role: "user", content: "Write a long story about a cat who travels the world.")]

    /// Regression guard for a busy-waiting client. URLSession on Linux (libcurl under
    /// swift-corelibs-foundation) spent about half a core for the whole of each request, which
    /// on a 2-core machine takes CPU from llama-server and skews its measured throughput. A
    /// client that sleeps in poll(2) costs a few milliseconds per streamed token, so its CPU
    /// time stays a small fraction of the wall time however slow the machine is; 20 % leaves
    /// room for JSON decoding and the test runner while still failing for a busy loop.
    ///
    /// The requests run in a child process (this test binary, filtered to `ServerCPUProbe`)
    /// because the measure is the whole process's CPU time (RUSAGE_SELF: every thread, including
    /// the ones the transport and Foundation start), and in this process other suites run in
    /// parallel. The server is this process's child, so neither side counts its CPU.
    @Test(.enabled(if: ServerTestSupport.available, "needs the bootstrap's toolchain.json"), .timeLimit(.minutes(6)))
    func clientSleepsWhileTheServerGenerates() async throws {
        try await ServerProcess.withServer(toolchain: ServerTestSupport.toolchain, configuration: ServerTestSupport.configuration("cpu")) { server in
            let folder = try makeTemporaryFolder("cpu-probe")
            defer { try? FileManager.default.removeItem(at: folder) }
            let result = folder.appending(path: "probe.json")
            let executable = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            let child = try await CommandRunner.run(
                executable, ["--testing-library", "swift-testing", "--filter", "ServerCPUProbe"],
                environment: [Self.probeURLVariable: server.baseURL.absoluteString, Self.probeResultVariable: result.path],
                timeout: .seconds(300))
            #expect(child.termination == .exited(0), "probe failed:\n\(child.combined.suffix(3000))")
            let probe = try JSONDecoder().decode(ServerCPUProbe.Figures.self, from: Data(contentsOf: result))
            #expect(probe.completionTokens > 100)
            #expect(probe.cpuSeconds < 0.2 * probe.wallSeconds, "client CPU \(probe.cpuSeconds) s over \(probe.wallSeconds) s of requests")
        }
    }

    @Test(.enabled(if: ServerTestSupport.available, "needs the bootstrap's toolchain.json"), .timeLimit(.minutes(3)))
    func cancellationEndsAStreamedAndAPlainRequest() async throws {
        try await ServerProcess.withServer(toolchain: ServerTestSupport.toolchain, configuration: ServerTestSupport.configuration("cancel-http")) { server in
            let client = server.client(timeout: .seconds(600))
            // Longer than the 3-minute limit at this machine's speed: only cancellation ends it in time.
            let endless = ChatRequest(messages: Self.story, temperature: 0, seed: 7, maxTokens: 100_000)
            for streamed in [true, false] {
                let task = Task { streamed ? try await client.chatStreamed(endless) : try await client.chat(endless) }
                try await Task.sleep(for: .seconds(1))
                task.cancel()
                await #expect(throws: CancellationError.self) { try await task.value }
            }
            #expect(try await client.tokenize("Hello world") == [19556, 905])
        }
    }

    @Test(.enabled(if: ServerTestSupport.available, "needs the bootstrap's toolchain.json"), .timeLimit(.minutes(3)))
    func timeoutIsATransportError() async throws {
        try await ServerProcess.withServer(toolchain: ServerTestSupport.toolchain, configuration: ServerTestSupport.configuration("timeout")) { server in
            let client = server.client(timeout: .milliseconds(300))
            let long = ChatRequest(messages: Self.story, temperature: 0, seed: 7, maxTokens: 100_000)
            let error = await #expect(throws: ServerError.self) { try await client.chatStreamed(long) }
            guard case let .transport(endpoint, reason) = error else {
                Issue.record("expected a transport error, got \(String(describing: error))")
                return
            }
            #expect(endpoint == "/v1/chat/completions")
            #expect(reason.contains("no complete reply within"))
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func refusedConnectionIsATransportError() async throws {
        let port = try FreePort.pick()
        let client = ServerClient(baseURL: URL(string: "http://127.0.0.1:\(port)")!, timeout: .seconds(10))
        let error = await #expect(throws: ServerError.self) { try await client.health() }
        #expect(error == .transport(endpoint: "/health", reason: "connect to 127.0.0.1:\(port) failed: Connection refused"))
    }

    @Test(.timeLimit(.minutes(1)))
    func remoteURLIsRejected() async throws {
        let client = ServerClient(baseURL: URL(string: "https://example.com")!, timeout: .seconds(10))
        let error = await #expect(throws: ServerError.self) { try await client.props() }
        #expect(error == .transport(endpoint: "/props", reason: HTTPFailure.unsupportedURL("https://example.com").description))
    }
}

/// The measured side of `ServerHTTPTransportTests.clientSleepsWhileTheServerGenerates`; runs
/// only in the child process it launches, alone, so that the process's CPU time is the client's.
@Suite(.enabled(if: ProcessInfo.processInfo.environment[ServerHTTPTransportTests.probeResultVariable] != nil))
struct ServerCPUProbe {
    /// What the child reports: CPU and wall seconds spent on the requests, tokens generated.
    struct Figures: Codable {
        let cpuSeconds: Double
        let wallSeconds: Double
        let completionTokens: Int
    }

    @Test(.timeLimit(.minutes(5)))
    func plainAndStreamedChatCostLittleCPU() async throws {
        let environment = ProcessInfo.processInfo.environment
        let url = try #require(environment[ServerHTTPTransportTests.probeURLVariable].flatMap(URL.init(string:)))
        let client = ServerClient(baseURL: url, timeout: .seconds(240))
        let request = ChatRequest(messages: ServerHTTPTransportTests.story, temperature: 0, seed: 7, maxTokens: 150)
        let cpuBefore = Self.processCPUSeconds()
        let wallStart = ContinuousClock.now
        let plain = try await client.chat(request)
        let streamed = try await client.chatStreamed(request)
        let figures = Figures(cpuSeconds: Self.processCPUSeconds() - cpuBefore, wallSeconds: wallStart.duration(to: .now).seconds,
                              completionTokens: plain.completionTokens + streamed.completionTokens)
        #expect(streamed.text == plain.text)
        try AtomicFile.writeJSON(figures, to: URL(fileURLWithPath: try #require(environment[ServerHTTPTransportTests.probeResultVariable])))
    }

    /// User plus system CPU time of this whole process, in seconds.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
