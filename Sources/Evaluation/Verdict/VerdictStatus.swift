/// A variant's standing against the baseline, from its criteria's readings on their intervals.
public enum VerdictStatus: String, Sendable, Codable {
    /// Every criterion's whole interval is inside its margin and every server check passed.
    case close = "CLOSE"
    /// Some criterion's interval straddles its margin, or a server check failed: the suite
    /// cannot tell; more questions (the estimate says how many) would decide.
    case unsure = "UNSURE"
    /// Some criterion is beyond its margin: its whole interval past it, or a significant
    /// paired loss past it.
    case rejected = "REJECTED"
}
