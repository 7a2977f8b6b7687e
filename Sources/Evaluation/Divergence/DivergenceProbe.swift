import LlamaTools

/// Finds where a variant's answer first parts from the baseline's, and asks a model for its
/// ranking of the next token there (llama-server `/completion` with `n_probs` on the
/// chat-templated prompt followed by the common prefix, `n_predict: 1`; llama.cpp
/// tools/server/README.md).
///
/// Tokens, not characters: two answers that part in the middle of a word part at the token
/// where the models' choices differed. Both answers are tokenized by one server (for a
/// quantized variant the vocabulary is the baseline's), alone, so the token sequences are the
/// tokenizer's reading of each text; a model's own generated sequence can differ where a text
/// has more than one tokenization, which greedy decoding of these models rarely produces.
public struct DivergenceProbe: Sendable {
    /// The server that tokenizes and ranks.
    public let endpoint: any TeacherForcingEndpoint
    /// Candidates asked for per divergence.
    public let candidateCount: Int

    /// - Parameters:
    ///   - endpoint: the model to ask (a `ServerClient`, or hand-made data in tests).
    ///   - candidateCount: candidates per divergence, at least 1; 5 by default.
    public init(endpoint: any TeacherForcingEndpoint, candidateCount: Int = 5) {
        precondition(candidateCount >= 1, "ask for at least one candidate")
        self.endpoint = endpoint
        self.candidateCount = candidateCount
    }

    /// The divergence of `input`'s two answers, without candidates; nil when they are the same
    /// text.
    /// - Throws: the endpoint's errors, `DivergenceProbeError.piecesDoNotSpellAnswer`,
    ///   `CancellationError`.
    public func locate(_ input: DivergenceInput) async throws -> DivergencePoint? {
        guard input.baselineAnswer != input.variantAnswer else { return nil }
        let baseline = try await endpoint.tokenizeWithPieces(input.baselineAnswer, addSpecial: false, parseSpecial: false)
        let variant = try await endpoint.tokenizeWithPieces(input.variantAnswer, addSpecial: false, parseSpecial: false)
        return try Self.point(input, baseline: baseline, variant: variant)
    }

    /// The model's `candidateCount` most likely next tokens after `prompt` (tokenized with the
    /// model's BOS and special tokens, as the server does for a chat request) followed by
    /// `prefixTokens`.
    /// - Parameter prompt: the chat-templated prompt, ending with the assistant's header.
    /// - Throws: the endpoint's errors (`ServerError.httpStatus` 400 for a context overflow),
    ///   `CancellationError`.
    public func candidates(prompt: String, prefixTokens: [Int]) async throws -> [TokenCandidate] {
        let promptTokens = try await endpoint.tokenizeWithPieces(prompt, addSpecial: true, parseSpecial: true).map(\.id)
        return try await endpoint.nextTokenCandidates(promptTokens: promptTokens + prefixTokens, count: candidateCount)
    }

    /// The divergence of two tokenized answers: the first index where their token ids differ
    /// (or the shorter one's length when one continues the other), nil when they are equal.
    /// `fact` names the first of `input.facts` whose statement in the baseline's answer
    /// (``FactLocator``) overlaps the baseline's token there.
    /// - Throws: `DivergenceProbeError.piecesDoNotSpellAnswer` when a tokenization does not end
    ///   with its answer's bytes (what comes before them is what the tokenizer added, such as a
    ///   leading space).
    public static func point(_ input: DivergenceInput, baseline: [TokenPiece], variant: [TokenPiece]) throws(DivergenceProbeError) -> DivergencePoint? {
        let baselineLead = try leadingBytes(baseline, spelling: input.baselineAnswer, input: input, side: "baseline")
        _ = try leadingBytes(variant, spelling: input.variantAnswer, input: input, side: "variant")
        let common = zip(baseline, variant).prefix { $0.id == $1.id }.count
        guard common < max(baseline.count, variant.count) else { return nil }
        let prefixBytes = baseline[..<common].reduce(0) { $0 + $1.bytes.count }
        let offset = max(0, prefixBytes - baselineLead)
        let baselineToken = common < baseline.count ? baseline[common] : nil
        var fact: String?
        if let baselineToken {
            let span = offset..<max(offset + 1, prefixBytes + baselineToken.bytes.count - baselineLead)
            fact = input.facts.first { keyFact in
                FactLocator.statements(of: keyFact, in: input.baselineAnswer).contains { $0.utf8.overlaps(span) }
            }?.label
        }
        return DivergencePoint(questionID: input.questionID, form: input.form, position: common, offset: offset,
                               prefixTokens: baseline[..<common].map(\.id), baselineToken: baselineToken.map(token),
                               variantToken: common < variant.count ? token(variant[common]) : nil, fact: fact)
    }

    private static func token(_ piece: TokenPiece) -> DivergencePoint.Token {
        DivergencePoint.Token(id: piece.id, text: String(decoding: piece.bytes, as: UTF8.self))
    }

    /// How many bytes the tokenizer put before `text`'s own.
    private static func leadingBytes(_ pieces: [TokenPiece], spelling text: String, input: DivergenceInput, side: String) throws(DivergenceProbeError) -> Int {
        let spelled = pieces.flatMap(\.bytes)
        let bytes = Array(text.utf8)
        guard spelled.count >= bytes.count, spelled.suffix(bytes.count).elementsEqual(bytes) else {
            throw .piecesDoNotSpellAnswer(questionID: input.questionID, form: input.form, side: side, textBytes: bytes.count, pieceBytes: spelled.count)
        }
        return spelled.count - bytes.count
    }
}
