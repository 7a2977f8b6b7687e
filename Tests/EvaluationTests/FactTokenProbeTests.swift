import Foundation
import LlamaTools
import Synchronization
import Testing
@testable import Evaluation

/// A hand-made model: a fixed tokenization and, per position, the candidates it reports.
private final class ScriptedModel: TeacherForcingEndpoint {
    let pieces: [String]
    /// Candidates per position; a position not listed ranks the text's own token first by 2 nats.
    let script: [Int: [TokenCandidate]]
    private let asked = Mutex<[Int]>([])

    init(pieces: [String], script: [Int: [TokenCandidate]] = [:]) {
        self.pieces = pieces
        self.script = script
    }

    /// Token ids: a piece's index in `pieces` plus 100 (so ids are not positions).
    static func id(of piece: String, in pieces: [String]) -> Int { pieces.firstIndex(of: piece)! + 100 }

    var positionsAsked: [Int] { asked.withLock { $0 } }

    func tokenizeWithPieces(_ text: String, addSpecial: Bool, parseSpecial: Bool) async throws -> [TokenPiece] {
        #expect(pieces.joined() == text)
        return pieces.map { TokenPiece(id: Self.id(of: $0, in: pieces), bytes: Array($0.utf8)) }
    }

    func nextTokenCandidates(promptTokens: [Int], count: Int) async throws -> [TokenCandidate] {
        let position = promptTokens.count
        asked.withLock { $0.append(position) }
        if let scripted = script[position] { return scripted }
        return [TokenCandidate(id: Self.id(of: pieces[position], in: pieces), piece: pieces[position], logprob: -0.1),
                TokenCandidate(id: 1, piece: " other", logprob: -2.1)]
    }
}

/// Teacher forcing on hand-made candidates: which tokens are probed, at risk, margins, summaries.
struct FactTokenProbeTests {
    static let prefix = ["<|im_start|>", "user", "\n", "Dose", "?", "<|im_end|>", "\n", "<|im_start|>", "assistant", "\n"]
    static let answerPieces = ["Take", " 1", "50", " mg", " of", " Paracetamol", " daily", "."]
    static let pieces = prefix + answerPieces
    static let input = FactProbeInput(questionID: "dose", prefix: prefix.joined(), answer: answerPieces.joined(),
                                      facts: [.number(value: 150, relTol: 0, unit: "mg"), .text("paracetamol"), .text("ibuprofen")])

    private static func candidate(_ piece: String, _ logprob: Double) -> TokenCandidate {
        TokenCandidate(id: pieces.firstIndex(of: piece).map { $0 + 100 } ?? 7, piece: piece, logprob: logprob)
    }

    @Test func probesOnlyTheTokensOfStatedFacts() async throws {
        let model = ScriptedModel(pieces: Self.pieces)
        let evidence = try await FactTokenProbe(endpoint: model).probe(Self.input)
        #expect(evidence.facts.map(\.fact) == ["150 mg", "paracetamol"])
        #expect(evidence.facts[0].positions.map(\.position) == [11, 12])
        #expect(evidence.facts[0].positions.map(\.piece) == [" 1", "50"])
        #expect(evidence.facts[1].positions.map(\.position) == [15])
        #expect(model.positionsAsked == [11, 12, 15])
    }

    @Test func aVariantThatKeepsTheFactByLuckIsAtRisk() async throws {
        let variantGreedyAnswer = "Take 150 mg of paracetamol daily."
        #expect(KeyFactMatcher.hits(for: Self.input.facts, in: variantGreedyAnswer).map(\.found) == [true, true, false])
        let lucky = ScriptedModel(pieces: Self.pieces, script: [12: [Self.candidate("5", -0.6), Self.candidate("50", -0.9)]])
        let luckyEvidence = try await FactTokenProbe(endpoint: lucky).probe(Self.input)
        let dose = luckyEvidence.facts[0]
        #expect(dose.atRisk)
        #expect(dose.positions[1].rankedFirst == false)
        #expect(dose.positions[1].inCandidates)
        #expect(abs(try #require(dose.positions[1].marginNats) - -0.3) < 1e-9)
        #expect(abs(try #require(dose.minMarginNats) - -0.3) < 1e-9)
        #expect(luckyEvidence.facts[1].atRisk == false)

        let steady = ScriptedModel(pieces: Self.pieces, script: [11: [Self.candidate(" 1", -0.2), Self.candidate(" 2", -1.7)]])
        let steadyEvidence = try await FactTokenProbe(endpoint: steady).probe(Self.input)
        #expect(steadyEvidence.facts.allSatisfy { !$0.atRisk })
        #expect(steadyEvidence.facts.flatMap(\.positions).allSatisfy { $0.rankedFirst && ($0.marginNats ?? 0) > 0 })
        #expect(abs(try #require(steadyEvidence.facts[0].minMarginNats) - 1.5) < 1e-9)
    }

    @Test func aTokenOutsideTheCandidatesHasNoMargin() async throws {
        let lost = ScriptedModel(pieces: Self.pieces, script: [15: [Self.candidate(" aspirin", -0.5), Self.candidate(" it", -1.0)]])
        let fact = try await FactTokenProbe(endpoint: lost).probe(Self.input).facts[1]
        #expect(fact.atRisk)
        #expect(fact.positions[0].inCandidates == false)
        #expect(fact.positions[0].logprob == nil)
        #expect(fact.positions[0].marginNats == nil)
        #expect(fact.minMarginNats == nil)
    }

    @Test func anAnswerWithoutFactsIsNotTokenized() async throws {
        let model = ScriptedModel(pieces: ["unused"])
        let input = FactProbeInput(questionID: "q", prefix: "p", answer: "I do not know.", facts: [.text("Paris")])
        #expect(try await FactTokenProbe(endpoint: model).probe(input).facts.isEmpty)
        #expect(model.positionsAsked.isEmpty)
    }

    @Test func piecesThatDoNotSpellTheTextAreRefused() async throws {
        let pieces = Self.prefix + ["Take", " 150", " mg"]
        let input = FactProbeInput(questionID: "dose", prefix: Self.prefix.joined(), answer: "Take 150 mg", facts: [.number(value: 150, relTol: 0, unit: nil)])
        let bytes = pieces.joined().utf8.count
        await #expect(throws: FactTokenProbeError.piecesDoNotSpellText(questionID: "dose", textBytes: bytes, pieceBytes: bytes + 1)) {
            try await FactTokenProbe(endpoint: RewritingModel(pieces: pieces)).probe(input)
        }
        #expect(try await FactTokenProbe(endpoint: ScriptedModel(pieces: pieces)).probe(input).facts[0].positions.map(\.piece) == [" 150"])
    }

    @Test func leadingTokensTheTokenizerAddsAreSkipped() async throws {
        let model = ScriptedModel(pieces: ["<s>"] + Self.pieces)
        let input = FactProbeInput(questionID: "dose", prefix: Self.prefix.joined(), answer: Self.answerPieces.joined(), facts: [.text("Paracetamol")])
        let bos = BOSModel(inner: model)
        #expect(try await FactTokenProbe(endpoint: bos).probe(input).facts[0].positions.map(\.position) == [16])
    }
}

/// A tokenizer that spells the text with one byte changed, as a normalizing one would.
private struct RewritingModel: TeacherForcingEndpoint {
    let pieces: [String]

    func tokenizeWithPieces(_ text: String, addSpecial: Bool, parseSpecial: Bool) async throws -> [TokenPiece] {
        pieces.enumerated().map { TokenPiece(id: $0.offset, bytes: Array($0.element.utf8)) } + [TokenPiece(id: 0, bytes: [0x20])]
    }

    func nextTokenCandidates(promptTokens: [Int], count: Int) async throws -> [TokenCandidate] { [] }
}

/// A tokenizer that adds a BOS piece `<s>` before the text, as Llama's does.
private struct BOSModel: TeacherForcingEndpoint {
    let inner: ScriptedModel

    func tokenizeWithPieces(_ text: String, addSpecial: Bool, parseSpecial: Bool) async throws -> [TokenPiece] {
        #expect(addSpecial && parseSpecial)
        return try await inner.tokenizeWithPieces("<s>" + text, addSpecial: addSpecial, parseSpecial: parseSpecial)
    }

    func nextTokenCandidates(promptTokens: [Int], count: Int) async throws -> [TokenCandidate] {
        try await inner.nextTokenCandidates(promptTokens: promptTokens, count: count)
    }
}
