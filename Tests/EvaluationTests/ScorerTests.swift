import Foundation
import MetricKeys
import Testing
@testable import Evaluation

/// The scorer's aggregates on a hand-made suite and answers, each figure worked out by hand.
struct ScorerTests {
    static let suite = Suite(
        name: "hand", questions: [
            Question(id: "q1", prompt: "Capital of France?", paraphrases: ["France's capital?"], reference: "Paris",
                     keyFacts: [.text("Paris")]),
            Question(id: "q2", prompt: "Weight of taxol?", keyFacts: [.number(value: 853.9, relTol: 0, unit: "g/mol"), .text("C47H51NO14")]),
            Question(id: "q3", prompt: "Say hi.", reference: "hi"),
            Question(id: "q4", prompt: "Anything."),
        ],
        biasProbes: [BiasProbe(id: "p", template: "A {group} asks: capital of France?", groups: ["man", "woman"], keyFacts: [.text("Paris")])],
        robustness: Robustness(kinds: [.case], rate: 0.05, seed: 7, copies: 1), sha256: "s")

    static func answer(_ id: String, _ form: String, _ text: String, tokens: Int = 10, ttft: Double? = nil, pass: Int = 1) -> AnswerRecord {
        AnswerRecord(suiteSHA256: "s", variantSHA256: "v", questionID: id, form: form, pass: pass, prompt: "", answer: text,
                     promptTokens: 5, completionTokens: tokens, ttftS: ttft, promptTokensPerS: 100, genTokensPerS: 50,
                     finishReason: "stop", facts: [])
    }

    static let variant = [
        answer("q1", "original", "Paris.", tokens: 4, ttft: 0.1),
        answer("q1", "paraphrase:0", "It is Rome.", tokens: 6, ttft: 0.2),
        answer("q1", "noisy:case:0", "Paris", tokens: 2, ttft: 0.3),
        answer("q2", "original", "It weighs 853.90 g/mol.", tokens: 8, ttft: 0.4),
        answer("q2", "noisy:case:0", "No idea.", tokens: 3),
        answer("q3", "original", "Hi!", tokens: 2),
        answer("q4", "original", "Something", tokens: 1),
        answer("p", "bias:p:man", "Paris", tokens: 1),
        answer("p", "bias:p:woman", "London", tokens: 1),
        answer("q9", "original", "not in the suite"),
        answer("q1", "original", "pass two", pass: 2),
    ]

    static let baseline = [
        answer("q1", "original", "Paris is the capital of France.", tokens: 8),
        answer("q2", "original", "It weighs 853.9 g/mol, formula C47H51NO14.", tokens: 12),
        answer("q3", "original", "Hello.", tokens: 2),
    ]

    @Test func aggregatesMatchHandComputedValues() throws {
        let score = Scorer.score(suite: Self.suite, answers: Self.variant, baseline: Self.baseline)
        let m = score.metrics
        // Originals judged: q1 right (Paris), q2 wrong (formula missing), q3 right (EM "hi"); q4 has
        // neither facts nor reference → 2 of 3.
        #expect(score.correctness == ["q1": true, "q2": false, "q3": true])
        #expect(m[.accuracy]?.value == 2.0 / 3 && m[.accuracy]?.n == 3 && m[.accuracy]?.ci95 != nil)
        // Recall per question with facts: q1 1, q2 1/2 → 0.75 over 2.
        #expect(m[.keyFactRecall]?.value == 0.75 && m[.keyFactRecall]?.n == 2)
        // References on q1 ("Paris." vs "Paris") and q3 ("Hi!" vs "hi"): both exact.
        #expect(m[.exactMatch]?.value == 1 && m[.exactMatch]?.n == 2)
        #expect(m[.tokenF1]?.value == 1 && m[.rougeL]?.value == 1)
        // Baseline: q1 right, q2 right, q3 wrong ("Hello." ≠ "hi") → q2 c→w, q3 w→c, n 3.
        #expect(m[.flips]?.value == 2.0 / 3 && m[.flips]?.n == 3)
        #expect(m[.flipsCorrectToWrong]?.value == 1.0 / 3)
        #expect(m[.flipsWrongToCorrect]?.value == 1.0 / 3)
        #expect(m[.mcnemarP]?.value == 1)
        // Detail items: q1 baseline {France} ("Paris" opens the sentence): "Paris." keeps 0/1;
        // q2 baseline {853.9, C47H51NO14}: keeps 853.9 → 1/2; q3 "Hello." has none → 0.25 over 2.
        #expect(m[.detailRetention]?.value == 0.25 && m[.detailRetention]?.n == 2)
        // Paired lengths: (8→4), (12→8), (2→2) → 14/22.
        #expect(m[.lengthRatio]?.value == 14.0 / 22 && m[.lengthRatio]?.n == 3 && m[.lengthRatio]?.unit == "ratio")
        // q1: original right, paraphrase wrong → 0 of 1 questions agree; ROUGE-L("Paris.", "It is Rome.") = 0.
        #expect(m[.paraphraseConsistency]?.value == 0 && m[.paraphraseConsistency]?.n == 1)
        #expect(m[.paraphraseRougeL]?.value == 0)
        // Noisy: q1 right, q2 wrong → 1/2; clean originals of q1, q2: 1/2 → ratio 1.
        #expect(m[.robustnessRatio]?.value == 1 && m[.robustnessRatio]?.n == 2)
        // Probe recall man 1, woman 0 → gap 1; similarity ROUGE-L("Paris", "London") = 0.
        #expect(m[.biasGap]?.value == 1 && m[.biasGap]?.n == 1)
        #expect(m[.biasSimilarity]?.value == 0)
        // TTFTs 0.1 0.2 0.3 0.4: median 0.25, p90 0.37.
        #expect(abs(m[.ttftMedianS]!.value - 0.25) < 1e-12 && m[.ttftMedianS]?.n == 4)
        #expect(abs(m[.ttftP90S]!.value - 0.37) < 1e-12)
        #expect(m[.genTokensPerS]?.value == 50 && m[.genTokensPerS]?.n == 9)
        #expect(m[.loopRate]?.value == 0 && m[.loopRate]?.n == 9)
        #expect(m[.distinct1]?.n == 9)
    }

    @Test func withoutBaselineNoComparisonKeys() {
        let keys = Set(Scorer.score(suite: Self.suite, answers: Self.variant, baseline: nil).metrics.keys)
        #expect(keys.isDisjoint(with: [.flips, .mcnemarP, .detailRetention, .lengthRatio]))
        #expect(keys.contains(.accuracy))
        #expect(Scorer.score(suite: Self.suite, answers: [], baseline: nil).metrics.isEmpty)
    }

    @Test func noiseFloorComparesPassOneWithPassTwo() {
        let first = [Self.answer("q1", "original", "Paris."), Self.answer("q2", "original", "853.9 C47H51NO14"),
                     Self.answer("q3", "original", "hi")]
        let second = [Self.answer("q1", "original", "Paris.", pass: 2), Self.answer("q2", "original", "853.9 only", pass: 2),
                      Self.answer("q3", "original", "hi", pass: 2)]
        let floor = Scorer.noiseFloor(suite: Self.suite, first: first, second: second)
        #expect(floor[.differingAnswers]?.value == 1.0 / 3 && floor[.differingAnswers]?.n == 3)
        #expect(floor[.flips]?.value == 1.0 / 3 && floor[.flips]?.n == 3)
    }

    @Test func rescoreRecomputesFactsFromTheSuite() {
        var stale = Self.answer("q2", "original", "It weighs 853.90 g/mol, C47H51NO14.")
        stale.facts = [FactHit(fact: "old", found: false)]
        #expect(Scorer.rescore(stale, suite: Self.suite).facts == [FactHit(fact: "853.9 g/mol", found: true), FactHit(fact: "C47H51NO14", found: true)])
        let unknown = Self.answer("q9", "original", "x")
        #expect(Scorer.rescore(unknown, suite: Self.suite) == unknown)
    }

    @Test func answerScoresFollowTheSuiteOrder() {
        let rows = Scorer.answerScores(suite: Self.suite, answers: Self.variant, baseline: Self.baseline)
        #expect(rows.map { "\($0.questionID) \($0.form)" } == [
            "q1 original", "q1 paraphrase:0", "q1 noisy:case:0", "q2 original", "q2 noisy:case:0", "q3 original",
            "q4 original", "p bias:p:man", "p bias:p:woman",
        ])
        #expect(rows[0].baselineCorrect == true && rows[0].correct == true && rows[0].detailRetention == 0)
        #expect(rows[3].facts.map(\.found) == [true, false] && rows[3].keyFactRecall == 0.5)
        #expect(rows[6].correct == nil && rows[6].exactMatch == nil)
    }

    @Test func aLoopingAnswerIsNeverCorrectEvenWithEveryKeyFact() {
        let loop = "Paris Paris Paris Paris Paris Paris"
        #expect(LoopDetector.isLooping(loop))
        #expect(Correctness.judge(hits: [FactHit(fact: "Paris", found: true)], answer: loop, reference: nil) == false)
        #expect(Correctness.judge(hits: [], answer: "hi hi hi hi hi hi", reference: "hi hi hi hi hi hi") == false)
        // Without facts or a reference there is nothing to judge, looping or not.
        #expect(Correctness.judge(hits: [], answer: loop, reference: nil) == nil)
        #expect(Correctness.judge(hits: [FactHit(fact: "Paris", found: true)], answer: "Paris.", reference: nil) == true)
    }

    @Test func loopingAnswersCountAsWrongInAccuracyAndFlips() {
        let baseline = [Self.answer("q1", "original", "Paris."), Self.answer("q2", "original", "853.9 g/mol, C47H51NO14")]
        let variant = [Self.answer("q1", "original", "Paris is the capital. Paris is the capital. Paris is the capital."),
                       Self.answer("q2", "original", "853.9 g/mol, C47H51NO14")]
        let score = Scorer.score(suite: Self.suite, answers: variant, baseline: baseline)
        #expect(score.correctness == ["q1": false, "q2": true])
        #expect(score.metrics[.accuracy]?.value == 0.5 && score.metrics[.accuracy]?.n == 2)
        #expect(score.metrics[.flipsCorrectToWrong]?.value == 0.5)
        #expect(score.metrics[.loopRate]?.value == 0.5)
        // The facts are still reported as found: the answer holds them, it just is not usable.
        let rows = Scorer.answerScores(suite: Self.suite, answers: variant, baseline: baseline)
        #expect(rows[0].looping && rows[0].correct == false && rows[0].keyFactRecall == 1)
    }
}
