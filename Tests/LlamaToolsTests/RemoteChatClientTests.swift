import Foundation
import Testing
@testable import LlamaTools

/// `RemoteChatClient` against a real llama-server started with an API key, reached over HTTPS
/// through a socat TLS terminator with a self-signed certificate, and over plain HTTP.
@Suite(.serialized, .enabled(if: ServerTestSupport.available && TLSTerminator.available,
                             "needs the bootstrap's toolchain.json, socat and openssl"))
struct RemoteChatClientTests {
    static let variable = "QO_TEST_ENDPOINT_KEY"
    static let model = "smollm2-135m"

    /// Quotes, a backslash, a line break and non-ASCII text: curl's config quoting must carry
    /// them through, or the server rejects the JSON.
    static let request = ChatRequest(
        messages: [ChatMessage(role: "system", content: "Answer \"briefly\" \\ in one line.\nMerci, café."),
                   ChatMessage(role: "user", content: "What is the capital of France?")],
        temperature: 0, seed: 42, maxTokens: 6)

    @Test(.timeLimit(.minutes(4)))
    func answersOverHTTPSAndHTTPAndReportsRefusedKeysAndUntrustedCertificates() async throws {
        let folder = try makeTemporaryFolder("remote")
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = "qo-remote-key-\(UUID().uuidString)"
        let wrongKey = "qo-wrong-key-\(UUID().uuidString)"
        var configuration = ServerTestSupport.configuration("remote")
        configuration.logFile = folder.appending(path: "server.log")
        configuration.apiKey = key
        try await ServerProcess.withServer(toolchain: ServerTestSupport.toolchain, configuration: configuration) { server in
            try await TLSTerminator.withTerminator(in: folder, forwardingTo: server.port) { tls in
                let client = try Self.client(tls.baseURL, key: key, caFile: tls.certificate)
                let url = tls.baseURL.absoluteString + "/chat/completions"
                #expect(client.completionsURL.absoluteString == url)

                let answer = try await client.chatStreamed(Self.request)
                #expect(!answer.text.isEmpty)
                #expect(["stop", "length"].contains(answer.finishReason ?? ""))
                #expect((1...6).contains(answer.completionTokens))
                #expect(answer.promptTokens > 10)
                let ttft = try #require(answer.ttftSeconds)
                #expect(ttft > 0 && ttft <= answer.wallSeconds)
                #expect(answer.timings == nil)

                let wrong = try Self.client(tls.baseURL, key: wrongKey, caFile: tls.certificate)
                let refused = try await Self.failure(of: wrong)
                guard case let .keyRefused(refusedURL, model, 401, Self.variable, true, _) = refused else {
                    Issue.record("expected keyRefused 401, got \(refused)")
                    return
                }
                #expect(refusedURL == url && model == Self.model)
                #expect(refused.description.contains("$\(Self.variable)"))
                #expect(!refused.description.contains(key) && !refused.description.contains(wrongKey))

                let anonymous = try Self.client(tls.baseURL, key: nil, caFile: tls.certificate)
                guard case .keyRefused(_, _, 401, Self.variable, false, _) = try await Self.failure(of: anonymous) else {
                    Issue.record("expected keyRefused 401 without a key")
                    return
                }

                let untrusted = try Self.client(tls.baseURL, key: key, caFile: nil)
                let certificateError = try await Self.failure(of: untrusted)
                guard case .certificateNotTrusted(url, Self.model, nil, _) = certificateError else {
                    Issue.record("expected certificateNotTrusted without ca_file, got \(certificateError)")
                    return
                }
                #expect(certificateError.description.contains("ca_file"))

                let otherCA = try await TLSTerminator.makeCertificate(in: folder, named: "other").certificate
                let misdirected = try Self.client(tls.baseURL, key: key, caFile: otherCA)
                let wrongCAError = try await Self.failure(of: misdirected)
                guard case .certificateNotTrusted(url, Self.model, otherCA.path, _) = wrongCAError else {
                    Issue.record("expected certificateNotTrusted naming the ca_file, got \(wrongCAError)")
                    return
                }
                #expect(wrongCAError.description.contains("ca_file \(otherCA.path)"))

                let garbage = folder.appending(path: "not-a-certificate.pem")
                try Data("not a certificate\n".utf8).write(to: garbage)
                let unusable = try Self.client(tls.baseURL, key: key, caFile: garbage)
                guard case .caFileUnusable(_, _, garbage.path, _) = try await Self.failure(of: unusable) else {
                    Issue.record("expected caFileUnusable for a file that is not PEM")
                    return
                }
            }

            let plain = try Self.client(URL(string: "http://127.0.0.1:\(server.port)/v1")!, key: key, caFile: nil)
            #expect(try await !plain.chatStreamed(Self.request).text.isEmpty)

            let missing = try Self.client(URL(string: "http://127.0.0.1:\(server.port)/nowhere")!, key: key, caFile: nil)
            guard case .httpStatus(_, _, 404, _) = try await Self.failure(of: missing) else {
                Issue.record("expected HTTP 404 for a path the server does not serve")
                return
            }
        }
        for file in try Self.files(under: folder) {
            let contents = try Data(contentsOf: file)
            #expect(contents.range(of: Data(key.utf8)) == nil, "\(file.path) holds the key")
            #expect(contents.range(of: Data(wrongKey.utf8)) == nil, "\(file.path) holds the wrong key")
        }
    }

    @Test(.timeLimit(.minutes(3)))
    func cancellationStopsCurlAndAnOverlongRequestTimesOut() async throws {
        let endless = ChatRequest(messages: ServerHTTPTransportTests.story, temperature: 0, seed: 7, maxTokens: 100_000)
        try await ServerProcess.withServer(toolchain: ServerTestSupport.toolchain, configuration: ServerTestSupport.configuration("remote-cancel")) { server in
            let baseURL = URL(string: "http://127.0.0.1:\(server.port)/v1")!
            let client = try Self.client(baseURL, key: nil, caFile: nil)
            let task = Task { try await client.chatStreamed(endless) }
            // The answer takes minutes at this machine's speed: only cancellation ends it in time.
            while Self.curlChildren().isEmpty { try await Task.sleep(for: .milliseconds(50)) }
            #expect(Self.curlChildren().count == 1)
            task.cancel()
            await #expect(throws: CancellationError.self) { try await task.value }
            #expect(Self.curlChildren().isEmpty)

            let impatient = try RemoteChatClient(baseURL: baseURL, model: Self.model, apiKey: nil, apiKeyVariable: Self.variable,
                                                 timeout: .seconds(1))
            let error = try await Self.failure(of: impatient, endless)
            #expect(error == .timedOut(url: baseURL.absoluteString + "/chat/completions", model: Self.model, after: .seconds(1)))
        }
    }

    @Test func namesARefusedConnectionAndAnUnknownHost() async throws {
        let port = try FreePort.pick()
        let refusedClient = try Self.client(URL(string: "http://127.0.0.1:\(port)/v1")!, key: "k", caFile: nil)
        let refused = try await Self.failure(of: refusedClient)
        guard case .connectionRefused("http://127.0.0.1:\(port)/v1/chat/completions", Self.model, _) = refused else {
            Issue.record("expected connectionRefused, got \(refused)")
            return
        }
        // RFC 6761: .invalid never resolves, with or without a network.
        let unknown = try Self.client(URL(string: "https://no-such-host.invalid/v1")!, key: "k", caFile: nil)
        let unresolved = try await Self.failure(of: unknown)
        #expect(unresolved == .hostNotFound(url: "https://no-such-host.invalid/v1/chat/completions", model: Self.model,
                                            host: "no-such-host.invalid"))
    }

    static func client(_ baseURL: URL, key: String?, caFile: URL?) throws -> RemoteChatClient {
        try RemoteChatClient(baseURL: baseURL, model: model, apiKey: key, apiKeyVariable: variable,
                             caFile: caFile, timeout: .seconds(120))
    }

    static func failure(of client: RemoteChatClient, _ request: ChatRequest = request) async throws -> RemoteChatError {
        let error = await #expect(throws: RemoteChatError.self) { try await client.chatStreamed(request) }
        return try #require(error)
    }

    /// Live curl processes whose parent is this test process.
    static func curlChildren() -> [Int32] {
        let me = getpid()
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return stat.contains("(curl)") && fields.count > 1 && fields[0] != "Z" && Int32(fields[1]) == me
        }
    }

    static func files(under folder: URL) throws -> [URL] {
        let enumerator = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]))
        return enumerator.compactMap { $0 as? URL }.filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
    }
}
