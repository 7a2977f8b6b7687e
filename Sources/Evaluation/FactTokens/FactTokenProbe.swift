import LlamaTools

/// Teacher-forces a baseline's answer on one model and reports, at the tokens where the answer
/// states a key fact, whether the model still ranks the baseline's token first and by what margin.
///
/// A variant's greedy answer can keep a fact by luck (its wording drifted and came back); this
/// asks the question at the fact itself: given exactly the baseline's context up to a fact
/// token, would the variant produce that token? The prompt + answer is tokenized once (special
/// tokens parsed, the model's BOS added, as the server does for a chat request); tokens are
/// placed in the text by adding up their pieces' bytes; the tokens overlapping the fact's
/// first statement (``FactLocator``; later mentions can copy the first from context) are probed
/// one per `/completion` request, in increasing order so the server's prompt cache evaluates
/// only the new token each time.
///
/// The same probe on the baseline's own server tells which facts the method can judge at all:
/// see ``FactRiskSummary``.
public struct FactTokenProbe: Sendable {
    /// The model being probed.
    public let endpoint: any TeacherForcingEndpoint
    /// Candidates asked for per position (≥ 2, so a first-ranked token has a margin).
    public let candidateCount: Int

    /// - Parameters:
    ///   - endpoint: the model to probe (a `ServerClient`, or hand-made data in tests).
    ///   - candidateCount: candidates per position, at least 2; 5 by default.
    public init(endpoint: any TeacherForcingEndpoint, candidateCount: Int = 5) {
        precondition(candidateCount >= 2, "a margin needs the best other candidate: ask for at least 2")
        self.endpoint = endpoint
        self.candidateCount = candidateCount
    }

    /// The evidence of every input, in order, as the variant `variant`.
    /// - Throws: as ``probe(_:)``.
    public func evidence(variant: String, inputs: [FactProbeInput]) async throws -> FactTokenEvidence {
        var questions: [FactTokenEvidence.Question] = []
        for input in inputs {
            questions.append(try await probe(input))
        }
        return FactTokenEvidence(variant: variant, questions: questions)
    }

    /// The evidence of one answer: one entry per key fact the answer states, in the facts' order.
    /// An answer that states none is not tokenized.
    /// - Throws: ``FactTokenProbeError/piecesDoNotSpellText(questionID:textBytes:pieceBytes:)``,
    ///   the endpoint's errors (`ServerError`: a prompt longer than the context is refused with
    ///   HTTP 400), `CancellationError`.
    public func probe(_ input: FactProbeInput) async throws -> FactTokenEvidence.Question {
        let located = input.facts.compactMap { fact in
            FactLocator.statements(of: fact, in: input.answer).first.map { (label: fact.label, statement: $0) }
        }
        guard !located.isEmpty else { return FactTokenEvidence.Question(questionID: input.questionID, facts: []) }
        let text = input.prefix + input.answer
        let tokens = try await endpoint.tokenizeWithPieces(text, addSpecial: true, parseSpecial: true)
        let starts = try byteStarts(of: tokens, spelling: text, questionID: input.questionID)
        let answerStart = starts.textStart + input.prefix.utf8.count
        let positionsPerFact = located.map { fact in
            let span = (answerStart + fact.statement.utf8.lowerBound)..<(answerStart + fact.statement.utf8.upperBound)
            return tokens.indices.filter { index in
                index > 0 && starts.offsets[index] < span.upperBound && starts.offsets[index] + tokens[index].bytes.count > span.lowerBound
            }
        }
        var candidates: [Int: [TokenCandidate]] = [:]
        for position in Set(positionsPerFact.joined()).sorted() {
            try Task.checkCancellation()
            candidates[position] = try await endpoint.nextTokenCandidates(promptTokens: tokens[..<position].map(\.id), count: candidateCount)
        }
        let facts = zip(located, positionsPerFact).map { fact, positions in
            FactEvidence(fact: fact.label, positions: positions.map {
                FactTokenPosition(position: $0, token: tokens[$0], candidates: candidates[$0] ?? [])
            })
        }
        return FactTokenEvidence.Question(questionID: input.questionID, facts: facts)
    }

    /// Each token's byte offset in the pieces' concatenation, and where `text` begins in it: the
    /// pieces must end with `text`'s bytes; what comes before is what the tokenizer added (a BOS
    /// piece such as `<s>`, a leading space).
    private func byteStarts(of tokens: [TokenPiece], spelling text: String, questionID: String) throws(FactTokenProbeError)
        -> (offsets: [Int], textStart: Int) {
        var offsets: [Int] = []
        var spelled: [UInt8] = []
        for token in tokens {
            offsets.append(spelled.count)
            spelled.append(contentsOf: token.bytes)
        }
        let bytes = Array(text.utf8)
        guard spelled.count >= bytes.count, spelled.suffix(bytes.count).elementsEqual(bytes) else {
            throw .piecesDoNotSpellText(questionID: questionID, textBytes: bytes.count, pieceBytes: spelled.count)
        }
        return (offsets, spelled.count - bytes.count)
    }
}
