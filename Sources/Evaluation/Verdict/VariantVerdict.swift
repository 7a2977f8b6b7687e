/// A variant's verdict: its status, the criteria it rests on, the census of its answers and the
/// checks that failed.
public struct VariantVerdict: Sendable, Equatable {
    /// The criteria read, in ``CriterionName`` order; a criterion without data is absent.
    public var criteria: [CriterionOutcome]
    /// Server checks that failed in a way that could have changed the scores.
    public var failedChecks: [String]
    /// Why the variant was not asked the suite, or nil when it was (``VerdictEvidence/notEvaluated``).
    public var notEvaluated: String?
    /// What changed on the suite's own questions; nil where the variant answered none.
    public var census: SuiteCensus?

    /// Memberwise.
    public init(criteria: [CriterionOutcome], failedChecks: [String], notEvaluated: String? = nil, census: SuiteCensus? = nil) {
        self.criteria = criteria
        self.failedChecks = failedChecks
        self.notEvaluated = notEvaluated
        self.census = census
    }

    /// REJECTED when any criterion is beyond its margin. CLOSE when the suite was asked, no
    /// check failed, the census loses no stated fact and has no new loop, and every criterion is
    /// settled: within its margin, or, once the domain KLD carries closeness beyond the suite
    /// (within on its interval), a share this suite is too small to read whose census is clean
    /// (``CriterionOutcome/isSettled``). Without a domain KLD within, every share must be within
    /// on its own interval, and there must be one: a generic KLD alone never makes a variant
    /// CLOSE. UNSURE otherwise.
    public var status: VerdictStatus {
        if criteria.contains(where: { $0.reading == .beyond }) { return .rejected }
        guard notEvaluated == nil, failedChecks.isEmpty, !criteria.isEmpty else { return .unsure }
        if let census, !census.factsLost.isEmpty || !census.newLoops.isEmpty { return .unsure }
        guard divergenceWithin || criteria.contains(where: \.name.isShare) else { return .unsure }
        return criteria.allSatisfy(settles) ? .close : .unsure
    }

    /// Whether the domain KLD, read on its interval over chunks, carries closeness beyond the
    /// suite's questions (its ± over tokens is too narrow to).
    public var divergenceWithin: Bool {
        criteria.contains { $0.name == .domainKLDMean && $0.reading == .within && $0.isOverUnits }
    }

    /// Whether `criterion` lets the variant be CLOSE.
    private func settles(_ criterion: CriterionOutcome) -> Bool {
        criterion.reading == .within || (divergenceWithin && criterion.isSettled)
    }

    /// The unsettled criterion that keeps an UNSURE variant there: the one that needs the most
    /// further samples to decide (one that no sample would decide first).
    public var binding: CriterionOutcome? {
        criteria.filter { !settles($0) && $0.reading == .undecided }.max { ($0.moreToDecide ?? .max) < ($1.moreToDecide ?? .max) }
    }

    /// The census's findings that alone keep a variant from CLOSE, in words; empty when none.
    public var censusFindings: [String] {
        guard let census else { return [] }
        var findings: [String] = []
        if !census.factsLost.isEmpty {
            findings.append("\(census.factsLost.count) stated key fact\(census.factsLost.count == 1 ? "" : "s") lost on these questions (\(SuiteCensus.named(census.factsLost)))")
        }
        if !census.newLoops.isEmpty {
            findings.append("\(census.newLoops.count) new repetition loop\(census.newLoops.count == 1 ? "" : "s") (\(census.newLoops.prefix(3).joined(separator: ", ")))")
        }
        return findings
    }

    /// One line: the status and why, e.g. "UNSURE: domain KLD 0.0420 [0.0204, 0.0636] vs margin
    /// 0.05: undecided (~30 more questions at these rates would decide)", "CLOSE: on these 24
    /// questions nothing lost; domain KLD 0.0021 [0.0012, 0.0029] vs margin 0.05: within".
    public var summary: String {
        switch status {
        case .rejected:
            return "REJECTED: " + criteria.filter { $0.reading == .beyond }.map(\.line).joined(separator: "; ")
        case .close:
            let inference = criteria.filter { $0.reading == .within && !$0.name.isShare }.map(\.line)
            let shares = criteria.filter { $0.name.isShare && $0.reading == .within }.map(\.name.label)
            var parts: [String] = []
            if let census {
                let wrong = census.rightToWrong.isEmpty ? "no answer turned wrong"
                    : "\(census.rightToWrong.count) answer\(census.rightToWrong.count == 1 ? "" : "s") turned wrong, within the margin on its interval"
                parts.append("on these \(census.questions) questions no stated key fact lost, \(wrong), no new loop")
            }
            parts += inference
            if !shares.isEmpty { parts.append("within on their intervals: " + shares.joined(separator: ", ")) }
            return "CLOSE: " + parts.joined(separator: "; ")
        case .unsure:
            if let notEvaluated { return "UNSURE: not evaluated: \(notEvaluated)" }
            if criteria.isEmpty { return "UNSURE: no criterion has data" }
            var reasons = censusFindings
            if !reasons.isEmpty {
                // More questions cannot bring a lost fact back: the other criteria are in the table.
                return "UNSURE: " + (reasons + ["a lost stated fact or a new loop is never CLOSE"] + failedChecks).joined(separator: "; ")
            }
            if !divergenceWithin && !criteria.contains(where: { $0.name == .domainKLDMean }) && criteria.contains(where: { $0.reading == .undecided && $0.isSettled }) {
                reasons.append("no domain KLD to carry closeness beyond these \(census?.questions ?? criteria[0].n) questions, so every share must read within on its interval")
            }
            if let binding {
                let others = criteria.filter { !settles($0) && $0.reading == .undecided && $0.name != binding.name }.map(\.name.label)
                reasons.append(binding.line(censusSettles: false) + (others.isEmpty ? "" : "; also undecided: " + others.joined(separator: ", ")))
            }
            reasons += failedChecks
            return "UNSURE: " + reasons.joined(separator: "; ")
        }
    }

    /// What the suite cannot show, where a share was settled by a clean census rather than its
    /// interval: "beyond these 24 questions, up to 12 % of questions could lose a fact or turn
    /// wrong unseen (questions needed to read each on its interval: accuracy drop, facts at risk
    /// 73; flips 35): add questions to narrow it". Nil when every share was read on its interval
    /// or the variant is not CLOSE.
    public var limit: String? {
        guard status == .close, let census, census.questions > 0 else { return nil }
        let censusRead = criteria.filter { $0.name.isShare && $0.reading != .within }
        guard !censusRead.isEmpty else { return nil }
        let needs = Dictionary(grouping: censusRead) { SuiteSize.questionsToReadWithin(margin: $0.margin) }
            .sorted { $0.key > $1.key }
            .map { needed, criteria in criteria.map(\.name.label).joined(separator: ", ") + " \(needed)" }
        let bound = Int((SuiteSize.unseenShareBound(questions: census.questions) * 100).rounded())
        return "beyond these \(census.questions) questions, up to \(bound) % of questions could lose a fact or turn wrong unseen "
            + "(questions needed to read each on its interval: " + needs.joined(separator: "; ") + "): add questions to narrow it"
    }

    /// Every criterion in words, then the census's findings and the failed checks: the reasons
    /// a report lists under the summary.
    public var lines: [String] { criteria.map(\.line) + censusFindings + failedChecks }

    /// Further samples that would decide every undecided criterion, in the binding criterion's
    /// unit; nil when decided, when the census alone keeps the variant from CLOSE, or when
    /// nothing up to the cap would.
    public var moreToDecide: Int? {
        status == .unsure && notEvaluated == nil && censusFindings.isEmpty ? binding?.moreToDecide : nil
    }
}
