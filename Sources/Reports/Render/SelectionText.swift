/// The selection's sentences both views share.
enum SelectionText {
    /// The headline when nothing was selected.
    static func noneHeadline(_ report: Report) -> String {
        let baseline = report.baseline?.quantType ?? ""
        guard let closest = report.selection.closestUnsure else {
            return "No variant is CLOSE to the baseline: keep the baseline \(baseline)"
        }
        return "No variant is CLOSE to the baseline: keep the baseline \(baseline); the closest UNSURE variant is \(closest)"
    }

    /// "Margins: accuracy drop ≤ 0.050, …" with the budget when there is one.
    static func margins(_ acceptance: Acceptance) -> String {
        var parts = ["accuracy drop ≤ \(FigureFormat.fixed(acceptance.accuracyDropMax, 3))",
                     "key-fact recall drop ≤ \(FigureFormat.fixed(acceptance.keyFactRecallDropMax, 3))",
                     "flips ≤ \(FigureFormat.fixed(acceptance.flipsMax, 3))"]
        if let factsAtRisk = acceptance.factsAtRiskMax { parts.append("facts at risk ≤ \(FigureFormat.fixed(factsAtRisk, 3))") }
        if let domain = acceptance.domainKLDMeanMax { parts.append("domain KLD ≤ \(FigureFormat.fixed(domain, 3)) nats") }
        parts.append("generic KLD ≤ \(FigureFormat.fixed(acceptance.kldMeanMax, 3)) nats")
        var text = "Margins: " + parts.joined(separator: ", ") + "."
        var budget: [String] = []
        if let size = acceptance.maxSizeBytes { budget.append("file ≤ \(FigureFormat.mebibytes(Double(size)))") }
        if let memory = acceptance.maxMemoryBytes { budget.append("peak server memory ≤ \(FigureFormat.mebibytes(Double(memory)))") }
        if !budget.isEmpty { text += " Budget: " + budget.joined(separator: ", ") + "." }
        return text
    }

    /// "Search: adaptive search: 2 of 6 variants asked the suite (…), 4 saved …", with what the
    /// rest are; nil in reports written before the search.
    static func search(_ report: Report) -> String? {
        guard let search = report.search else { return nil }
        let screened = report.variants.filter { $0.notEvaluated != nil }.count
        return "Search: \(search.line)" + (screened > 0 ? "; the other \(screened) are judged on their KL divergences alone (not evaluated)." : ".")
    }
}
