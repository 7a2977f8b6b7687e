/// The one sentence a reader takes away from a run: what to ship and on what evidence, or why
/// to keep the baseline. report.md, the model card, the scorecard and `quantorch run`'s summary
/// open with it.
///
/// Every word comes from the report: the pick and the baseline from `selection` and
/// `variants`, the sizes from `size_bytes`, what the pick changed from its verdict's `census`,
/// the evidence from its criteria (the domain KLD when measured, else the generic KLD, else the
/// first criterion), what would decide from the closest UNSURE variant's `more_to_decide`, and a
/// budget reason from the variants' "not eligible: …" reasons.
///
/// ```
/// Ship Q8_0: 47 % smaller than F16, all 24 questions answered as F16 answers them, every key fact kept, domain KLD 0.0021 [0.0012–0.0029]
/// Keep F16: no variant is CLOSE; closest: Q6_K (domain KLD 0.0520 [0.0390–0.0650] undecided vs 0.05), ~40 more questions would decide
/// Keep F16: no variant is CLOSE; closest: Q4_K_M (1 key fact lost: cisplatin: 300.05 g/mol)
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
        guard let verdict = pick.verdict else {
            clauses.append("selected by \(report.selection.rule)")
            return clauses.joined(separator: ", ") + " over \(report.suite.questions) question\(report.suite.questions == 1 ? "" : "s")"
        }
        if let census = verdict.census {
            clauses.append(census.questionsChanged == 0
                ? "all \(census.questions) questions answered as \(baseline) answers them"
                : "\(census.questions - census.questionsChanged) of \(census.questions) questions answered as \(baseline) answers them")
            if let kept = GlanceText.kept(census) { clauses.append(kept) }
            if let noisy = census.noisyFactsLost, !noisy.isEmpty { clauses.append(GlanceText.noisyLoss(noisy)) }
        } else {
            clauses.append(verdict.status == "CLOSE" ? "CLOSE on every criterion" : verdict.status)
        }
        if let evidence = GlanceText.evidence(verdict) { clauses.append(GlanceText.figure(evidence)) }
        return clauses.joined(separator: ", ")
    }

    private static func keep(_ report: Report) -> String {
        let judged = report.variants.filter { !$0.isBaseline }
        if let closest = report.selection.closestUnsure, let variant = judged.first(where: { $0.quantType == closest }) {
            guard let verdict = variant.verdict, let more = verdict.moreToDecide else {
                return "no variant is CLOSE; closest: \(closest)" + (variant.verdict.flatMap(GlanceText.why).map { " (\($0))" } ?? "")
            }
            let unit = verdict.criteria.first { $0.moreToDecide == more }?.unit ?? "questions"
            return "no variant is CLOSE; closest: \(closest)" + (GlanceText.why(verdict).map { " (\($0))" } ?? "") + ", ~\(more) more \(unit) would decide"
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
        return "no variant is CLOSE" + (statuses.isEmpty ? "" : " (\(statuses.joined(separator: ", ")))")
    }
}
