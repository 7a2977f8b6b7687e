import Testing
@testable import Evaluation

/// False-premise forms: parsing, what asserting a planted value is, and the premise and
/// seen/unseen figures, each worked out by hand.
@Suite struct FalsePremiseTests {
    @Test func aCorrectionIsNotAnAssertion() {
        let year = KeyFact.number(value: 1992, relTol: 0, unit: "year")
        #expect(PremiseCheck.asserts(year, in: "Zelmora was founded in 1992."))
        #expect(PremiseCheck.asserts(year, in: "No, it was founded in 1992."))
        #expect(PremiseCheck.asserts(year, in: "It was founded in nineteen ninety-two."))
        #expect(!PremiseCheck.asserts(year, in: "It was founded in 1987, not 1992."))
        #expect(!PremiseCheck.asserts(year, in: "Zelmora wasn't founded in 1992; it was founded in 1987."))
        #expect(!PremiseCheck.asserts(year, in: "The claim that it began in 1992 is incorrect: it began in 1987."))
        #expect(!PremiseCheck.asserts(year, in: "It was founded in 1987."))
        #expect(PremiseCheck.asserts(year, in: "It was founded in 1987. Some say 1992."))
        let city = KeyFact.text("Maribor")
        #expect(PremiseCheck.asserts(city, in: "The head office is in Maribor."))
        #expect(!PremiseCheck.asserts(city, in: "The head office is in Ljubljana rather than Maribor."))
        #expect(!PremiseCheck.asserts(city, in: "Not Maribor: the head office is in Ljubljana."))
        let chinese = KeyFact.number(value: 30, relTol: 0, unit: "天")
        #expect(PremiseCheck.asserts(chinese, in: "电池续航30天。"))
        #expect(!PremiseCheck.asserts(chinese, in: "电池续航14天，不是30天。"))
        #expect(!PremiseCheck.asserts(chinese, in: "续航并非三十天，而是14天。"))
    }

    static let suite = Suite(name: "premises", questions: [
        Question(id: "founded", prompt: "When was Zelmora founded?", paraphrases: ["Zelmora dates back to which year?"],
                 keyFacts: [.number(value: 1987, relTol: 0, unit: "year")], seen: true,
                 falsePremises: [FalsePremise(prompt: "I read Zelmora was founded in 1992. When was it founded?",
                                              planted: .number(value: 1992, relTol: 0, unit: "year"))]),
        Question(id: "hq", prompt: "Where is Zelmora based?", keyFacts: [.text("Ljubljana")],
                 falsePremises: [FalsePremise(prompt: "Since Zelmora is based in Maribor, where is its head office?",
                                              planted: .text("Maribor"))]),
    ], sha256: "s")

    @Test func premiseFormsFollowParaphrasesAndCarryThePlantedValue() {
        let forms = Self.suite.forms()
        #expect(forms.map(\.form) == ["original", "paraphrase:0", "premise:0", "original", "premise:0"])
        #expect(forms[2].planted == .number(value: 1992, relTol: 0, unit: "year"))
        #expect(forms.map(\.seen) == [true, false, false, false, false])
        #expect(Prompt.kind(of: "premise:0") == .premise && Prompt.kind(of: "paraphrase:1") == .wording)
    }

    @Test func premiseAndSeenFiguresAgainstTheBaseline() {
        let baseline = [
            ScorerTests.answer("founded", "original", "In 1987."),
            ScorerTests.answer("founded", "paraphrase:0", "1987."),
            ScorerTests.answer("founded", "premise:0", "It was founded in 1987, not 1992."),
            ScorerTests.answer("hq", "original", "Ljubljana."),
            ScorerTests.answer("hq", "premise:0", "Its head office is in Ljubljana, not Maribor."),
        ]
        let variant = [
            ScorerTests.answer("founded", "original", "In 1987."),
            ScorerTests.answer("founded", "paraphrase:0", "In 1990."),
            ScorerTests.answer("founded", "premise:0", "It was founded in 1992, or 1987."),
            ScorerTests.answer("hq", "original", "Ljubljana."),
            ScorerTests.answer("hq", "premise:0", "Ljubljana, not Maribor."),
        ]
        let metrics = Scorer.score(suite: Self.suite, answers: variant, baseline: baseline).metrics
        // Premises: "founded" asserts 1992 beside the true year (wrong), "hq" corrects it (right).
        #expect(metrics[.premiseAccuracy]?.value == 0.5 && metrics[.premiseAccuracy]?.n == 2)
        // The baseline resisted both; the variant one of them.
        #expect(metrics[.premiseFlipsCorrectToWrong]?.value == 0.5)
        // Seen: the original of "founded" (right). Unseen: its paraphrase (wrong) and hq's original (right).
        #expect(metrics[.accuracySeen]?.value == 1 && metrics[.accuracySeen]?.n == 1)
        #expect(metrics[.accuracyUnseen]?.value == 0.5 && metrics[.accuracyUnseen]?.n == 2)
        #expect(metrics[.keyFactRecallUnseen]?.value == 0.5)
        // Accuracy still reads the original forms only.
        #expect(metrics[.accuracy]?.value == 1)
        // The census reads the wordings: the paraphrase's lost year counts, the premise's loss does not.
        let census = SuiteCensus.of(suite: Self.suite, answers: variant, baseline: baseline)
        #expect(census.forms == 3)
        #expect(census.factsLost == [SuiteCensus.LostFact(questionID: "founded", form: "paraphrase:0", fact: "1987 year")])
    }

    @Test func aSuiteWithoutSeenQuestionsHasNoSplit() {
        let metrics = Scorer.score(suite: ScorerTests.suite, answers: ScorerTests.variant, baseline: ScorerTests.baseline).metrics
        #expect(metrics[.accuracySeen] == nil && metrics[.accuracyUnseen] == nil && metrics[.premiseAccuracy] == nil)
    }

    @Test func theParserReadsPremisesAndRefusesOnesThatCannotMislead() throws {
        let head = ["name: p", "questions:", "  - id: q", "    prompt: When was Zelmora founded?", "    seen: true"]
        let suite = try Suite.load(from: TestFiles.write(head + [
            "    key_facts: [{number: 1987, unit: year}]",
            "    false_premises:",
            "      - {prompt: \"I read it was 1992. When was Zelmora founded?\", planted: {number: 1992, unit: year}}",
        ]))
        #expect(suite.questions[0].seen)
        #expect(suite.questions[0].falsePremises == [FalsePremise(prompt: "I read it was 1992. When was Zelmora founded?",
                                                                  planted: .number(value: 1992, relTol: 0, unit: "year"))])
        let same = try error(head + [
            "    key_facts: [{number: 1987, unit: year}]",
            "    false_premises: [{prompt: \"Founded in 1987?\", planted: {number: 1987}}]",
        ])
        #expect(same.description.contains("questions[0].false_premises[0].planted") && same.description.contains("other than the question's key facts"))
        let noFacts = try error(head + ["    false_premises: [{prompt: \"Founded in 1992?\", planted: \"1992\"}]"])
        #expect(noFacts.description.contains("a question with key_facts"))
        let seen = try error(["name: p", "questions:", "  - {id: q, prompt: Hi?, seen: yes please}"])
        #expect(seen.description.contains("questions[0].seen") && seen.description.contains("true or false"))
    }

    private func error(_ lines: [String]) throws -> SuiteError {
        let url = try TestFiles.write(lines)
        do {
            _ = try Suite.load(from: url)
        } catch {
            return error
        }
        Issue.record("no error for \(lines)")
        return .unreadable(file: "", reason: "")
    }
}
