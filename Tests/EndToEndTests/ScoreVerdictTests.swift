import Foundation
import Testing

/// `quantorch score --baseline` reads the paired criteria on their intervals, as `run` does:
/// a drop that 24 questions cannot decide, 200 questions at the same rates can, and forms of one
/// question are not counted as independent evidence.
@Suite struct ScoreVerdictTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "qo-score-verdict-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// A suite of `questions` questions, each with one key fact `F<i>Z`; the first has
    /// `paraphrases` paraphrases.
    func suite(questions: Int, paraphrases: Int = 0) throws -> URL {
        var text = "name: synthetic\nquestions:\n"
        for index in 0..<questions {
            text += "  - id: q\(index)\n    prompt: \"Which code does item \(index) carry?\"\n    key_facts: [\"F\(index)Z\"]\n"
            if index == 0, paraphrases > 0 {
                text += "    paraphrases:\n" + (0..<paraphrases).map { "      - \"Tell me the code of item 0, wording \($0).\"\n" }.joined()
            }
        }
        let url = folder.appending(path: "suite-\(questions)-\(paraphrases).yaml")
        try Data(text.utf8).write(to: url)
        return url
    }

    /// Answers to every form: right (the fact stated) except for the (question, form) pairs in `wrong`.
    func answers(questions: Int, paraphrases: Int = 0, wrong: Set<String>) throws -> URL {
        var lines: [String] = []
        for index in 0..<questions {
            let forms = ["original"] + (index == 0 ? (0..<paraphrases).map { "paraphrase:\($0)" } : [])
            for form in forms {
                let answer = wrong.contains("q\(index) \(form)") ? "I do not know." : "It carries F\(index)Z."
                let record: [String: Any] = [
                    "suite_sha256": "s", "variant_sha256": "v", "question_id": "q\(index)", "form": form, "pass": 1, "prompt": "p",
                    "answer": answer, "prompt_tokens": 10, "completion_tokens": 5, "ttft_s": 0.1, "prompt_tokens_per_s": 100.0,
                    "gen_tokens_per_s": 20.0, "finish_reason": "stop", "facts": [[String: Any]](),
                ]
                lines.append(String(decoding: try JSONSerialization.data(withJSONObject: record), as: UTF8.self))
            }
        }
        let url = folder.appending(path: "answers-\(UUID().uuidString.prefix(6)).jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        return url
    }

    func verdict(suite: URL, answers: URL, baseline: URL) async throws -> [String: Any] {
        let result = try await QuantorchBinary.run(["score", "--suite", suite.path, "--answers", answers.path, "--baseline", baseline.path, "--json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try #require(object["verdict"] as? [String: Any], "\(result.stdout)")
    }

    func criterion(_ name: String, in verdict: [String: Any]) throws -> [String: Any] {
        try #require((verdict["criteria"] as? [[String: Any]])?.first { $0["name"] as? String == name }, "\(verdict)")
    }

    @Test func aDropUndecidedAt24QuestionsIsDecidedAt200() async throws {
        let small = try suite(questions: 24)
        let smallVerdict = try await verdict(suite: small, answers: try answers(questions: 24, wrong: ["q3 original", "q7 original"]),
                                             baseline: try answers(questions: 24, wrong: []))
        let smallDrop = try criterion("accuracy_drop", in: smallVerdict)
        #expect(abs((smallDrop["estimate"] as? Double ?? 0) - 2.0 / 24) < 1e-9)
        #expect(smallDrop["reading"] as? String == "undecided")
        #expect(smallVerdict["status"] as? String == "UNSURE")
        #expect((smallDrop["more_to_decide"] as? Int).map { $0 > 0 } == true, "\(smallDrop)")

        let large = try suite(questions: 200)
        let wrong = Set((0..<17).map { "q\($0 * 11) original" })
        let largeVerdict = try await verdict(suite: large, answers: try answers(questions: 200, wrong: wrong),
                                             baseline: try answers(questions: 200, wrong: []))
        let largeDrop = try criterion("accuracy_drop", in: largeVerdict)
        #expect(largeDrop["reading"] as? String == "beyond", "\(largeDrop)")
        #expect(largeVerdict["status"] as? String == "REJECTED")
    }

    @Test func identicalFormsOfOneQuestionAreNotMoreEvidence() async throws {
        // One question's fact lost: on its one form, then on all ten forms of it.
        let plain = try suite(questions: 24)
        let once = try criterion("key_fact_recall_drop", in: try await verdict(
            suite: plain, answers: try answers(questions: 24, wrong: ["q0 original"]), baseline: try answers(questions: 24, wrong: [])))
        let withForms = try suite(questions: 24, paraphrases: 9)
        let everyForm = Set(["q0 original"] + (0..<9).map { "q0 paraphrase:\($0)" })
        let tenTimes = try criterion("key_fact_recall_drop", in: try await verdict(
            suite: withForms, answers: try answers(questions: 24, paraphrases: 9, wrong: everyForm),
            baseline: try answers(questions: 24, paraphrases: 9, wrong: [])))
        // Pooled over 33 forms the drop looks like 10/33; read as 33 independent samples it
        // would be beyond 0.05. Resampled by question, it is still one question of 24.
        #expect(abs((tenTimes["estimate"] as? Double ?? 0) - 10.0 / 33) < 1e-9)
        #expect(tenTimes["reading"] as? String == "undecided", "\(tenTimes)")
        #expect((tenTimes["lower"] as? Double ?? 1) <= 0.05, "\(tenTimes)")
        let width = { (c: [String: Any]) in (c["upper"] as? Double ?? 0) - (c["lower"] as? Double ?? 0) }
        #expect(width(tenTimes) >= width(once), "\(tenTimes) vs \(once)")
    }

    @Test func aMalformedMarginIsBadInput() async throws {
        let file = try answers(questions: 2, wrong: [])
        let result = try await QuantorchBinary.run(["score", "--suite", try suite(questions: 2).path, "--answers", file.path,
                                                    "--baseline", file.path, "--margin", "accuracy=0.1"])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("unknown criterion 'accuracy'"), "\(result.stderr)")
        // The recipe's spelling of the same margin is the same margin (issue 32).
        let recipeSpelling = try await QuantorchBinary.run(["score", "--suite", try suite(questions: 2).path, "--answers", file.path,
                                                            "--baseline", file.path, "--margin", "accuracy_drop_max=0.5", "--json"])
        #expect(recipeSpelling.exitCode == 0, "\(recipeSpelling.stderr)")
        #expect(recipeSpelling.stdout.contains("\"margin\" : 0.5") || recipeSpelling.stdout.contains("\"margin\":0.5"), "\(recipeSpelling.stdout)")
    }
}

/// `--max-size` is read like the recipe's `max_size`: a malformed size is bad input (exit 2),
/// refused before any work.
@Suite struct MaxSizeFlagTests {
    @Test func aMalformedMaxSizeIsBadInput() async throws {
        for value in ["5 parsecs", "0", "120"] {
            let result = try await QuantorchBinary.run(["plan", "/nonexistent/recipe.yaml", "--max-size", value])
            #expect(result.exitCode == 2, "\(value): \(result.stderr)")
            #expect(result.stderr.contains("--max-size: expected a size of at least 1 MiB"), "\(value): \(result.stderr)")
        }
    }
}
