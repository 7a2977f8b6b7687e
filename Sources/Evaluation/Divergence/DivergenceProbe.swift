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

    /// The model's greedy path along its own `answer` from `point`'s common prefix to where the
    /// two answers part: one entry per step, the model's `candidateCount` most likely next tokens
    /// after `prompt` (tokenized with the model's BOS and special tokens, as the server does for a
    /// chat request) + the path so far. A step whose most likely token spells the answer's next
    /// bytes and ends at or before `divergenceByte` is followed; the walk stops at the first step
    /// that reaches or crosses it, or whose most likely token the answer does not continue with
    /// (the answer was not the model's greedy choice there), after at most `maxSteps` steps.
    ///
    /// The walk undoes a tokenizer's merging: an answer generated as " D" + "Cor…" reads back as
    /// " DC" + "or…", so the tokens of the two texts can part before the models did.
    /// - Parameters:
    ///   - prompt: the chat-templated prompt, ending with the assistant's header.
    ///   - divergenceByte: the UTF-8 bytes the two answers share (``commonBytes(_:_:)``).
    /// - Throws: the endpoint's errors (`ServerError.httpStatus` 400 for a context overflow),
    ///   `CancellationError`.
    public func walk(prompt: String, answer: String, from point: DivergencePoint, divergenceByte: Int, maxSteps: Int = 8) async throws -> [[TokenCandidate]] {
        let promptTokens = try await endpoint.tokenizeWithPieces(prompt, addSpecial: true, parseSpecial: true).map(\.id)
        let bytes = Array(answer.utf8)
        var context = point.prefixTokens
        var offset = point.offset
        var steps: [[TokenCandidate]] = []
        while steps.count < maxSteps {
            try Task.checkCancellation()
            let candidates = try await endpoint.nextTokenCandidates(promptTokens: promptTokens + context, count: candidateCount)
            steps.append(candidates)
            guard offset < divergenceByte, let top = candidates.first, let next = Self.advance(top, in: bytes, at: offset), next <= divergenceByte else { break }
            context.append(top.id)
            offset = next
        }
        return steps
    }

    /// The UTF-8 bytes two texts share from their start.
    public static func commonBytes(_ first: String, _ second: String) -> Int {
        zip(first.utf8, second.utf8).prefix { $0 == $1 }.count
    }

    /// `point` moved along the steps both models' greedy paths share (``walk(prompt:answer:from:divergenceByte:maxSteps:)``
    /// of each), to the first step where their most likely tokens differ: its position, offset
    /// and prefix grow by the shared steps, each model's token there is its most likely one and
    /// its candidates are that step's; `fact` is found again for the baseline's token.
    ///
    /// The move holds only when both models' most likely tokens at that step are what their own
    /// answers continue with (or the answer ended there): a near tie measured one way here and
    /// chosen the other way in generation (" form" over " formula") leads the path somewhere
    /// neither model was. Then, and without the variant's path (an endpoint), the point stays
    /// where the read-back tokens parted, with those tokens and the first step's candidates.
    public static func settle(_ point: DivergencePoint, _ input: DivergenceInput, baseline: [[TokenCandidate]], variant: [[TokenCandidate]]?) -> DivergencePoint {
        let baselineBytes = Array(input.baselineAnswer.utf8)
        let variantBytes = Array(input.variantAnswer.utf8)
        var moved = point
        var step = 0
        if let variant {
            while step + 1 < min(baseline.count, variant.count), let top = baseline[step].first, top.id == variant[step].first?.id,
                  let next = advance(top, in: baselineBytes, at: moved.offset) {
                moved.prefixTokens.append(top.id)
                moved.offset = next
                step += 1
            }
            let ownChoice = { (steps: [[TokenCandidate]], bytes: [UInt8]) -> Bool in
                moved.offset >= bytes.count || steps[step].first.map { advance($0, in: bytes, at: moved.offset) != nil } == true
            }
            if step > 0, ownChoice(baseline, baselineBytes), ownChoice(variant, variantBytes) {
                moved.position = point.position + step
                moved.baselineToken = token(baseline[step], in: baselineBytes, at: moved.offset)
                moved.variantToken = token(variant[step], in: variantBytes, at: moved.offset)
            } else {
                moved = point
                step = 0
            }
        }
        moved.baselineCandidates = baseline.indices.contains(step) ? baseline[step] : nil
        moved.variantCandidates = variant.flatMap { $0.indices.contains(step) ? $0[step] : nil }
        moved.fact = moved.baselineToken.flatMap { fact(in: input, from: moved.offset, to: moved.offset + $0.text.utf8.count) }
        return moved
    }

    /// The first of `input.facts` whose statement in the baseline's answer (``FactLocator``)
    /// overlaps the baseline's token, UTF-8 bytes `start` to `end` of it (at least one byte).
    private static func fact(in input: DivergenceInput, from start: Int, to end: Int) -> String? {
        let span = start..<max(start + 1, end)
        return input.facts.first { fact in FactLocator.statements(of: fact, in: input.baselineAnswer).contains { $0.utf8.overlaps(span) } }?.label
    }

    /// Where the answer's bytes stand after `candidate`'s, when they continue with them.
    private static func advance(_ candidate: TokenCandidate, in bytes: [UInt8], at offset: Int) -> Int? {
        let piece = Array(candidate.piece.utf8)
        guard !piece.isEmpty, offset <= bytes.count, bytes[offset...].starts(with: piece) else { return nil }
        return offset + piece.count
    }

    /// A model's most likely token at `offset` of its answer; nil when the answer ended there.
    private static func token(_ candidates: [TokenCandidate], in bytes: [UInt8], at offset: Int) -> DivergencePoint.Token? {
        guard offset < bytes.count, let top = candidates.first else { return nil }
        return DivergencePoint.Token(id: top.id, text: top.piece)
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
        let fact = baselineToken.flatMap { self.fact(in: input, from: offset, to: prefixBytes + $0.bytes.count - baselineLead) }
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
