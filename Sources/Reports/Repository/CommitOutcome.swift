import Foundation

/// What `ResultsRepository.commit` did.
public struct CommitOutcome: Sendable, Equatable {
    /// The commit holding the run (40 hex digits).
    public var commit: String
    /// The run's annotated tag, `<model_slug>/<revision first 12>/<run_id>`.
    public var tag: String
    /// report.json in the working tree.
    public var reportPath: URL
    /// False when an identical report was already committed and that run is returned instead.
    public var created: Bool

    /// Creates the value from its fields, as listed above.
    public init(commit: String, tag: String, reportPath: URL, created: Bool) {
        self.commit = commit
        self.tag = tag
        self.reportPath = reportPath
        self.created = created
    }
}
