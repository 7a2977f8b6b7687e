/// Robustness ratio (docs/EVALUATION.md "Metrics"; the ratio form is ours): accuracy on the noisy forms
/// over accuracy on the clean originals of the same questions. 1 means noise costs nothing;
/// 0.5 means half the accuracy is lost.
///
/// noisy accuracy = correct noisy answers / noisy answers with a correctness value; clean
/// accuracy = correct originals / originals with a correctness value, over the questions that
/// have noisy forms. nil when either count is 0 or clean accuracy is 0 (no ratio exists).
public enum RobustnessRatio {
    /// The ratio, or nil.
    public static func ratio(noisyCorrect: Int, noisyTotal: Int, cleanCorrect: Int, cleanTotal: Int) -> Double? {
        guard noisyTotal > 0, cleanTotal > 0, cleanCorrect > 0 else { return nil }
        return (Double(noisyCorrect) / Double(noisyTotal)) / (Double(cleanCorrect) / Double(cleanTotal))
    }
}
