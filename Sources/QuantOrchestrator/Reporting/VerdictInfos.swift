import Evaluation
import Reports

/// A verdict as report.json writes it (`variants[].verdict`).
public enum VerdictInfos {
    /// The report's form of `verdict`, with the server checks run on the variant.
    public static func info(_ verdict: VariantVerdict, checks: [ServerCheckInfo]) -> VerdictInfo {
        VerdictInfo(status: verdict.status.rawValue, summary: verdict.summary, moreToDecide: verdict.moreToDecide,
                    criteria: verdict.criteria.map { criterion in
                        CriterionInfo(name: criterion.name.rawValue, estimate: criterion.estimate, lower: criterion.interval.lower,
                                      upper: criterion.interval.upper, margin: criterion.margin, reading: criterion.reading.rawValue,
                                      n: criterion.n, unit: criterion.unit, method: criterion.method, pValue: criterion.pValue,
                                      moreToDecide: criterion.moreToDecide, line: criterion.line)
                    },
                    checks: checks)
    }
}
