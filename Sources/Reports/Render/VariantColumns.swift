import MetricKeys

/// The per-variant table both views show (one row per variant), defined once so the
/// Markdown and HTML tables cannot drift apart.
enum VariantColumns {
    struct Column: Sendable {
        var header: String
        var cell: @Sendable (Variant, Report) -> String
    }

    static let all: [Column] = [
        Column(header: "Quant") { variant, _ in variant.quantType },
        Column(header: "Size") { variant, _ in variant.sizeBytes.map { FigureFormat.mebibytes(Double($0)) } ?? FigureFormat.missing },
        Column(header: "bpw") { variant, _ in variant.bpw.map { FigureFormat.fixed($0, 2) } ?? FigureFormat.missing },
        Column(header: "Accuracy (original forms)") { variant, _ in FigureFormat.text(variant.figure(.accuracy)) },
        Column(header: "Key-fact recall (original forms)") { variant, _ in FigureFormat.text(variant.figure(.keyFactRecall)) },
        Column(header: "Flips") { variant, _ in FigureFormat.text(variant.figure(.flips), interval: false) },
        Column(header: "Facts at risk") { variant, _ in FigureFormat.text(variant.figure(.factsAtRisk)) },
        Column(header: "Domain KLD") { variant, _ in FigureFormat.text(variant.figure(.domainKLDMean)) },
        Column(header: "Mean KLD") { variant, _ in FigureFormat.text(variant.figure(.kldMean)) },
        Column(header: "Same top p") { variant, _ in FigureFormat.text(variant.figure(.sameTopP), interval: false) },
        Column(header: "PPL ratio") { variant, _ in FigureFormat.text(variant.figure(.pplRatio)) },
        Column(header: "Median TTFT") { variant, _ in FigureFormat.text(variant.figure(.ttftMedianS)) },
        Column(header: "Gen tokens/s") { variant, _ in FigureFormat.text(variant.figure(.genTokensPerS)) },
        Column(header: "Verdict") { variant, report in verdict(variant, report) },
    ]

    /// "baseline", the verdict's status with " (selected)" for the pick ("CLOSE (selected)",
    /// "UNSURE", "REJECTED") or " (not evaluated)" for a variant screened on its KLD alone; for
    /// reports written before verdicts, "yes (selected)", "yes" or "no".
    static func verdict(_ variant: Variant, _ report: Report) -> String {
        if variant.isBaseline { return "baseline" }
        let selected = variant.quantType == report.selection.quantType ? " (selected)" : variant.notEvaluated != nil ? " (not evaluated)" : ""
        if let verdict = variant.verdict { return verdict.status + selected }
        return (variant.accepted ? "yes" : "no") + selected
    }

    /// Every figure key any variant has, grouped as metrics, perplexity, efficiency, each sorted.
    static func allFigureKeys(_ report: Report) -> [(group: String, key: String)] {
        let groups: [(String, (Variant) -> [String: Figure])] = [
            ("metrics", \.metrics), ("perplexity", \.perplexity), ("efficiency", \.efficiency),
        ]
        return groups.flatMap { group, figures in
            Set(report.variants.flatMap { figures($0).keys }).sorted().map { (group, $0) }
        }
    }

    /// The figure under `group`/`key` of a variant.
    static func figure(_ variant: Variant, group: String, key: String) -> Figure? {
        switch group {
        case "metrics": variant.metrics[key]
        case "perplexity": variant.perplexity[key]
        default: variant.efficiency[key]
        }
    }
}
