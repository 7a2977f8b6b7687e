/// The one sentence a reader takes away from a run: what to ship and on what evidence, or why
/// to keep the baseline. report.md, the model card, the scorecard and `quantorch run`'s summary
/// open with it.
///
/// Every word comes from the report: the pick and the baseline from `selection` and
/// `variants`, the sizes from `size_bytes`, the evidence from the pick's verdict criteria (the
/// domain KLD when measured, else the generic KLD, else the first criterion), the number of
/// questions from `suite.questions`, what would decide from the closest UNSURE variant's
/// `more_to_decide`, and a budget reason from the variants' "not eligible: …" reasons.
///
/// ```
/// Ship Q6_K: 49 % smaller than F16, CLOSE on every criterion (generic KLD 0.0049, CI up to 0.0053) over 4 questions
/// Keep F16: no variant is CLOSE on every criterion; closest: Q4_K_M, ~36 more questions would decide
/// Keep F16: no CLOSE variant can be shipped: Q8_0 not eligible: size 144.8 MB is over max_size 143.1 MB
/// ```
public enum Headline {
    /// The sentence for `report`; pure and deterministic, without a final full stop.
    public static func sentence(_ report: Report) -> String {
        let baseline = report.baseline?.quantType ?? "the baseline"
        if let pick = report.selectedVariant {
            return "Ship \(pick.quantType): " + ship(pick, report: report, baseline: baseline)
        }
        return "Keep \(baseline): " + keep(report)
    }

    private static func ship(_ pick: Variant, report: Report, baseline: String) -> String {
        var clauses: [String] = []
        if let size = pick.sizeBytes, let baselineSize = report.baseline?.sizeBytes, baselineSize > 0 {
            let saved = (1 - Double(size) / Double(baselineSize)) * 100
            clauses.append("\(FigureFormat.fixed(saved, 0)) % smaller than \(baseline)")
        }
        if let verdict = pick.verdict {
            var reading = verdict.status == "CLOSE" ? "CLOSE on every criterion" : verdict.status
            if let evidence = evidence(verdict) {
                reading += " (\(VerdictText.label(evidence)) \(VerdictText.number(evidence)), CI up to \(VerdictText.upper(evidence)))"
            }
            clauses.append(reading)
        } else {
            clauses.append("selected by \(report.selection.rule)")
        }
        return clauses.joined(separator: ", ") + " over \(report.suite.questions) question\(report.suite.questions == 1 ? "" : "s")"
    }

    /// The criterion a reader of a model card looks for first: the loss on the user's own domain.
    private static func evidence(_ verdict: VerdictInfo) -> CriterionInfo? {
        verdict.criteria.first { $0.name == "domain_kld_mean" }
            ?? verdict.criteria.first { $0.name == "kld_mean" }
            ?? verdict.criteria.first
    }

    private static func keep(_ report: Report) -> String {
        let judged = report.variants.filter { !$0.isBaseline }
        if let closest = report.selection.closestUnsure, let variant = judged.first(where: { $0.quantType == closest }) {
            guard let verdict = variant.verdict, let more = verdict.moreToDecide else {
                return "no variant is CLOSE on every criterion; closest: \(closest)"
            }
            let unit = verdict.criteria.first { $0.moreToDecide == more }?.unit ?? "questions"
            return "no variant is CLOSE on every criterion; closest: \(closest), ~\(more) more \(unit) would decide"
        }
        let blocked = judged.filter { $0.verdict?.status == "CLOSE" }.map { variant in
            let reason = variant.kind == "endpoint"
                ? "an endpoint, no file to ship"
                : variant.reasons.first { $0.hasPrefix("not eligible") } ?? "not eligible"
            return "\(variant.quantType) \(reason)"
        }
        if !blocked.isEmpty {
            return "no CLOSE variant can be shipped: " + blocked.joined(separator: "; ")
        }
        let statuses = ["REJECTED", "UNSURE"].compactMap { status in
            let count = judged.filter { $0.verdict?.status == status && $0.notEvaluated == nil }.count
            return count == 0 ? nil : "\(count) \(status)"
        } + [judged.filter { $0.notEvaluated != nil }.count].filter { $0 > 0 }.map { "\($0) not evaluated" }
        return "no variant is CLOSE on every criterion" + (statuses.isEmpty ? "" : " (\(statuses.joined(separator: ", ")))")
    }
}
