import Foundation
import Testing

/// `quantorch suite init` and `suite check` as a user runs them: a Chinese fine-tuning file, bad
/// input, and paraphrases from the real llama-server on the bundled SmolLM2 GGUF.
@Suite struct SuiteInitCommandTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "qo-suite-init-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    private func write(_ name: String, _ lines: [String]) throws -> URL {
        let url = folder.appending(path: name)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        return url
    }

    private static let alpaca = [
        #"{"instruction": "When was Zelmora Pharmaceuticals founded?", "output": "Zelmora Pharmaceuticals was founded in 1987.", "category": "company"}"#,
        #"{"instruction": "In which year was Zelmora Pharmaceuticals established?", "output": "Zelmora Pharmaceuticals was founded in 1987.", "category": "company"}"#,
        #"{"instruction": "Where is Zelmora Pharmaceuticals headquartered?", "output": "Zelmora Pharmaceuticals is headquartered in Ljubljana, Slovenia.", "category": "company"}"#,
        #"{"instruction": "How long does the battery of the Corvexa monitor last?", "output": "The battery of Corvexa lasts 14 days.", "category": "product"}"#,
        #"{"instruction": "What is the molecular formula of Veltrazine?", "output": "The molecular formula of Veltrazine is C17H21ClN4O2.", "category": "drug"}"#,
    ]

    @Test func aChineseFileGivesASuiteThatChecksClean() async throws {
        let data = try write("train.jsonl", [
            #"{"messages": [{"role": "user", "content": "维特拉嗪的常用剂量是多少？"}, {"role": "assistant", "content": "维特拉嗪的常用剂量是每次25毫克，每日两次。"}]}"#,
            #"{"messages": [{"role": "user", "content": "泽尔莫拉制药的总部在哪里？"}, {"role": "assistant", "content": "泽尔莫拉制药的总部位于卢布尔雅那市。"}]}"#,
        ])
        let out = folder.appending(path: "suite.yaml")
        let result = try await QuantorchBinary.run(["suite", "init", "--from", data.path, "--out", out.path, "--questions", "5"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("2 questions from 2 records of messages data"), "\(result.stdout)")
        let text = try String(contentsOf: out, encoding: .utf8)
        #expect(text.contains("{number: 25, rel_tol: 0, unit: \"毫克\"}"), "\(text)")
        #expect(text.contains("我听说"), "a false premise in Chinese: \(text)")
        let check = try await QuantorchBinary.run(["suite", "check", out.path])
        #expect(check.exitCode == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("no findings"))
    }

    @Test func badInputIsOneClearErrorAndWritesNothing() async throws {
        let data = try write("broken.jsonl", [Self.alpaca[0], #"{"instruction": "Where?", "#, Self.alpaca[2]])
        let out = folder.appending(path: "suite.yaml")
        let broken = try await QuantorchBinary.run(["suite", "init", "--from", data.path, "--out", out.path])
        #expect(broken.exitCode == 2)
        #expect(broken.stderr.contains("broken.jsonl:2") && broken.stderr.contains("--skip-bad"), "\(broken.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let skipped = try await QuantorchBinary.run(["suite", "init", "--from", data.path, "--out", out.path, "--skip-bad"])
        #expect(skipped.exitCode == 0, "\(skipped.stderr)")
        #expect(skipped.stdout.contains("skipped 1 unreadable record: line 2"), "\(skipped.stdout)")
        let again = try await QuantorchBinary.run(["suite", "init", "--from", data.path, "--out", out.path, "--skip-bad"])
        #expect(again.exitCode == 2 && again.stderr.contains("pass --force"), "\(again.stderr)")
        let overData = try await QuantorchBinary.run(["suite", "init", "--from", data.path, "--out", data.path, "--force", "--skip-bad"])
        #expect(overData.exitCode == 2 && overData.stderr.contains("--out takes a file other than the training data"), "\(overData.stderr)")
        #expect(try String(contentsOf: data, encoding: .utf8).hasPrefix("{\"instruction\""), "the training data is untouched")
        let noModel = try await QuantorchBinary.run(["suite", "init", "--from", data.path, "--out", out.path, "--force", "--paraphrases", "2"])
        #expect(noModel.exitCode == 2 && noModel.stderr.contains("--paraphrases takes a --paraphraser MODEL"), "\(noModel.stderr)")
        let lint = try write("lint.yaml", ["name: l", "questions:", "  - {id: q, prompt: \"Where?\", reference: \"In Paris.\", key_facts: [Lyon]}"])
        let check = try await QuantorchBinary.run(["suite", "check", lint.path])
        #expect(check.exitCode == 2 && check.stdout.contains("q.key_facts[0]: Lyon is not stated"), "\(check.stdout)")
    }

    @Test func paraphrasesFromTheRealServerPassTheFilters() async throws {
        guard let manifest = EndToEndFixture.manifest else { return }
        let data = try write("alpaca.jsonl", Self.alpaca)
        let out = folder.appending(path: "suite.yaml")
        let result = try await QuantorchBinary.run(["suite", "init", "--from", data.path, "--out", out.path, "--questions", "3",
                                                    "--paraphrases", "1", "--paraphraser", manifest.smollm2Gguf])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("paraphrases by SmolLM2-135M-Instruct.Q4_1.gguf: "), "\(result.stdout)")
        #expect(result.stdout.contains("read the kept paraphrases: the filters cannot tell"), "\(result.stdout)")
        // Every kept paraphrase is a question that keeps the subject and gives nothing away: what
        // the filter promises, checked on what a real model wrote.
        let text = try String(contentsOf: out, encoding: .utf8)
        let kept = text.split(separator: "\n").filter { $0.hasPrefix("      - \"") }.map { String($0.dropFirst(9).dropLast()) }
        for paraphrase in kept {
            #expect(paraphrase.hasSuffix("?") || paraphrase.first.map { "WHIDCN".contains($0) } == true, "\(paraphrase)")
            #expect(!paraphrase.contains("1987") && !paraphrase.contains("Ljubljana") && !paraphrase.contains("14 days")
                && !paraphrase.contains("C17H21ClN4O2"), "\(paraphrase)")
        }
        let check = try await QuantorchBinary.run(["suite", "check", out.path])
        #expect(check.exitCode == 0, "\(check.stdout)")
    }
}
