import Foundation
import Testing

/// `quantorch score` re-scores stored answers against the suite as it is now, with no model.
@Suite struct ScoreCommandTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "qo-score-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let suite = """
            name: s
            questions:
              - id: capital
                prompt: "What is the capital of France?"
                key_facts: ["Paris"]
              - id: weight
                prompt: "What is the molecular weight of paclitaxel?"
                key_facts: [{number: 853.9, rel_tol: 0.001, unit: "g/mol"}]
            """
        try Data(suite.utf8).write(to: folder.appending(path: "suite.yaml"))
    }

    func answers(_ pairs: [(String, String)]) throws -> URL {
        try writeAnswersFile(pairs, in: folder)
    }

    @Test func answersToNoQuestionOfTheSuiteAreBadInput() async throws {
        let file = try answers([("other-question", "Paris.")])
        let result = try await QuantorchBinary.run(["score", "--suite", folder.appending(path: "suite.yaml").path, "--answers", file.path])
        #expect(result.exitCode == 2, "\(result.stderr)")
        #expect(result.stderr.contains("none of its 1 answers is to a question of"), "\(result.stderr)")
    }

    @Test func factsAreRecomputedFromTheSuiteWhateverTheStoredHits() async throws {
        let file = try answers([("capital", "Paris is the capital."), ("weight", "It weighs 853.90 g/mol.")])
        let result = try await QuantorchBinary.run(["score", "--suite", folder.appending(path: "suite.yaml").path, "--answers", file.path, "--json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let accuracy = try #require((object["metrics"] as? [String: Any])?["accuracy"] as? [String: Any])
        #expect(accuracy["value"] as? Double == 1.0)
        #expect(accuracy["n"] as? Int == 2)
    }

    @Test func aLostNumberIsAWrongAnswer() async throws {
        let file = try answers([("capital", "Paris."), ("weight", "About 850 g/mol.")])
        let result = try await QuantorchBinary.run(["score", "--suite", folder.appending(path: "suite.yaml").path, "--answers", file.path, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let accuracy = try #require((object["metrics"] as? [String: Any])?["accuracy"] as? [String: Any])
        #expect(accuracy["value"] as? Double == 0.5)
    }

    @Test func aMissingSuiteExitsTwoWithOneLine() async throws {
        let file = try answers([("capital", "Paris.")])
        let result = try await QuantorchBinary.run(["score", "--suite", folder.appending(path: "absent.yaml").path, "--answers", file.path])
        #expect(result.exitCode == 2)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("absent.yaml"))
    }

    @Test func aCutOffLastLineIsRefusedNotDroppedSilently() async throws {
        // Issue 32: 9 of 10 answers were scored with exit 0.
        let file = try answers([("capital", "Paris."), ("weight", "853.9 g/mol.")])
        let whole = try Data(contentsOf: file)
        try whole.prefix(whole.count - 10).write(to: file)
        let result = try await QuantorchBinary.run(["score", "--suite", folder.appending(path: "suite.yaml").path, "--answers", file.path])
        #expect(result.exitCode == 2, "\(result.stdout)")
        #expect(result.stderr.contains("\(file.path): its last line does not end with a newline, so it was cut off"), "\(result.stderr)")
    }

    @Test func aLineWrittenByHandWithoutAFieldNamesTheField() async throws {
        let file = folder.appending(path: "by-hand.jsonl")
        try Data("{\"question_id\": \"capital\", \"form\": \"original\", \"answer\": \"Paris\"}\n".utf8).write(to: file)
        let result = try await QuantorchBinary.run(["score", "--suite", folder.appending(path: "suite.yaml").path, "--answers", file.path])
        #expect(result.exitCode == 2, "\(result.stdout)")
        #expect(result.stderr.contains("by-hand.jsonl:1: not an answer record (missing field '"), "\(result.stderr)")
        #expect(!result.stderr.contains("DecodingError"), "\(result.stderr)")
    }
}
