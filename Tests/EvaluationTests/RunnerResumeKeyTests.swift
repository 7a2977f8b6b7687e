import Foundation
import LlamaTools
import Testing
@testable import Evaluation

/// The runner's use of the resume key, with no server: a client pointed at a closed port fails
/// on any request, so a run that succeeds proves nothing was sent.
struct RunnerResumeKeyTests {
    private static let suite = Suite(name: "s", questions: [Question(id: "q1", prompt: "A?", keyFacts: [.text("a")]),
                                                            Question(id: "q2", prompt: "B?")], sha256: "suite-sha")

    private static func record(_ id: String, variant: String = "v", pass: Int = 1, suite: String = "suite-sha") -> AnswerRecord {
        AnswerRecord(suiteSHA256: suite, variantSHA256: variant, questionID: id, form: "original", pass: pass, prompt: "", answer: id,
                     promptTokens: 1, completionTokens: 1, ttftS: nil, promptTokensPerS: nil, genTokensPerS: nil, finishReason: nil, facts: [])
    }

    private static let unreachable = ServerClient(baseURL: URL(string: "http://127.0.0.1:9")!, timeout: .seconds(5))

    @Test func everythingAnsweredSendsNothing() async throws {
        let log = try AnswersLog(url: TestFiles.folder("resume-key").appending(path: "a.jsonl"))
        for record in [Self.record("q2"), Self.record("q1", variant: "other"), Self.record("q1"), Self.record("q1", pass: 2)] {
            try log.append(record)
        }
        let runner = EvaluationRunner(suite: Self.suite, client: Self.unreachable, mode: .parallel, slots: 4)
        let progress = ProgressLog()
        let records = try await runner.run(variantSHA256: "v", pass: 1, log: log) { progress.record($0, $1) }
        #expect(records == [Self.record("q1"), Self.record("q2")])
        #expect(progress.dones == [2])
    }

    @Test(arguments: [("other-variant", 1, "suite-sha"), ("v", 2, "suite-sha"), ("v", 1, "old-suite")])
    func anyKeyPartDifferingMeansAskingAgain(variant: String, pass: Int, suite: String) async throws {
        let log = try AnswersLog(url: TestFiles.folder("resume-key").appending(path: "a.jsonl"))
        try log.append(Self.record("q1", variant: variant, pass: pass, suite: suite))
        try log.append(Self.record("q2", variant: variant, pass: pass, suite: suite))
        let runner = EvaluationRunner(suite: Self.suite, client: Self.unreachable, mode: .sequential, slots: 1)
        await #expect(throws: (any Error).self) {
            _ = try await runner.run(variantSHA256: "v", pass: 1, log: log) { _, _ in }
        }
        #expect(try log.existing().count == 2)
    }
}
