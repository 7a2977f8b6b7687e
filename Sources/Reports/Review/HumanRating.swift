/// A reviewer's judgement of one answer, as report.html's review mode offers it.
///
/// For every statistic (`ReviewSummary`) only `right` counts as correct: "partly" is an answer
/// a reader could not rely on, which is what the automatic rule calls wrong too (correct only
/// when every key fact is found and the answer does not loop).
public enum HumanRating: String, Codable, Sendable, Equatable, CaseIterable {
    /// The answer is right as it stands.
    case right
    /// Some of it is right, not all.
    case partly
    /// The answer is wrong.
    case wrong

    /// Whether the rating counts as a correct answer (only `right`).
    public var countsAsCorrect: Bool { self == .right }
}
