import Foundation
import Testing
@testable import Evaluation

/// The append-only answers file: whole fsynced lines, torn-line recovery, resume keys.
struct AnswersLogTests {
    static func record(_ question: String, form: String = "original", pass: Int = 1, variant: String = "v1",
                       answer: String = "Paris.") -> AnswerRecord {
        AnswerRecord(suiteSHA256: "s1", variantSHA256: variant, questionID: question, form: form, pass: pass,
                     prompt: "What is the capital of France?", answer: answer, promptTokens: 20, completionTokens: 3,
                     ttftS: nil, promptTokensPerS: 500.5, genTokensPerS: nil, finishReason: "stop",
                     facts: [FactHit(fact: "Paris", found: true)])
    }

    @Test func appendsWholeLinesWithEveryKey() throws {
        let log = try AnswersLog(url: TestFiles.folder("log").appending(path: "answers/Q8_0.jsonl"))
        #expect(try log.existing().isEmpty)
        let first = Self.record("q1", answer: "Line one\nline two \"quoted\"")
        try log.append(first)
        try log.append(Self.record("q2"))
        #expect(try log.existing() == [first, Self.record("q2")])
        let text = try String(contentsOf: log.url, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3 && lines[2].isEmpty)
        let object = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect(Set(object?.keys.map { $0 } ?? []) == [
            "suite_sha256", "variant_sha256", "question_id", "form", "pass", "prompt", "answer", "prompt_tokens",
            "completion_tokens", "ttft_s", "prompt_tokens_per_s", "gen_tokens_per_s", "finish_reason", "facts",
        ])
        #expect(object?["ttft_s"] is NSNull)
        #expect(lines[0].hasPrefix("{\"answer\":\"Line one\\nline two \\\"quoted\\\"\",\"completion_tokens\":3,"))
    }

    @Test func tornLastLineIsIgnoredThenTruncatedBeforeTheNextAppend() throws {
        let log = try AnswersLog(url: TestFiles.folder("torn").appending(path: "F16.jsonl"))
        try log.append(Self.record("q1"))
        try log.append(Self.record("q2"))
        let intact = try Data(contentsOf: log.url)
        let handle = try FileHandle(forWritingTo: log.url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"answer\":\"Par".utf8))
        try handle.close()
        #expect(try log.existing().map(\.questionID) == ["q1", "q2"])
        try log.append(Self.record("q3"))
        let after = try Data(contentsOf: log.url)
        #expect(after.prefix(intact.count) == intact)
        #expect(try log.existing().map(\.questionID) == ["q1", "q2", "q3"])
        #expect(String(decoding: after, as: UTF8.self).split(separator: "\n").count == 3)
        #expect(!String(decoding: after, as: UTF8.self).contains("\"Par{"))
    }

    @Test func aTornOnlyLineIsTruncatedToNothing() throws {
        let url = try TestFiles.folder("torn-only").appending(path: "F16.jsonl")
        try Data("{\"ans".utf8).write(to: url)
        let log = try AnswersLog(url: url)
        #expect(try log.existing().isEmpty)
        try log.append(Self.record("q1"))
        #expect(try log.existing().map(\.questionID) == ["q1"])
    }

    @Test func aBrokenCompleteLineIsAnErrorNamingItsLine() throws {
        let url = try TestFiles.folder("corrupt").appending(path: "F16.jsonl")
        let log = try AnswersLog(url: url)
        try log.append(Self.record("q1"))
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("not json\n".utf8))
        try handle.close()
        #expect {
            try log.existing()
        } throws: { error in
            guard let error = error as? AnswersLogError, case .corruptLine(let file, let line, _) = error else { return false }
            return file == url.path && line == 2 && error.description.contains("F16.jsonl:2:")
        }
    }

    @Test func resumeKeyIsSuiteVariantQuestionFormPass() {
        let keys: Set<ResumeKey> = [Self.record("q1").resumeKey]
        #expect(keys.contains(Self.record("q1", answer: "other text").resumeKey))
        #expect(!keys.contains(Self.record("q1", form: "paraphrase:0").resumeKey))
        #expect(!keys.contains(Self.record("q1", pass: 2).resumeKey))
        #expect(!keys.contains(Self.record("q1", variant: "v2").resumeKey))
        #expect(!keys.contains(Self.record("q2").resumeKey))
    }
}
