/// A key fact and whether an answer contains it.
public struct FactResult: Codable, Sendable, Equatable {
    /// The fact's label.
    public var fact: String
    /// Whether it was found (NFKC + case folding for text, within tolerance for numbers).
    public var found: Bool

    /// Creates the value from its fields, as listed above.
    public init(fact: String, found: Bool) {
        self.fact = fact
        self.found = found
    }
}
