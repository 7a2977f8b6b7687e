/// Whether one key fact was found in one answer (``KeyFactMatcher``); stored per answer in
/// answers files as `{"fact": "<label>", "found": true}`.
public struct FactHit: Codable, Sendable, Equatable {
    /// The fact's ``KeyFact/label``.
    public var fact: String
    /// Whether the answer contains it.
    public var found: Bool

    /// Creates a hit.
    public init(fact: String, found: Bool) {
        self.fact = fact
        self.found = found
    }
}
