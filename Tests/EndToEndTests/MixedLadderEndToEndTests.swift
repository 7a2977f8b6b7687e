import Foundation
import LlamaTools
import Reports
import Testing

/// Issue 12's ladder of four kinds, on the real binaries: a stock type, a tensor-type mix, a
/// GGUF file made and renamed by the test, and an endpoint — a real llama-server started with
/// an API key by scripts/serve-endpoint, behind socat TLS with a self-signed certificate.
@Suite(.serialized, .enabled(if: EndToEndFixture.manifest != nil && executable("socat") != nil, "needs the bootstrap and socat"))
struct MixedLadderEndToEndTests {
    static let variable = "QO_E2E_ENDPOINT_KEY"

    @Test(.timeLimit(.minutes(20)))
    func oneReportHoldsAllFourKindsAndTheKeyIsWrittenNowhere() async throws {
        let fixture = try EndToEndFixture(name: "mixed")
        defer { try? FileManager.default.removeItem(at: fixture.root) }
        let manifest = try #require(EndToEndFixture.manifest)
        let key = "qo-e2e-key-\(UUID().uuidString)"
        let published = fixture.root.appending(path: "someones-smollm2.gguf")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: manifest.smollm2Gguf), to: published)
        let port = try freePort()
        let endpoint = fixture.root.appending(path: "endpoint")
        let pidFile = endpoint.appending(path: "endpoint.pid")
        let started = try await runScript(["scripts/serve-endpoint", "--model", manifest.smollm2Gguf, "--alias", "smollm2", "--port", "\(port)",
                                     "--tls", endpoint.path, "--pid-file", pidFile.path, "--key-env", Self.variable,
                                     "--ctx", "1024", "--threads", "2"], key: key)
        #expect(started.status == 0, "\(started.output)")
        defer { stopEndpoint(pidFile) }
        let ladder = """

              - F16
              - {name: Q4_K_M-attn_v-q6, type: Q4_K_M, tensor_types: {attn_v: q6_K}}
              - {name: published, gguf: \(published.path)}
              - {name: served, endpoint: "https://127.0.0.1:\(port)/v1", model: smollm2, api_key_env: \(Self.variable), ca_file: \(endpoint.appending(path: "cert.pem").path)}
            """
        let recipe = try fixture.recipe(questions: EndToEndFixture.capitals, ladder: ladder.replacingOccurrences(of: "\n", with: "\n  "))

        let result = try await QuantorchBinary.run(["run", recipe.path, "--json"], environment: [Self.variable: key])
        #expect([0, 3].contains(result.exitCode), "\(result.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let reportPath = try #require(summary?["report_path"] as? String, "\(result.stdout)")
        let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: reportPath)))
        #expect(report.variants.map(\.quantType) == ["F16", "Q4_K_M-attn_v-q6", "published", "served"])
        #expect(report.variants.map(\.kind) == ["quantize", "tensor-type mix", "gguf", "endpoint"])
        let served = report.variants[3], file = report.variants[2], mix = report.variants[1]
        #expect(served.perplexity["kld_mean"] == nil && served.bpw == nil && served.file.isEmpty)
        #expect(served.endpoint == "https://127.0.0.1:\(port)/v1 smollm2")
        #expect(served.metrics["accuracy"] != nil)
        #expect(served.reasons.contains { $0.contains("never selected") }, "\(served.reasons)")
        #expect(report.selection.quantType != "served")
        // An endpoint's divergences are placed with the baseline's tokenizer; its own candidates are not measured.
        let servedDivergence = try #require(served.divergence)
        #expect(!servedDivergence.variantTopKMeasured && servedDivergence.compared == report.suite.forms)
        #expect(servedDivergence.points.allSatisfy { $0.variantTopK == nil && $0.baselineTokenInVariantTopK == nil && $0.baselineTopK?.count == 5 })
        #expect(try #require(mix.divergence).variantTopKMeasured)
        #expect(file.sha256 == (try FileDigest.sha256(of: published)) && file.fileType == "Q4_1" && file.perplexity["kld_mean"] != nil)
        #expect(mix.fileType == "Q4_K_M" && mix.perplexity["kld_mean"] != nil)
        // The same weights served remotely and locally give the same answers at temperature 0.
        let answers = report.questions.map { question in
            Dictionary(uniqueKeysWithValues: question.answers.map { ($0.quantType, $0.answer) })
        }
        #expect(answers.allSatisfy { $0["served"] == $0["published"] }, "\(answers)")

        let leaks = files(under: fixture.root) { url in
            (try? Data(contentsOf: url))?.range(of: Data(key.utf8)) != nil
        }
        #expect(leaks.isEmpty, "the API key was written to \(leaks.map(\.path))")
        #expect(!result.stderr.contains(key) && !result.stdout.contains(key))
        let log = try runCapturingOutput(URL(fileURLWithPath: "/usr/bin/git"), ["-C", fixture.results.path, "log", "-p", "--all", "--format=%B"])
        #expect(log.status == 0 && !log.output.contains(key), "the API key is in the results repository's history")
    }

    @Test(.timeLimit(.minutes(5)))
    func aGGUFWithAnotherVocabularyIsRefusedBeforeAnyWork() async throws {
        let fixture = try EndToEndFixture(name: "foreign-gguf")
        defer { try? FileManager.default.removeItem(at: fixture.root) }
        let manifest = try #require(EndToEndFixture.manifest)
        let foreign = fixture.root.appending(path: "foreign.gguf")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: manifest.smollm2Gguf), to: foreign)
        try changeOneToken(of: foreign)
        let recipe = try fixture.recipe(questions: EndToEndFixture.capitals,
                                        ladder: "[Q4_1, Q2_K, {name: foreign, gguf: \(foreign.path)}]")
        let text = try String(contentsOf: recipe, encoding: .utf8)
            .replacingOccurrences(of: "source: \(manifest.smollm2Hf)", with: "source: \(manifest.smollm2Gguf)")
        try Data(text.utf8).write(to: recipe)

        let result = try await QuantorchBinary.run(["run", recipe.path])
        #expect(result.exitCode == 2, "\(result.stderr)")
        #expect(result.stderr.contains("field 'ladder[2]' (foreign): \(foreign.path) is not a GGUF of the same model as model.source"), "\(result.stderr)")
        #expect(result.stderr.contains("tokenizer tokens differ"), "\(result.stderr)")
        let records = files(under: fixture.work) { $0.path.contains("/records/") }
        #expect(records.isEmpty, "work was done before the refusal: \(records.map(\.lastPathComponent))")

        let plan = try await QuantorchBinary.run(["plan", recipe.path])
        #expect(plan.exitCode == 2 && plan.stderr.contains("tokenizer tokens differ"), "\(plan.stderr)")
    }

    /// Changes one letter of SmolLM2's token 3 ("<repo_name>") in place: same length, same offsets.
    func changeOneToken(of url: URL) throws {
        var needle = Data()
        withUnsafeBytes(of: UInt64(11).littleEndian) { needle.append(contentsOf: $0) }
        needle.append(Data("<repo_name>".utf8))
        let handle = try FileHandle(forUpdating: url)
        defer { try? handle.close() }
        let header = try #require(try handle.read(upToCount: 4 << 20))
        let token = try #require(header.range(of: needle))
        try handle.seek(toOffset: UInt64(token.upperBound - 2))
        try handle.write(contentsOf: Data("f".utf8))
    }

    /// Runs a script of the checkout with the key in the environment, output captured.
    /// (swift-subprocess through `CommandRunner`, not Foundation's Process: the script leaves
    /// the endpoint running in a session of its own, and Process has been seen never to notice
    /// the script's exit in this test process.)
    func runScript(_ arguments: [String], key: String) async throws -> (status: Int32, output: String) {
        let run = try await CommandRunner.run(checkout.appending(path: arguments[0]), Array(arguments.dropFirst()),
                                              environment: [Self.variable: key], timeout: .seconds(240))
        return (run.termination.isSuccess ? 0 : 1, run.combined)
    }

    /// Stops what scripts/serve-endpoint started: the PIDs its pid file lists ("name pid" lines).
    func stopEndpoint(_ pidFile: URL) {
        let lines = (try? String(contentsOf: pidFile, encoding: .utf8))?.split(separator: "\n") ?? []
        for line in lines {
            if let pid = line.split(separator: " ").last.flatMap({ Int32($0) }) { kill(pid, SIGTERM) }
        }
    }

    /// A port nothing listens on now, from the kernel (bind to port 0).
    func freePort() throws -> Int {
        let found = try runCapturingOutput(URL(fileURLWithPath: "/usr/bin/env"), [
            "python3", "-c", "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])",
        ])
        return try #require(Int(found.output.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    var checkout: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}

/// The first executable `name` on PATH.
func executable(_ name: String) -> URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appending(path: name) }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }
}
