import MetricKeys

/// How both views write a verdict's figures: KLD in nats to four decimals, shares to three.
enum VerdictText {
    /// Whether the criterion is a KL divergence (nats) rather than a fraction.
    static func isKLD(_ criterion: CriterionInfo) -> Bool {
        criterion.name == "kld_mean" || criterion.name == "domain_kld_mean"
    }

    /// How to read the verdict, above it in both views.
    static let legend = "Two kinds of evidence. On the suite's own questions, the census counts what changed (answers are deterministic, so a count is the truth there): a key fact the baseline states that the variant lost, an answer turned wrong, a new loop. Beyond those questions, each criterion is a loss against the baseline with its 95 % interval: within when the whole interval is inside the margin, beyond when the whole interval is past it (or a significant paired loss is), undecided otherwise; the domain KLD's interval is over chunks of whole answers. CLOSE: no stated fact lost and no new loop, the domain KLD within, every share within or, where the suite is too small for a share to read within at all, not one loss of it on these questions, and every server check passed; REJECTED: any criterion beyond; UNSURE: the rest, with how many more questions at the observed rates would decide."

    /// The census and the limit of one verdict, then the phrasings and premises lines, as lines
    /// under its heading.
    static func censusLines(_ variant: Variant, _ verdict: VerdictInfo, baseline: Variant?) -> [String] {
        [verdict.census.map { "Census: \($0.line)" }, verdict.limit.map { "What the suite cannot show: \($0)" },
         phrasings(variant, baseline: baseline), premises(variant, baseline: baseline)].compactMap(\.self)
    }

    /// "Seen phrasings (training prompts): 100 % right (F16 100 %); unseen (paraphrases): 85 %
    /// (F16 90 %)", for a suite that marks
    /// training phrasings: a quant that keeps memorised answers but loses them in other words
    /// shows here first.
    static func phrasings(_ variant: Variant, baseline: Variant?) -> String? {
        guard let seen = variant.figure(.accuracySeen), let unseen = variant.figure(.accuracyUnseen) else { return nil }
        func against(_ key: MetricKey) -> String {
            guard let baseline, !variant.isBaseline, let figure = baseline.figure(key) else { return "" }
            return " (\(baseline.quantType) \(FigureFormat.percent(figure.value)))"
        }
        return "Seen phrasings (training prompts): \(FigureFormat.percent(seen.value)) right\(against(.accuracySeen)); "
            + "unseen (paraphrases): \(FigureFormat.percent(unseen.value))\(against(.accuracyUnseen))"
    }

    /// "Misleading premises: 80 % resisted (F16 90 %); 1 of 10 the baseline resisted gave way".
    static func premises(_ variant: Variant, baseline: Variant?) -> String? {
        guard let resisted = variant.figure(.premiseAccuracy) else { return nil }
        var line = "Misleading premises: \(FigureFormat.percent(resisted.value)) resisted"
        if let baseline, !variant.isBaseline, let before = baseline.figure(.premiseAccuracy) {
            line += " (\(baseline.quantType) \(FigureFormat.percent(before.value)))"
        }
        if let flips = variant.figure(.premiseFlipsCorrectToWrong), let n = flips.n {
            let count = Int((flips.value * Double(n)).rounded())
            line += count == 0 ? "; none the baseline resisted gave way" : "; \(count) of \(n) the baseline resisted gave way"
        }
        return line
    }

    /// The header of a verdict's criteria table, both views.
    static let criterionHeader = ["Criterion", "Estimate", "95 % interval", "Margin", "Reading", "n", "More to decide", "Method"]

    /// One criterion's row under ``criterionHeader``.
    static func cells(_ criterion: CriterionInfo) -> [String] {
        [criterion.name, number(criterion), interval(criterion), margin(criterion), criterion.reading, "\(criterion.n) \(criterion.unit)",
         criterion.moreToDecide.map { "\($0) \(criterion.unit)" } ?? FigureFormat.missing, criterion.method]
    }

    /// A server check in words: passed, or failed and whether that could change the scores.
    static func check(_ check: ServerCheckInfo) -> String {
        "check \(check.name): \(check.passed ? "passed" : check.couldChangeScores ? "FAILED (could change the scores)" : "failed (cannot change the scores)") — \(check.detail)"
    }

    /// The estimate.
    static func number(_ criterion: CriterionInfo) -> String {
        FigureFormat.fixed(criterion.estimate, isKLD(criterion) ? 4 : 3)
    }

    /// "[lower, upper]".
    static func interval(_ criterion: CriterionInfo) -> String {
        let digits = isKLD(criterion) ? 4 : 3
        return "[\(FigureFormat.fixed(criterion.lower, digits)), \(FigureFormat.fixed(criterion.upper, digits))]"
    }

    /// The upper bound of the interval, as precise as the estimate.
    static func upper(_ criterion: CriterionInfo) -> String {
        FigureFormat.fixed(criterion.upper, isKLD(criterion) ? 4 : 3)
    }

    /// The criterion's name as the verdict lines write it ("domain KLD", "accuracy drop").
    static func label(_ criterion: CriterionInfo) -> String {
        switch criterion.name {
        case "domain_kld_mean": "domain KLD"
        case "kld_mean": "generic KLD"
        case "key_fact_recall_drop": "key-fact recall drop"
        default: criterion.name.replacingOccurrences(of: "_", with: " ")
        }
    }

    /// The margin, with " nats" for KLD.
    static func margin(_ criterion: CriterionInfo) -> String {
        FigureFormat.fixed(criterion.margin, isKLD(criterion) ? 4 : 3) + (isKLD(criterion) ? " nats" : "")
    }

    /// Why a variant the suite was never asked reads "not evaluated" where a status is shown, not
    /// UNSURE (nothing was found unsure); nil when it was asked, or when its KLD alone rejects it.
    static func notEvaluated(_ variant: Variant) -> String? {
        variant.verdict?.status == "REJECTED" ? nil : variant.notEvaluated
    }

    /// A variant's verdict line: the summary, why it cannot be shipped when it cannot, and a
    /// tensor-type caveat when its bytes are not what its name says.
    /// - Parameter withStatus: false where the status is shown beside it.
    static func line(_ variant: Variant, _ verdict: VerdictInfo, withStatus: Bool = true) -> String {
        let ineligible = variant.reasons.filter { $0.hasPrefix("not eligible") || $0.hasPrefix("endpoint:") }
            + (variant.notEvaluated.map { verdict.summary.contains("not evaluated") ? [] : ["not evaluated: \($0)"] } ?? [])
        let prefix = verdict.status + ": "
        let summary = !withStatus && verdict.summary.hasPrefix(prefix) ? String(verdict.summary.dropFirst(prefix.count)) : verdict.summary
        return ([summary] + ineligible + [TypeMixText.caveat(variant)].compactMap(\.self)).joined(separator: " — ")
    }

    /// The facts at risk of one answer with their margins ("150 mg (−0.41 nats)"), "—" when none
    /// is, "not probed" when no fact was.
    static func atRisk(_ facts: [FactResult]) -> String {
        guard facts.contains(where: { $0.atRisk != nil }) else { return "not probed" }
        let risky = facts.filter { $0.atRisk == true }
        guard !risky.isEmpty else { return FigureFormat.missing }
        return risky.map { fact in fact.fact + (fact.marginNats.map { " (\(FigureFormat.fixed($0, 2)) nats)" } ?? "") }.joined(separator: ", ")
    }
}
