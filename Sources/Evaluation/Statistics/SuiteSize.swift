import Foundation

/// What a suite of n questions can and cannot show about a share (of questions that turned
/// wrong, of facts lost or at risk) against a margin, before any answer: the verdict reads a
/// share's census where its interval cannot decide (``CriterionOutcome/isSettled``), `plan`
/// and the report say which criteria this size decides, and the verdict states what a clean
/// census leaves open (``unseenShareBound(questions:)``).
public enum SuiteSize {
    /// Whether a share of zero over n questions reads within `margin`: the Wilson upper bound
    /// of 0 of n, z²/(n + z²) (Wilson 1927), is at most the margin.
    public static func canReadWithin(questions n: Int, margin: Double) -> Bool {
        n > 0 && WilsonInterval.z95 * WilsonInterval.z95 / (Double(n) + WilsonInterval.z95 * WilsonInterval.z95) <= margin
    }

    /// The fewest questions at which a share of zero reads within `margin` (0 < margin < 1):
    /// ⌈z²(1 − m)/m⌉, 73 at 0.05 and 35 at 0.10.
    public static func questionsToReadWithin(margin: Double) -> Int {
        precondition(margin > 0 && margin < 1, "a share's margin lies in 0…1, not \(margin)")
        var n = max(1, Int((WilsonInterval.z95 * WilsonInterval.z95 * (1 - margin) / margin).rounded(.down)))
        while !canReadWithin(questions: n, margin: margin) { n += 1 }
        return n
    }

    /// The smallest observed share of n questions whose Wilson interval lies wholly above
    /// `margin` (reads beyond), as a count and a share; nil when not even n of n does.
    public static func smallestDetectableLoss(questions n: Int, margin: Double) -> (count: Int, share: Double)? {
        guard n > 0 else { return nil }
        for k in 1...n {
            if let interval = WilsonInterval.interval(successes: Double(k), trials: Double(n)), interval.lower > margin {
                return (k, Double(k) / Double(n))
            }
        }
        return nil
    }

    /// The largest share of questions that a clean census over n questions (none of them lost
    /// anything) leaves possible at 95 % confidence: the exact one-sided Clopper–Pearson bound
    /// 1 − 0.05^(1/n) (Clopper and Pearson 1934; ≈ 3/n, the "rule of three" of Hanley and
    /// Lippman-Hand 1983, JAMA 249:1743–1745). 0.117 at 24 questions, 0.058 at 50.
    public static func unseenShareBound(questions n: Int) -> Double {
        precondition(n > 0, "a census needs at least one question")
        return 1 - pow(0.05, 1 / Double(n))
    }
}

extension SuiteSize {
    /// What a suite of `questions` can decide for each criterion against `margins`, one line
    /// each, as `plan` and the report print them: "accuracy drop (margin 0.050): 24 questions
    /// cannot read a loss of zero within (73 needed), so a clean census settles it beside a domain
    /// KLD within; a loss reads past the margin (REJECTED) from 4 of 24 (17 %)".
    public static func lines(questions: Int, margins: VerdictMargins) -> [String] {
        guard questions > 0 else { return [] }
        let shares: [(CriterionName, Double)] = [(.accuracyDrop, margins.accuracyDrop), (.keyFactRecallDrop, margins.keyFactRecallDrop),
                                                 (.flips, margins.flips), (.factsAtRisk, margins.factsAtRisk)]
        var lines = shares.map { name, margin in
            let head = "\(name.label) (margin \(String(format: "%.3f", margin))): "
            let decides = canReadWithin(questions: questions, margin: margin)
                ? "read on its interval at \(questions) questions"
                : "\(questions) questions cannot read a loss of zero within (\(questionsToReadWithin(margin: margin)) needed), so a clean census settles it beside a domain KLD within"
            let detects = smallestDetectableLoss(questions: questions, margin: margin).map {
                "a loss reads past the margin (REJECTED) from \($0.count) of \(questions) (\(Int(($0.share * 100).rounded())) %)"
            } ?? "no loss of \(questions) questions reads past the margin"
            return head + decides + "; " + detects
        }
        lines.append("domain KLD (margin \(String(format: "%.3f", margins.domainKLDMean)) nats): read on its interval over the domain corpus's chunks at any size, once the answers fill two windows")
        lines.append("beyond these \(questions) questions, a clean census leaves up to \(Int((unseenShareBound(questions: questions) * 100).rounded())) % of questions that could lose a fact unseen (95 % one-sided)")
        return lines
    }
}
