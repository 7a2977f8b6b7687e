import MetricKeys

/// A variant's scores over a suite, computed by ``Scorer/score(suite:answers:baseline:)``.
///
/// A key is absent when its sample is empty (no reference answers → no `exact_match`; no
/// baseline → no flips; …), so a present figure always has n ≥ 1.
public struct VariantScore: Sendable, Equatable {
    /// Figures by key, each defined (meaning, unit, n, source) on ``MetricKey``: every
    /// `.quality` key except `differingAnswers` (the noise floor's), and the efficiency keys the
    /// answers themselves measure — `ttftMedianS`, `ttftP90S`, `promptTokensPerS`,
    /// `genTokensPerS`. The keys against the baseline (flips, McNemar, detail retention, length
    /// ratio) need one.
    public var metrics: [MetricKey: MetricValue]
    /// Correctness of each question's original form (question id → correct); questions without
    /// a correctness value (``Correctness`` rule 3) or without an answer are absent.
    public var correctness: [String: Bool]

    /// Creates a score.
    public init(metrics: [MetricKey: MetricValue], correctness: [String: Bool]) {
        self.metrics = metrics
        self.correctness = correctness
    }
}
