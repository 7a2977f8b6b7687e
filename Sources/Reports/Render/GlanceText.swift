/// The report read at a glance: after the headline, one short line per variant (its status, what
/// it changed on the suite's questions, and the figure that decided it), shared by report.md,
/// report.html's first box and the terminal.
///
/// ```
/// Q8_0    CLOSE     all 24 questions as F16, every key fact kept, domain KLD 0.0021 [0.0012–0.0029]
/// Q4_K_M  UNSURE    5 of 24 questions changed, 1 key fact lost (cisplatin: 300 g/mol)
/// Q2_K    REJECTED  domain KLD 0.4512 [0.3977–0.5047] past 0.05
/// ```
public enum GlanceText {
    /// One line per judged variant, in report order: the name and status padded into columns.
    public static func lines(_ report: Report) -> [String] {
        let judged = report.variants.filter { !$0.isBaseline && $0.verdict != nil }
        let width = judged.map(\.quantType.count).max() ?? 0
        let baseline = report.baseline?.quantType ?? "the baseline"
        return judged.compactMap { variant in
            guard let verdict = variant.verdict else { return nil }
            let status = VerdictText.notEvaluated(variant) == nil ? verdict.status : "—"
            return variant.quantType.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + status.padding(toLength: 8, withPad: " ", startingAt: 0) + "  " + reading(variant, verdict, baseline: baseline)
        }
    }

    /// What one variant changed and the figure that decided it, without name or status.
    public static func reading(_ variant: Variant, _ verdict: VerdictInfo, baseline: String) -> String {
        if let reason = VerdictText.notEvaluated(variant) { return "not evaluated: \(reason)" }
        var clauses = verdict.census.map { census(of: $0, baseline: baseline) } ?? []
        switch verdict.status {
        case "REJECTED":
            clauses += verdict.criteria.filter { $0.reading == "beyond" }.map { "\(figure($0)) past \(FigureFormat.fixed($0.margin, VerdictText.isKLD($0) ? 2 : 3))" }
        case "CLOSE":
            if let evidence = evidence(verdict) { clauses.append(figure(evidence)) }
        default:
            if verdict.census.map(hasFindings) != true, let open = undecided(verdict) { clauses.append(open) }
        }
        let ineligible = variant.reasons.first { $0.hasPrefix("not eligible") }
        return (clauses + [ineligible].compactMap(\.self)).joined(separator: ", ")
    }

    /// Why an UNSURE variant is not CLOSE, in a few words: what the census found (a fact lost,
    /// an answer turned wrong, a loop), else its first undecided criterion.
    public static func why(_ verdict: VerdictInfo) -> String? {
        if let census = verdict.census, hasFindings(census) {
            var findings: [String] = []
            if !census.factsLost.isEmpty {
                findings.append("\(census.factsLost.count) key fact\(census.factsLost.count == 1 ? "" : "s") lost: \(named(census.factsLost))")
            }
            if !census.rightToWrong.isEmpty { findings.append("\(census.rightToWrong.count) answer\(census.rightToWrong.count == 1 ? "" : "s") turned wrong") }
            if !census.newLoops.isEmpty { findings.append("\(census.newLoops.count) new loop\(census.newLoops.count == 1 ? "" : "s")") }
            return findings.joined(separator: ", ")
        }
        return undecided(verdict)
    }

    /// Whether the census alone keeps a variant from CLOSE.
    static func hasFindings(_ census: CensusInfo) -> Bool {
        !census.factsLost.isEmpty || !census.rightToWrong.isEmpty || !census.newLoops.isEmpty
    }

    /// "domain KLD 0.0420 [0.0204–0.0636] undecided vs 0.05": the first criterion neither
    /// within nor settled by the census.
    static func undecided(_ verdict: VerdictInfo) -> String? {
        verdict.criteria.first { $0.reading == "undecided" && !settledByCensus($0) }.map {
            "\(figure($0)) undecided vs \(FigureFormat.fixed($0.margin, VerdictText.isKLD($0) ? 2 : 3))"
        }
    }

    /// "all 24 questions as F16, every key fact kept" or "5 of 24 questions changed, 1 key
    /// fact lost (cisplatin: 300 g/mol), 1 turned wrong".
    static func census(of census: CensusInfo, baseline: String) -> [String] {
        var clauses = [census.questionsChanged == 0
            ? "all \(census.questions) questions as \(baseline)"
            : "\(census.questionsChanged) of \(census.questions) questions changed"]
        if let kept = kept(census) {
            clauses.append(kept)
        } else if !census.factsLost.isEmpty {
            clauses.append("\(census.factsLost.count) key fact\(census.factsLost.count == 1 ? "" : "s") lost (\(named(census.factsLost)))")
        }
        if !census.rightToWrong.isEmpty { clauses.append("\(census.rightToWrong.count) turned wrong") }
        if !census.newLoops.isEmpty { clauses.append("\(census.newLoops.count) new loop\(census.newLoops.count == 1 ? "" : "s")") }
        if let atRisk = census.factsAtRisk, atRisk > 0 { clauses.append("\(atRisk) fact\(atRisk == 1 ? "" : "s") at risk") }
        if let noisy = census.noisyFactsLost, !noisy.isEmpty { clauses.append(noisyLoss(noisy)) }
        return clauses
    }

    /// "every key fact kept", "every key fact kept on its own wordings" when some were lost
    /// only under seeded noise; nil when a stated fact was lost or none was stated.
    static func kept(_ census: CensusInfo) -> String? {
        guard census.factsStated > 0, census.factsLost.isEmpty else { return nil }
        return census.noisyFactsLost?.isEmpty == false ? "every key fact kept on its own wordings" : "every key fact kept"
    }

    /// "1 lost under seeded typos or casing (tenarocil-weight: 294.31 g/mol)".
    static func noisyLoss(_ lost: [CensusInfo.LostFact]) -> String {
        "\(lost.count) lost under seeded typos or casing (\(named(lost)))"
    }

    /// "cisplatin: 300 g/mol; tenarocil-weight: 294.31 g/mol; …": the first two lost facts.
    static func named(_ lost: [CensusInfo.LostFact]) -> String {
        lost.prefix(2).map { "\($0.questionID): \($0.fact)" }.joined(separator: "; ") + (lost.count > 2 ? "; …" : "")
    }

    /// "domain KLD 0.0021 [0.0012–0.0029]".
    static func figure(_ criterion: CriterionInfo) -> String {
        let digits = VerdictText.isKLD(criterion) ? 4 : 3
        return "\(VerdictText.label(criterion)) \(VerdictText.number(criterion)) [\(FigureFormat.fixed(criterion.lower, digits))–\(FigureFormat.fixed(criterion.upper, digits))]"
    }

    /// The criterion a reader looks for first: the divergence on the user's own domain, else
    /// on the generic corpus, else the first.
    static func evidence(_ verdict: VerdictInfo) -> CriterionInfo? {
        verdict.criteria.first { $0.name == "domain_kld_mean" }
            ?? verdict.criteria.first { $0.name == "kld_mean" }
            ?? verdict.criteria.first
    }

    /// A share the census settled: undecided on an interval this suite is too small to read.
    static func settledByCensus(_ criterion: CriterionInfo) -> Bool {
        criterion.canReadWithin == false && criterion.censusCount == 0
    }
}
