import MetricKeys

/// The model card's table (one row per variant), defined once so the Markdown and HTML cards
/// cannot drift apart: what a reader choosing a file needs, each loss with its interval.
enum CardColumns {
    static let all: [VariantColumns.Column] = [
        .init(header: "File") { variant, _ in variant.file.isEmpty ? (variant.endpoint ?? FigureFormat.missing) : variant.file },
        .init(header: "Variant") { variant, _ in variant.quantType },
        .init(header: "Size") { variant, _ in variant.sizeBytes.map { FigureFormat.mebibytes(Double($0)) } ?? FigureFormat.missing },
        .init(header: "bpw") { variant, _ in variant.bpw.map { FigureFormat.fixed($0, 2) } ?? FigureFormat.missing },
        .init(header: "Domain KLD (nats)") { variant, _ in kld(variant, .domainKLDMean) },
        .init(header: "Generic KLD (nats)") { variant, _ in kld(variant, .kldMean) },
        .init(header: "Accuracy (original forms)") { variant, _ in FigureFormat.text(variant.figure(.accuracy)) },
        .init(header: "Key-fact recall (original forms)") { variant, _ in FigureFormat.text(variant.figure(.keyFactRecall)) },
        .init(header: "Verdict") { variant, report in verdict(variant, report) },
    ]

    /// The KLD figure with its interval; where the figure has none (or is absent), the verdict
    /// criterion's, the same interval over llama-perplexity's chunks.
    static func kld(_ variant: Variant, _ key: MetricKey) -> String {
        let figure = variant.figure(key)
        if let figure, figure.ci95 != nil { return FigureFormat.text(figure) }
        if let criterion = variant.verdict?.criteria.first(where: { $0.name == key.rawValue }) {
            return "\(VerdictText.number(criterion)) [\(FigureFormat.fixed(criterion.lower, 4))–\(VerdictText.upper(criterion))]"
        }
        return FigureFormat.text(figure)
    }

    /// "baseline", or the status with " (recommended)" for the pick and the verdict's one-line
    /// reason: "CLOSE (recommended): on these 24 questions no stated key fact lost, …".
    static func verdict(_ variant: Variant, _ report: Report) -> String {
        if variant.isBaseline {
            return "baseline" + (report.selection.quantType == nil ? " (recommended)" : "")
        }
        guard let verdict = variant.verdict else { return VariantColumns.verdict(variant, report) }
        if let reason = VerdictText.notEvaluated(variant) { return "not evaluated: \(reason)" }
        let pick = variant.quantType == report.selection.quantType ? " (recommended)" : ""
        return "\(verdict.status)\(pick): \(VerdictText.line(variant, verdict, withStatus: false))"
    }
}
