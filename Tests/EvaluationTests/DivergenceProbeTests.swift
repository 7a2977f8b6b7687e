import LlamaTools
import Synchronization
import Testing
@testable import Evaluation

/// A hand-made tokenizer: words with their leading space, and each punctuation mark, are one
/// token each; a token's id is fixed by its text. `spacePrefix` adds a leading space as
/// SentencePiece vocabularies do.
private final class WordModel: TeacherForcingEndpoint {
    let spacePrefix: Bool
    private let asked = Mutex<[[Int]]>([])

    init(spacePrefix: Bool = false) {
        self.spacePrefix = spacePrefix
    }

    var prompts: [[Int]] { asked.withLock { $0 } }

    static func id(_ piece: String) -> Int {
        piece.unicodeScalars.reduce(7) { ($0 &* 31 &+ Int($1.value)) % 1_000_003 }
    }

    static func pieces(_ text: String) -> [String] {
        var pieces: [String] = []
        for character in text {
            if character.isPunctuation || pieces.isEmpty || character == " " || pieces.last?.last?.isPunctuation == true {
                pieces.append(String(character))
            } else {
                pieces[pieces.count - 1].append(character)
            }
        }
        return pieces
    }

    func tokenizeWithPieces(_ text: String, addSpecial: Bool, parseSpecial: Bool) async throws -> [TokenPiece] {
        Self.pieces((spacePrefix ? " " : "") + text).map { TokenPiece(id: Self.id($0), bytes: Array($0.utf8)) }
    }

    func nextTokenCandidates(promptTokens: [Int], count: Int) async throws -> [TokenCandidate] {
        asked.withLock { $0.append(promptTokens) }
        return [TokenCandidate(id: Self.id(" Paris"), piece: " Paris", logprob: -0.2), TokenCandidate(id: Self.id(" Lyon"), piece: " Lyon", logprob: -1.9)]
    }
}

/// A hand-made model with fixed tokenizations and, per context after the prompt, its next
/// tokens most likely first.
private struct PathModel: TeacherForcingEndpoint {
    let pieces: [String: [String]]
    let next: [[String]: [String]]

    static func id(_ piece: String) -> Int { WordModel.id(piece) }

    func tokenizeWithPieces(_ text: String, addSpecial: Bool, parseSpecial: Bool) async throws -> [TokenPiece] {
        try #require(pieces[text]).map { TokenPiece(id: Self.id($0), bytes: Array($0.utf8)) }
    }

    func nextTokenCandidates(promptTokens: [Int], count: Int) async throws -> [TokenCandidate] {
        let context = promptTokens.dropFirst().map { id in next.keys.flatMap { $0 }.first { Self.id($0) == id } ?? "?" }
        return try #require(next[Array(context)]).enumerated().map { TokenCandidate(id: Self.id($1), piece: $1, logprob: -Double($0 + 1)) }
    }
}

/// Where two answers part, on hand-made tokenizations: identical, at token 0, inside a fact,
/// after it, and one answer continuing the other.
struct DivergenceProbeTests {
    private func input(_ baseline: String, _ variant: String, facts: [KeyFact] = [.text("Paris")]) -> DivergenceInput {
        DivergenceInput(questionID: "capital-france", form: "original", baselineAnswer: baseline, variantAnswer: variant, facts: facts)
    }

    @Test func identicalAnswersHaveNoDivergence() async throws {
        #expect(try await DivergenceProbe(endpoint: WordModel()).locate(input("The capital is Paris.", "The capital is Paris.")) == nil)
    }

    @Test func aDifferentFirstTokenDivergesAtZero() async throws {
        let point = try #require(try await DivergenceProbe(endpoint: WordModel()).locate(input("Paris is the capital.", "Lyon is the capital.")))
        #expect(point.position == 0)
        #expect(point.offset == 0)
        #expect(point.prefixTokens.isEmpty)
        #expect(point.baselineToken?.text == "Paris" && point.variantToken?.text == "Lyon")
        #expect(point.fact == "Paris")
    }

    @Test func aDifferentFactDivergesInsideIt() async throws {
        let point = try #require(try await DivergenceProbe(endpoint: WordModel()).locate(input("The capital is Paris.", "The capital is Lyon.")))
        #expect(point.position == 3, "“The”, “␣capital”, “␣is” come first")
        #expect(point.offset == "The capital is".utf8.count)
        #expect(point.baselineToken?.text == " Paris")
        #expect(point.variantToken?.text == " Lyon")
        #expect(point.fact == "Paris", "the token “␣Paris” overlaps the statement “Paris”")
        #expect(point.prefixTokens == WordModel.pieces("The capital is").map(WordModel.id))
    }

    @Test func aDivergenceAfterTheFactIsOutsideIt() async throws {
        let point = try #require(try await DivergenceProbe(endpoint: WordModel()).locate(input("The capital is Paris.", "The capital is Paris, a city.")))
        #expect(point.offset == "The capital is Paris".utf8.count)
        #expect(point.baselineToken?.text == "." && point.variantToken?.text == ",")
        #expect(point.fact == nil)
    }

    @Test func anAnswerThatGoesOnPartsWhereTheOtherEnded() async throws {
        let probe = DivergenceProbe(endpoint: WordModel())
        let longer = try #require(try await probe.locate(input("Paris.", "Paris. It is big.")))
        #expect(longer.position == 2 && longer.offset == 6)
        #expect(longer.baselineToken == nil && longer.variantToken?.text == " It")
        #expect(longer.fact == nil, "the baseline said nothing more, so nothing of a fact")
        let shorter = try #require(try await probe.locate(input("Paris. It is big.", "Paris.")))
        #expect(shorter.variantToken == nil && shorter.baselineToken?.text == " It")
    }

    @Test func aTokenizerSpacePrefixDoesNotShiftTheOffset() async throws {
        let point = try #require(try await DivergenceProbe(endpoint: WordModel(spacePrefix: true)).locate(input("The capital is Paris.", "The capital is Lyon.")))
        #expect(point.offset == "The capital is".utf8.count)
        #expect(point.fact == "Paris")
    }

    @Test func aNumericFactIsFoundWhereTheNumberIs() async throws {
        let point = try #require(try await DivergenceProbe(endpoint: WordModel())
            .locate(input("It boils at 100 degrees.", "It boils at 90 degrees.", facts: [.text("Paris"), .number(value: 100, relTol: 0, unit: nil)])))
        #expect(point.fact == KeyFact.number(value: 100, relTol: 0, unit: nil).label)
    }

    @Test func theWalkAsksAfterThePromptAndTheCommonPrefixAndStopsWhereTheTextsPart() async throws {
        let model = WordModel()
        let probe = DivergenceProbe(endpoint: model)
        let input = input("The capital is Paris.", "The capital is Lyon.")
        let point = try #require(try await probe.locate(input))
        let path = try await probe.walk(prompt: "Q?", answer: input.variantAnswer, from: point,
                                        divergenceByte: DivergenceProbe.commonBytes(input.baselineAnswer, input.variantAnswer))
        #expect(path.count == 1, "the tokens part where the texts do: nothing to follow")
        #expect(model.prompts == [WordModel.pieces("Q?").map(WordModel.id) + point.prefixTokens])
        let settled = DivergenceProbe.settle(point, input, baseline: path, variant: path)
        #expect(settled.position == point.position && settled.offset == point.offset)
        #expect(settled.baselineTokenInVariantCandidates == true, "the variant ranks the baseline's “␣Paris” in its top k")
        #expect(DivergenceProbe.settle(point, input, baseline: path, variant: nil).baselineTokenInVariantCandidates == nil, "not measured")
    }

    /// A model generated " D" + "Cor", which its tokenizer reads back as " DC" + "or": the
    /// tokens part one token early, the greedy paths where the models chose differently.
    @Test func theGreedyPathsUndoATokenizerMerge() async throws {
        let pieces = ["A DCor.": ["A", " DC", "or", "."], "A D-Cor.": ["A", " D", "-", "Cor", "."], "Q": ["Q"]]
        let baselineModel = PathModel(pieces: pieces, next: [["A"]: [" D", " DC"], ["A", " D"]: ["Cor", "-"]])
        let variantModel = PathModel(pieces: pieces, next: [["A"]: [" D", " DC"], ["A", " D"]: ["-", "Cor"]])
        let input = DivergenceInput(questionID: "q", form: "original", baselineAnswer: "A DCor.", variantAnswer: "A D-Cor.", facts: [.text("DCor")])
        let point = try #require(try await DivergenceProbe(endpoint: variantModel).locate(input))
        #expect(point.position == 1 && point.baselineToken?.text == " DC" && point.variantToken?.text == " D")
        let divergenceByte = DivergenceProbe.commonBytes(input.baselineAnswer, input.variantAnswer)
        #expect(divergenceByte == 3)
        let variantPath = try await DivergenceProbe(endpoint: variantModel).walk(prompt: "Q", answer: input.variantAnswer, from: point, divergenceByte: divergenceByte)
        let baselinePath = try await DivergenceProbe(endpoint: baselineModel).walk(prompt: "Q", answer: input.baselineAnswer, from: point, divergenceByte: divergenceByte)
        #expect(variantPath.count == 2 && baselinePath.count == 2)
        let settled = DivergenceProbe.settle(point, input, baseline: baselinePath, variant: variantPath)
        #expect(settled.position == 2 && settled.offset == 3)
        #expect(settled.prefixTokens == [PathModel.id("A"), PathModel.id(" D")])
        #expect(settled.baselineToken?.text == "Cor" && settled.variantToken?.text == "-")
        #expect(settled.baselineCandidates?.first?.piece == "Cor" && settled.variantCandidates?.first?.piece == "-")
        #expect(settled.fact == "DCor")
        #expect(settled.baselineTokenInVariantCandidates == true)
    }

    /// The variant wrote " formula" but ranks " form" first when asked again (a near tie read
    /// the other way): the path through " form" is one it never took, so the point stays where
    /// the read-back tokens part.
    @Test func aPathTheModelsDidNotTakeLeavesThePointWhereTheTokensPart() async throws {
        let pieces = ["A form of.": ["A", " form", " of", "."], "A formula of.": ["A", " formula", " of", "."], "Q": ["Q"]]
        let baselineModel = PathModel(pieces: pieces, next: [["A"]: [" form", " formula"], ["A", " form"]: [" of", "ula"]])
        let variantModel = PathModel(pieces: pieces, next: [["A"]: [" form", " formula"], ["A", " form"]: [" of", "ula"]])
        let input = DivergenceInput(questionID: "q", form: "original", baselineAnswer: "A form of.", variantAnswer: "A formula of.", facts: [])
        let point = try #require(try await DivergenceProbe(endpoint: variantModel).locate(input))
        let divergenceByte = DivergenceProbe.commonBytes(input.baselineAnswer, input.variantAnswer)
        let variantPath = try await DivergenceProbe(endpoint: variantModel).walk(prompt: "Q", answer: input.variantAnswer, from: point, divergenceByte: divergenceByte)
        let baselinePath = try await DivergenceProbe(endpoint: baselineModel).walk(prompt: "Q", answer: input.baselineAnswer, from: point, divergenceByte: divergenceByte)
        #expect(variantPath.count == 2, "the variant's path went through “␣form”")
        let settled = DivergenceProbe.settle(point, input, baseline: baselinePath, variant: variantPath)
        #expect(settled.position == 1 && settled.offset == 1)
        #expect(settled.baselineToken?.text == " form" && settled.variantToken?.text == " formula")
        #expect(settled.variantCandidates?.map(\.piece) == [" form", " formula"])
    }

    @Test func piecesThatDoNotSpellTheAnswerAreRefused() throws {
        let pieces = [TokenPiece(id: 1, bytes: Array("Lyon".utf8))]
        #expect(throws: DivergenceProbeError.self) {
            try DivergenceProbe.point(input("Paris", "Lyon"), baseline: pieces, variant: pieces)
        }
    }
}
