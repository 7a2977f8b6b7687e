import Foundation

/// What `ResultsRepository.importReview` committed.
public struct ReviewImportOutcome: Sendable, Equatable {
    /// The follow-up commit on `main` (40 hex digits).
    public var commit: String
    /// The review's annotated tag, `<run tag>-review-<n>`.
    public var tag: String
    /// review.json in the working tree.
    public var reviewPath: URL
    /// What report.json now records under `review`.
    public var summary: ReviewSummary
    /// True when an earlier review of the run was replaced (its tag stays).
    public var replaced: Bool
    /// True when the file was the review already committed: nothing was committed, and
    /// `commit` and `tag` are the existing ones.
    public var unchanged: Bool

    /// Creates the value from its fields, as listed above.
    public init(commit: String, tag: String, reviewPath: URL, summary: ReviewSummary, replaced: Bool, unchanged: Bool = false) {
        self.commit = commit
        self.tag = tag
        self.reviewPath = reviewPath
        self.summary = summary
        self.replaced = replaced
        self.unchanged = unchanged
    }
}
