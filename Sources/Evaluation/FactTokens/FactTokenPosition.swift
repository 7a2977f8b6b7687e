import LlamaTools

/// What a model makes of one token of a key fact when the baseline's answer is fed to it up to
/// that token (teacher forcing): whether it would have produced the baseline's token itself.
///
/// JSON: `{"position", "token_id", "piece", "logprob", "in_candidates", "ranked_first", "margin_nats"}`.
public struct FactTokenPosition: Codable, Sendable, Equatable {
    /// Index of the token in the tokenized prompt + answer (so the model saw `position` tokens).
    public var position: Int
    /// The baseline answer's token at this position.
    public var tokenID: Int
    /// That token's text (invalid UTF-8 replaced).
    public var piece: String
    /// The model's natural-log probability of the baseline's token; nil when it is not among the
    /// reported candidates.
    public var logprob: Double?
    /// Whether the baseline's token is among the reported candidates at all.
    public var inCandidates: Bool
    /// Whether the model ranks the baseline's token first, i.e. greedy decoding would produce it.
    public var rankedFirst: Bool
    /// Log-probability of the baseline's token minus that of the best other candidate, in nats:
    /// positive when it is first (by how much), negative when another token is first. Nil when
    /// the baseline's token is not among the candidates (its margin is then below any reported
    /// one) or when no other candidate was reported.
    public var marginNats: Double?

    /// A position as documented on the properties.
    public init(position: Int, tokenID: Int, piece: String, logprob: Double?, inCandidates: Bool, rankedFirst: Bool, marginNats: Double?) {
        self.position = position
        self.tokenID = tokenID
        self.piece = piece
        self.logprob = logprob
        self.inCandidates = inCandidates
        self.rankedFirst = rankedFirst
        self.marginNats = marginNats
    }

    /// The position judged from the model's candidates there (most likely first).
    /// - Parameters:
    ///   - position: index of the token in the sequence.
    ///   - token: the baseline's token at `position`.
    ///   - candidates: the model's next-token candidates after the first `position` tokens.
    public init(position: Int, token: TokenPiece, candidates: [TokenCandidate]) {
        let own = candidates.first { $0.id == token.id }
        let bestOther = candidates.first { $0.id != token.id }
        self.init(position: position, tokenID: token.id, piece: String(decoding: token.bytes, as: UTF8.self),
                  logprob: own?.logprob, inCandidates: own != nil, rankedFirst: candidates.first?.id == token.id,
                  marginNats: own.flatMap { own in bestOther.map { own.logprob - $0.logprob } })
    }

    enum CodingKeys: String, CodingKey {
        case position, piece, logprob
        case tokenID = "token_id", inCandidates = "in_candidates", rankedFirst = "ranked_first", marginNats = "margin_nats"
    }
}
