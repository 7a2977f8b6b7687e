/// `search:` — which rungs of the ladder are asked the whole suite.
///
/// - `adaptive` (default): every rung is quantized and screened on its KL divergences (generic
///   and domain); a rung whose KLD alone rejects it is not evaluated, and the others are
///   searched in size order for the smallest CLOSE one (``LadderSearch``), so a ladder of n
///   candidates costs about ⌈log2 (n + 1)⌉ + 1 suite evaluations instead of n.
/// - `exhaustive`: every rung is served and asked the whole suite.
public enum SearchMode: String, Sendable, Equatable, CaseIterable {
    case adaptive
    case exhaustive
}
