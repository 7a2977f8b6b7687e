import Testing
@testable import Evaluation

/// The census on ScorerTests' hand-made suite, each count worked out by hand.
@Suite struct SuiteCensusTests {
    @Test func countsWhatChangedOnTheSuitesQuestions() {
        let census = SuiteCensus.of(suite: ScorerTests.suite, answers: ScorerTests.variant, baseline: ScorerTests.baseline)
        // Both sides answered q1, q2, q3 original (the baseline no other form; the bias probe is not a question).
        #expect(census.questions == 3)
        #expect(census.forms == 3)
        #expect(census.formsChanged == 3)
        #expect(census.questionsChanged == 3)
        // The baseline states Paris (q1), 853.9 g/mol and C47H51NO14 (q2); the variant keeps
        // Paris and the weight and loses the formula.
        #expect(census.factsStated == 3)
        #expect(census.factsLost == [SuiteCensus.LostFact(questionID: "q2", form: "original", fact: "C47H51NO14")])
        #expect(census.rightToWrong == ["q2"])
        #expect(census.wrongToRight == ["q3"])
        #expect(census.newLoops.isEmpty)
        #expect(!census.isClean)
        #expect(census.line(baseline: "F16")
            == "3 of 3 questions answered otherwise than F16 (3 of 3 prompts), 1 of 3 key facts F16 states lost (q2: C47H51NO14), 1 answer turned wrong (q2)")
    }

    @Test func aVariantThatAnswersAsTheBaselineIsClean() {
        let census = SuiteCensus.of(suite: ScorerTests.suite, answers: ScorerTests.baseline, baseline: ScorerTests.baseline)
        #expect(census.isClean)
        #expect(census.line(baseline: "F16") == "all 3 questions answered as F16 answers them, every key fact kept (3 stated)")
    }

    @Test func aFactLostUnderSeededNoiseIsCountedApart() {
        // The noisy forms are one draw of typos and casing, not the user's questions: their
        // losses are listed, and read by the recall drop's interval rather than by the census.
        let baseline = ScorerTests.baseline + [ScorerTests.answer("q2", "noisy:case:0", "853.9 g/mol, C47H51NO14.")]
        let variant = ScorerTests.baseline + [ScorerTests.answer("q2", "noisy:case:0", "853.9 g/mol.")]
        let census = SuiteCensus.of(suite: ScorerTests.suite, answers: variant, baseline: baseline)
        #expect(census.isClean)
        #expect(census.questions == 3 && census.forms == 3 && census.formsChanged == 0)
        #expect(census.noisyForms == 1 && census.noisyFormsChanged == 1)
        #expect(census.noisyFactsLost == [SuiteCensus.LostFact(questionID: "q2", form: "noisy:case:0", fact: "C47H51NO14")])
        #expect(census.line(baseline: "F16", factsAtRisk: "no fact at risk")
            == "all 3 questions answered as F16 answers them, every key fact kept (3 stated), no fact at risk, under seeded noise, 1 of 1 prompts answered otherwise, 1 fact lost (q2: C47H51NO14)")
    }

    @Test func aNewLoopIsCounted() {
        let looping = String(repeating: "the dose is the dose is ", count: 20)
        let answers = ScorerTests.baseline.map { $0.questionID == "q3" ? ScorerTests.answer("q3", "original", looping) : $0 }
        let census = SuiteCensus.of(suite: ScorerTests.suite, answers: answers, baseline: ScorerTests.baseline)
        #expect(census.newLoops == ["q3/original"])
        #expect(!census.isClean)
    }
}
