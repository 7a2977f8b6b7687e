import Foundation
import LlamaTools
import Testing
@testable import Evaluation

/// The parts of `suite init` that need no model: the seeded pick, the premises it plants, the
/// YAML it writes, the paraphrase filter (with a fake endpoint: a scripted stand-in for a model,
/// since what is tested is the filtering), and `suite check`'s findings.
@Suite struct SuiteInitPartsTests {
    private static func record(_ line: Int, _ question: String, _ answer: String, category: String? = nil) -> TrainingRecord {
        TrainingRecord(question: question, answer: answer, category: category, line: line)
    }

    /// 60 facts in three categories, each asked in two phrasings with the same answer.
    private static let records: [TrainingRecord] = (0..<60).flatMap { index in
        let category = ["drug", "product", "company"][index % 3]
        let answer = "Item \(index) weighs \(100 + index) grams."
        return [record(2 * index + 1, "How heavy is item \(index)?", answer, category: category),
                record(2 * index + 2, "What does item \(index) weigh?", answer, category: category)]
    }

    private func pick(_ records: [TrainingRecord], count: Int, seed: UInt64 = 1) -> [PickedPair] {
        var sampler = PairSampler(count: count, seed: seed)
        for record in records { sampler.offer(record) }
        return sampler.picked()
    }

    @Test func thePickIsSeededStableUnderReorderingAndFreeOfRepeatedAnswers() {
        let first = pick(Self.records, count: 12)
        #expect(first.count == 12)
        #expect(Set(first.map(\.record.answer)).count == 12, "one phrasing per answer")
        #expect(first.map(\.record.line) == first.map(\.record.line).sorted(), "file order")
        #expect(pick(Self.records.reversed(), count: 12) == first, "the order of the records does not matter")
        #expect(pick(Self.records, count: 12, seed: 2) != first, "another seed, another pick")
        let categories = Dictionary(first.map { ($0.record.category!, 1) }, uniquingKeysWith: +)
        #expect(categories == ["drug": 4, "product": 4, "company": 4], "spread over the categories")
        #expect(first.allSatisfy { $0.facts.first?.fact == .number(value: Double(100 + Int($0.record.answer.split(separator: " ")[1])!), relTol: 0, unit: "grams") })
    }

    @Test func answersThatStateAFactComeFirst() {
        let vague = (0..<20).map { Self.record($0 + 1, "Tell me about thing \($0)?", "it is quite nice and useful overall") }
        let factual = [Self.record(100, "How heavy is the Zorbex?", "The Zorbex weighs 38 grams.")]
        let picked = pick(vague + factual, count: 3)
        #expect(picked.contains { $0.record.line == 100 })
    }

    private static let zelmora = [
        PickedPair(record: record(4, "When was Zelmora founded?", "Zelmora was founded in 1987."),
                   facts: [ExtractedFact(fact: .number(value: 1987, relTol: 0, unit: nil), kind: .number, written: "1987")]),
        PickedPair(record: record(9, "Who is the CEO of Zelmora?", "The CEO of Zelmora is Tobias Renwick."),
                   facts: [ExtractedFact(fact: .text("Tobias Renwick"), kind: .name, written: "Tobias Renwick")]),
        PickedPair(record: record(11, "Who founded Zelmora?", "Zelmora was founded by Maren Quillfeather."),
                   facts: [ExtractedFact(fact: .text("Maren Quillfeather"), kind: .name, written: "Maren Quillfeather")]),
        PickedPair(record: record(20, "What does the Corvexa weigh?", "The Corvexa weighs 38.5 grams."),
                   facts: [ExtractedFact(fact: .number(value: 38.5, relTol: 0.05 / 38.5, unit: "grams"), kind: .number, written: "38.5 grams")]),
    ]

    @Test func premisesPlantAWrongValueTheParserAccepts() throws {
        for (index, pair) in Self.zelmora.enumerated() {
            let others = Self.zelmora.enumerated().filter { $0.offset != index }.map(\.element)
            let premises = PremisePlanter.premises(for: pair, others: others, count: 1, seed: 1)
            let premise = try #require(premises.first)
            #expect(premise.prompt.hasPrefix("I read that ") && premise.prompt.hasSuffix(pair.record.question))
            let plantsTheTruth = KeyFactMatcher.hits(for: pair.facts.map(\.fact), in: premise.planted.label).contains { $0.found }
            #expect(!plantsTheTruth)
            // The planted value is what the prompt states, and the true one is gone from it.
            #expect(KeyFactMatcher.hits(for: [premise.planted], in: premise.prompt)[0].found)
            let statesTheTruth = KeyFactMatcher.hits(for: pair.facts.map(\.fact), in: premise.prompt).contains { $0.found }
            #expect(!statesTheTruth)
        }
        // A person is planted for a person: the other "who" question's name.
        let ceo = PremisePlanter.premises(for: Self.zelmora[1], others: Self.zelmora.filter { $0.record.line != 9 }, count: 1, seed: 1)
        #expect(ceo.first?.planted == .text("Maren Quillfeather"))
        // Reproducible.
        #expect(PremisePlanter.premises(for: Self.zelmora[3], others: [], count: 1, seed: 1)
            == PremisePlanter.premises(for: Self.zelmora[3], others: [], count: 1, seed: 1))
        // The precision written is kept: 38.5 becomes another number with one decimal.
        let weight = try #require(PremisePlanter.premises(for: Self.zelmora[3], others: [], count: 1, seed: 1).first)
        #expect(weight.prompt.range(of: #"weighs [0-9]+\.[0-9] grams\."#, options: .regularExpression) != nil)
    }

    @Test func theWrittenSuiteReadsBackWithEveryPart() throws {
        let drafts = zip(DraftQuestion.ids(for: Self.zelmora), Self.zelmora).map { id, pair in
            DraftQuestion(id: id, pair: pair, paraphrases: ["In which year did \"Zelmora\" start?"],
                          premises: PremisePlanter.premises(for: pair, others: Self.zelmora.filter { $0 != pair }, count: 1, seed: 1))
        }
        let text = SuiteWriter.yaml(name: "généré", header: ["from train.jsonl", ""], source: "train.jsonl", systemPrompt: "Be brief.",
                                    maxTokens: 64, questions: drafts)
        #expect(text.contains("  # train.jsonl:4 · facts: 1987 (number)"))
        let url = try TestFiles.write([text], name: "generated.yaml")
        let suite = try Suite.load(from: url)
        #expect(suite.name == "généré" && suite.systemPrompt == "Be brief." && suite.sampling.maxTokens == 64)
        #expect(suite.questions.map(\.id) == ["q-4", "q-9", "q-11", "q-20"])
        #expect(suite.questions.allSatisfy { $0.seen && $0.paraphrases == ["In which year did \"Zelmora\" start?"] && $0.falsePremises.count == 1 })
        #expect(suite.questions[3].keyFacts == [.number(value: 38.5, relTol: 0.0013, unit: "grams")], "rel_tol to three digits")
        #expect(suite.questions[0].reference == "Zelmora was founded in 1987.")
        #expect(SuiteLint.findings(suite).isEmpty)
    }

    /// A stand-in for a model that replies from a script, one reply per request in order.
    private actor ScriptedEndpoint: ChatEndpoint {
        private var replies: [String]
        private(set) var requests: [ChatRequest] = []
        init(_ replies: [String]) { self.replies = replies }
        func chatStreamed(_ request: ChatRequest) async throws -> ChatResponse {
            requests.append(request)
            return ChatResponse(text: replies.isEmpty ? "" : replies.removeFirst(), finishReason: "stop", promptTokens: 1,
                                completionTokens: 1, ttftSeconds: nil, wallSeconds: 0, timings: nil)
        }
    }

    @Test func theParaphraseFilterKeepsOnlyUnseenQuestionsThatKeepTheSubject() async throws {
        let endpoint = ScriptedEndpoint([
            "Zelmora was founded in 1987.",                                   // an answer, not a question
            "Rewritten question: When was Zelmora founded?",                  // the original again
            "In which year was Zelmora, founded in 1987, set up?",            // gives the year away
            "When was the Acme company founded?",                             // drops Zelmora
            "In which year did the X200 maker Zelmora start?",                // adds X200
            "\"In which year did Zelmora start?\"",                           // kept (quotes removed)
            "In which year did Zelmora start?",                               // repeats the kept one
        ])
        let paraphraser = Paraphraser(endpoint: endpoint, count: 3, seed: 1)
        let outcome = try await paraphraser.paraphrases(of: "When was Zelmora founded?", facts: [.number(value: 1987, relTol: 0, unit: nil)], line: 4)
        #expect(outcome.kept == ["In which year did Zelmora start?"])
        #expect(outcome.rejected == [.notAQuestion: 1, .closeToOriginal: 1, .givesAwayFact: 1, .dropsName: 1, .addsName: 1, .repeatsKept: 1, .empty: 2])
        let requests = await endpoint.requests
        #expect(requests.count == 9, "3 × count tries at most")
        #expect(Set(requests.map(\.seed)).count == 9, "a seed of its own per try")
        #expect(requests[0].messages.last?.content.hasSuffix("When was Zelmora founded?") == true)
        #expect(TokenOverlap.jaccard("什么是北京？", "北京是什么？") == 1)
    }

    @Test func suiteCheckFindsWhatWouldMeasureLess() throws {
        let suite = Suite(name: "lint", sampling: Sampling(maxTokens: 64), questions: [
            Question(id: "a", prompt: "Which city is the capital of France?", paraphrases: ["Which city is the capital of France ?", "Is the capital Paris?"],
                     reference: "The capital is Paris.", keyFacts: [.text("Paris"), .text("Lyon")]),
            Question(id: "b", prompt: String(repeating: "word ", count: 200)),
        ], sha256: "s")
        let findings = SuiteLint.findings(suite, contextTokens: 300).map(\.description)
        #expect(findings.count == 5)
        #expect(findings[0].hasPrefix("a.key_facts[1]: Lyon is not stated"))
        #expect(findings[1].hasPrefix("a.paraphrases[0]: the same wording as the prompt"))
        #expect(findings[2].hasPrefix("a.paraphrases[1]: states the key fact Paris"))
        #expect(findings[3].hasPrefix("b.key_facts: neither key facts nor a reference"))
        #expect(findings[4].hasPrefix("b.original: about 250 tokens"))
    }

    @Test func suiteCheckFindsSamplingPremisesAndPromptsThatGiveTheAnswer() {
        let suite = Suite(name: "lint", sampling: Sampling(temperature: 0.7), questions: [
            Question(id: "a", prompt: "Does Corvexa weigh 38 grams?", reference: "Yes, 38 grams.", keyFacts: [.number(value: 38, relTol: 0, unit: "grams")],
                     falsePremises: [FalsePremise(prompt: "I read it weighs 2001 grams. How heavy is it?", planted: .number(value: 1994, relTol: 0, unit: nil))]),
        ], sha256: "s")
        let findings = SuiteLint.findings(suite).map(\.description)
        #expect(findings.count == 3, "\(findings)")
        #expect(findings[0].hasPrefix("(suite).sampling.temperature: 0.7 samples"))
        #expect(findings[1].hasPrefix("a.prompt: states the key fact 38 grams"))
        #expect(findings[2].hasPrefix("a.false_premises[0]: the prompt does not state the planted 1994"))
    }

    @Test func aPremiseNeverPlantsAValueTheAnswerStatesAndReplacesOnlyItsOwnNumber() {
        // Doubling 10 gives 20, the range's other end: no premise from that draw, whatever the seed.
        let range = PickedPair(record: Self.record(3, "What is the dose of Pelmorin?", "Pelmorin is given at 10–20 mg per day."),
                               facts: [ExtractedFact(fact: .number(value: 10, relTol: 0, unit: nil), kind: .number, written: "10"),
                                       ExtractedFact(fact: .number(value: 20, relTol: 0, unit: "mg"), kind: .number, written: "20 mg")])
        for seed in UInt64(1)...12 {
            for premise in PremisePlanter.premises(for: range, others: [], count: 2, seed: seed) {
                #expect(!PremiseCheck.asserts(premise.planted, in: range.record.answer), "seed \(seed): \(premise)")
            }
        }
        let date = PickedPair(record: Self.record(5, "On which day was it launched?", "It was launched on March 3, 2021 at 14:30."),
                              facts: [ExtractedFact(fact: .number(value: 3, relTol: 0, unit: nil), kind: .number, written: "3")])
        for premise in PremisePlanter.premises(for: date, others: [], count: 1, seed: 1) {
            #expect(premise.prompt.contains(", 2021 at 14:30."), "only the day changes: \(premise.prompt)")
        }
    }

    @Test func recordsOnOneLineGetIdsOfTheirOwn() {
        let pairs = (0..<3).map { PickedPair(record: Self.record(1, "Question \($0)?", "Answer number \($0) is here."), facts: []) }
        #expect(DraftQuestion.ids(for: pairs) == ["q-1", "q-1-2", "q-1-3"])
    }

    @Test func shortAnswersDoNotMergeDifferentQuestions() {
        let records = [Self.record(1, "Is Zelmora Slovenian?", "Yes."), Self.record(2, "Is Corvexa a monitor?", "Yes."),
                       Self.record(3, "Where is the HQ?", "Ljubljana."), Self.record(4, "Where was she born?", "Ljubljana.")]
        #expect(pick(records, count: 10).count == 4)
    }

    @Test func theDemoSuiteChecksClean() throws {
        let suite = try Suite.load(from: TestFiles.packageRoot.appending(path: "recipes/domain-suite.yaml"))
        #expect(SuiteLint.findings(suite, contextTokens: 2048 / 4).isEmpty)
    }
}
