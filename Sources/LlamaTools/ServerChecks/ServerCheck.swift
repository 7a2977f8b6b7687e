/// One check of whether a variant's server ran its model the way the baseline's did, and
/// whether a failure could have moved the variant's scores.
///
/// Encoded as `{name, passed, could_change_scores, detail}`.
public struct ServerCheck: Codable, Sendable, Equatable {
    /// What a check compares.
    public enum Name: String, Codable, Sendable, CaseIterable {
        /// The GGUF's chat template against the source checkpoint's and the baseline's.
        case chatTemplate = "chat_template"
        /// The token ids of the probe texts against the baseline's.
        case tokenization
        /// The server's context per slot against the recipe's.
        case context
        /// Whether the code word at the start of a suite-length prompt is still recalled.
        case truncation
    }

    /// Which check.
    public var name: Name
    /// Whether the variant's server matched. False also for an inconclusive check (its detail
    /// then starts with "inconclusive:" and `couldChangeScores` is false).
    public var passed: Bool
    /// Whether the difference found could have changed the variant's scores (false when passed
    /// or inconclusive).
    public var couldChangeScores: Bool
    /// One sentence for the report: what was compared and, on failure, the first difference.
    public var detail: String

    enum CodingKeys: String, CodingKey {
        case name, passed, detail
        case couldChangeScores = "could_change_scores"
    }

    /// A check as documented on the properties.
    public init(name: Name, passed: Bool, couldChangeScores: Bool, detail: String) {
        self.name = name
        self.passed = passed
        self.couldChangeScores = couldChangeScores
        self.detail = detail
    }

    static func pass(_ name: Name, _ detail: String) -> ServerCheck {
        ServerCheck(name: name, passed: true, couldChangeScores: false, detail: detail)
    }

    static func fail(_ name: Name, _ detail: String) -> ServerCheck {
        ServerCheck(name: name, passed: false, couldChangeScores: true, detail: detail)
    }

    static func inconclusive(_ name: Name, _ reason: String) -> ServerCheck {
        ServerCheck(name: name, passed: false, couldChangeScores: false, detail: "inconclusive: \(reason)")
    }
}
