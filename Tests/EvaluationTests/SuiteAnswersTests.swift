import Testing
@testable import Evaluation

@Suite struct SuiteAnswersTests {
    @Test func oneRecordPerFormInFormOrderTheFirstWinning() {
        let suite = ScorerTests.suite
        func record(_ id: String, _ form: String, _ text: String, variant: String = "v", suiteSHA: String = "s", pass: Int = 1) -> AnswerRecord {
            var record = ScorerTests.answer(id, form, text, pass: pass)
            record.variantSHA256 = variant
            record.suiteSHA256 = suiteSHA
            return record
        }
        // Two runs that shared a log appended q2 and q1 twice; an older suite and variant left lines too.
        let log = [
            record("q2", "original", "first q2"), record("q1", "original", "first q1"),
            record("q2", "original", "second q2"), record("q1", "original", "second q1"),
            record("q1", "original", "old suite", suiteSHA: "old"), record("q3", "original", "other variant", variant: "w"),
            record("q3", "original", "pass two", pass: 2),
        ]
        let picked = SuiteAnswers.pick(from: log, suite: suite, variantSHA256: "v", pass: 1)
        #expect(picked.map(\.answer) == ["first q1", "first q2"])
        #expect(SuiteAnswers.pick(from: log, suite: suite, variantSHA256: "v", pass: 2).map(\.answer) == ["pass two"])
    }
}
