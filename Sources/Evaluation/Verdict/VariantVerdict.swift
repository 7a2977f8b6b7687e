/// A variant's verdict: its status, the criteria it rests on and the checks that failed.
public struct VariantVerdict: Sendable, Equatable {
    /// The criteria read, in ``CriterionName`` order; a criterion without data is absent.
    public var criteria: [CriterionOutcome]
    /// Server checks that failed in a way that could have changed the scores.
    public var failedChecks: [String]
    /// Why the variant was not asked the suite, or nil when it was (``VerdictEvidence/notEvaluated``).
    public var notEvaluated: String?

    /// Memberwise.
    public init(criteria: [CriterionOutcome], failedChecks: [String], notEvaluated: String? = nil) {
        self.criteria = criteria
        self.failedChecks = failedChecks
        self.notEvaluated = notEvaluated
    }

    /// REJECTED when any criterion is beyond; CLOSE when all are within, there is at least
    /// one, no check failed and the suite was asked; UNSURE otherwise.
    public var status: VerdictStatus {
        if criteria.contains(where: { $0.reading == .beyond }) { return .rejected }
        if notEvaluated == nil, !criteria.isEmpty, criteria.allSatisfy({ $0.reading == .within }), failedChecks.isEmpty { return .close }
        return .unsure
    }

    /// The undecided criterion that keeps an UNSURE variant there: the one that needs the most
    /// further samples to decide (one that no sample would decide first).
    public var binding: CriterionOutcome? {
        criteria.filter { $0.reading == .undecided }.max { ($0.moreToDecide ?? .max) < ($1.moreToDecide ?? .max) }
    }

    /// One line: the status and why, e.g. "UNSURE: accuracy drop 0.083 [-0.06, 0.26] vs margin
    /// 0.05: undecided (~180 more questions at these rates would decide); also undecided: flips".
    public var summary: String {
        switch status {
        case .rejected:
            return "REJECTED: " + criteria.filter { $0.reading == .beyond }.map(\.line).joined(separator: "; ")
        case .close:
            return "CLOSE: every criterion's interval is inside its margin (" + criteria.map(\.name.label).joined(separator: ", ") + ")"
        case .unsure:
            if let notEvaluated { return "UNSURE: not evaluated: \(notEvaluated)" }
            if criteria.isEmpty { return "UNSURE: no criterion has data" }
            guard let binding else { return "UNSURE: " + failedChecks.joined(separator: "; ") }
            let others = criteria.filter { $0.reading == .undecided && $0.name != binding.name }.map(\.name.label)
            return "UNSURE: " + binding.line + (others.isEmpty ? "" : "; also undecided: " + others.joined(separator: ", "))
                + (failedChecks.isEmpty ? "" : "; " + failedChecks.joined(separator: "; "))
        }
    }

    /// Every criterion in words, then the failed checks: the reasons a report lists under the
    /// summary.
    public var lines: [String] { criteria.map(\.line) + failedChecks }

    /// Further samples that would decide every undecided criterion, in the binding criterion's
    /// unit; nil when decided or when nothing up to the cap would.
    public var moreToDecide: Int? { status == .unsure && notEvaluated == nil ? binding?.moreToDecide : nil }
}
