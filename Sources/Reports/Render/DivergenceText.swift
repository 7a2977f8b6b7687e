/// How the views show token divergence (``TokenDivergence``): a summary row per variant, the
/// first divergences as a short table, tokens made visible, and the mark placed in an answer.
enum DivergenceText {
    /// Rows of the per-variant table at most, in the Markdown view.
    static let firstPoints = 5
    /// The text shown where a variant's own candidates were not measured.
    static let notMeasured = "not measured"

    /// The summary table's header.
    static let summaryHeader = ["Variant", "Answers that diverge", "Median first divergence (token)", "Divergences inside a key fact",
                                "Baseline's token in the variant's top k"]

    /// Variants with divergence data, in report order.
    static func variants(_ report: Report) -> [(name: String, divergence: TokenDivergence)] {
        report.variants.compactMap { variant in variant.divergence.map { (variant.quantType, $0) } }
    }

    /// One summary row: counts with shares, the median position, and "not measured" where the
    /// variant's candidates are unknown.
    static func summaryRow(_ name: String, _ divergence: TokenDivergence) -> [String] {
        let inFact = divergence.points.filter { $0.fact != nil }.count
        let measured = divergence.points.compactMap(\.baselineTokenInVariantTopK)
        return [
            name,
            "\(divergence.points.count)/\(divergence.compared)" + share(divergence.divergedShare),
            divergence.medianPosition.map { FigureFormat.fixed($0, $0.rounded() == $0 ? 0 : 1) } ?? FigureFormat.missing,
            divergence.points.isEmpty ? FigureFormat.missing : "\(inFact)/\(divergence.points.count)" + share(divergence.inFactShare),
            !divergence.variantTopKMeasured ? notMeasured
                : measured.isEmpty ? FigureFormat.missing : "\(measured.filter { $0 }.count)/\(measured.count)" + share(divergence.baselineTokenInTopKShare),
        ]
    }

    /// The first-divergences table's header.
    static let pointHeader = ["Question", "Form", "Token", "Baseline → variant", "Inside key fact", "Baseline top k", "Variant top k"]

    /// One divergence as a row of the first-divergences table.
    static func pointRow(_ point: TokenDivergence.Point, measured: Bool) -> [String] {
        [point.questionID, point.form, "\(point.position)", "\(shown(point.baselineToken)) → \(shown(point.variantToken))",
         point.fact ?? FigureFormat.missing, candidates(point.baselineTopK),
         measured ? candidates(point.variantTopK) : notMeasured]
    }

    /// A token made visible: quoted, a space as "␣", a newline as "↵", a tab as "⇥"; an answer
    /// that ended as "(end)".
    static func shown(_ token: String?) -> String {
        guard let token else { return "(end)" }
        let visible = token.replacingOccurrences(of: " ", with: "␣").replacingOccurrences(of: "\n", with: "↵").replacingOccurrences(of: "\t", with: "⇥")
        return "“\(visible)”"
    }

    /// Candidates as "“Paris” 91.2 %, “Lyon” 4.0 %" (one decimal, so a near tie shows which
    /// way it fell); "—" when there are none.
    static func candidates(_ list: [TokenDivergence.Candidate]?) -> String {
        guard let list, !list.isEmpty else { return FigureFormat.missing }
        return list.map { "\(shown($0.token)) \(FigureFormat.fixed($0.probability * 100, 1)) %" }.joined(separator: ", ")
    }

    /// An answer's runs as HTML: escaped, kept facts marked as ``HTMLRenderer`` marks them, and
    /// `mark` (when given) inserted at `offset` UTF-8 bytes, moved forward to the next character
    /// boundary when it falls inside a character, at the end when past it.
    static func render(_ runs: [FactHighlighter.Run], mark: String? = nil, atByte offset: Int = 0) -> String {
        let esc = MarkupEscaping.html
        var out = ""
        var start = 0
        var pending = mark
        for run in runs {
            let length = run.text.utf8.count
            var body = esc(run.text)
            if let html = pending, offset < start + length {
                let split = run.text.utf8.index(run.text.utf8.startIndex, offsetBy: max(0, offset - start))
                let boundary = run.text.indices.first { $0 >= split } ?? run.text.endIndex
                body = esc(String(run.text[..<boundary])) + html + esc(String(run.text[boundary...]))
                pending = nil
            }
            out += run.highlighted ? "<mark class=\"kept\">\(body)</mark>" : body
            start += length
        }
        return out + (pending ?? "")
    }

    private static func share(_ value: Double?) -> String {
        value.map { " (\(FigureFormat.fixed($0 * 100, 1)) %)" } ?? ""
    }
}
