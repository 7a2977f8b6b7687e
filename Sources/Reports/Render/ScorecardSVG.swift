import MetricKeys

/// card.svg: the one-glance scorecard, a self-contained SVG document (inline CSS, no script,
/// no URL loaded, no external font) that renders alike in a browser and as an image on a
/// code-hosting page.
///
/// From top to bottom: the headline (`Headline`), the model revision, suite and llama.cpp
/// build, accuracy against file size (`SVGScatterChart`: Wilson 95 % whiskers, the Pareto front
/// dashed, the pick ringed) beside its legend, then one row per variant: its name, size, status
/// (CLOSE / UNSURE / REJECTED, or baseline) and the verdict's one-line reason, cut with "…"
/// where it does not fit (card.md has it whole). 760 px wide, as tall as the rows need. The
/// font stack ends in CJK-capable families (WenQuanYi Micro Hei, Noto Sans CJK, PingFang,
/// Microsoft YaHei). The output depends only on the report.
public enum ScorecardSVG {
    private static let width = 760.0, margin = 20.0
    private static let chartWidth = 440.0, chartHeight = 300.0
    private static let rowHeight = 22.0
    private static let headlineSize = 17.0, metaSize = 12.0, rowSize = 12.0

    /// Renders `report` as an SVG document (UTF-8, no XML declaration); pure and deterministic.
    public static func render(_ report: Report) -> String {
        let esc = MarkupEscaping.html
        let headline = Headline.sentence(report)
        var body: [String] = []
        var y = margin + headlineSize
        for line in SVGText.wrap(headline, fontSize: headlineSize, maxWidth: width - 2 * margin) {
            body.append(SVGText.text(line, x: margin, y: y, attributes: "class=\"headline\""))
            y += headlineSize * 1.35
        }
        y += 2
        for line in SVGText.wrap(meta(report), fontSize: metaSize, maxWidth: width - 2 * margin) {
            body.append(SVGText.text(line, x: margin, y: y, attributes: "class=\"meta\""))
            y += metaSize * 1.4
        }
        y += 8
        body += chart(report, top: y)
        y += chartHeight + 28
        body += rows(report, top: y)
        y += rowHeight * Double(report.variants.count + 1) + 8
        let height = y.rounded(.up)
        let size = "width=\"\(FigureFormat.fixed(width, 0))\" height=\"\(FigureFormat.fixed(height, 0))\" viewBox=\"0 0 \(FigureFormat.fixed(width, 0)) \(FigureFormat.fixed(height, 0))\""
        return (["<svg xmlns=\"http://www.w3.org/2000/svg\" \(size) role=\"img\" aria-label=\"\(esc(headline))\">",
                 "<title>\(esc(headline))</title>",
                 "<style>\n\(css)\n</style>",
                 "<rect x=\"0.5\" y=\"0.5\" width=\"\(FigureFormat.fixed(width - 1, 0))\" height=\"\(FigureFormat.fixed(height - 1, 0))\" rx=\"8\" class=\"card\"/>"]
                + body + ["</svg>"]).joined(separator: "\n") + "\n"
    }

    private static func meta(_ report: Report) -> String {
        "\(report.model.name) · revision \(report.model.revision.prefix(12)) · suite \(report.suite.name), \(report.suite.questions) questions · llama.cpp build \(report.toolchain.llamaCppBuild) · run \(report.runID)"
    }

    private static func state(_ variant: Variant) -> ChartPoint.State {
        if variant.isBaseline { return .baseline }
        switch variant.verdict?.status {
        case "CLOSE": return .accepted
        case "UNSURE": return .unsure
        case "REJECTED": return .rejected
        default: return variant.accepted ? .accepted : .rejected
        }
    }

    private static func status(_ variant: Variant, _ report: Report) -> String {
        if variant.isBaseline { return "baseline" }
        if VerdictText.notEvaluated(variant) != nil { return "not evaluated" }
        return variant.verdict?.status ?? (variant.accepted ? "accepted" : "not accepted")
    }

    /// The chart at the left, its legend at the right.
    private static func chart(_ report: Report, top: Double) -> [String] {
        let points = report.variants.compactMap { variant -> ChartPoint? in
            guard let figure = variant.figure(.accuracy), let size = variant.sizeBytes else { return nil }
            return ChartPoint(label: variant.quantType, x: Double(size) / 1_048_576, y: figure.value, yInterval: figure.ci95,
                              state: state(variant), selected: variant.quantType == report.selection.quantType)
        }
        let f = { (value: Double) in FigureFormat.fixed(value, 1) }
        var svg = ["<rect x=\"\(f(margin))\" y=\"\(f(top))\" width=\"\(f(chartWidth))\" height=\"\(f(chartHeight))\" rx=\"6\" class=\"chart-frame\"/>",
                   "<g transform=\"translate(\(f(margin)) \(f(top)))\">",
                   SVGScatterChart(title: "Accuracy against size (Pareto front dashed)", xLabel: "file size (MiB)",
                                   yLabel: "accuracy", points: points).render(),
                   "</g>"]
        let legendX = margin + chartWidth + 24
        var y = top + 28
        svg.append(SVGText.text("Status", x: legendX, y: y, attributes: "class=\"row-header\""))
        let items: [(ChartPoint.State, String)] = [(.baseline, "baseline, the reference"), (.accepted, "CLOSE: nothing lost, divergence within"),
                                                   (.unsure, "UNSURE: more questions would decide"), (.rejected, "REJECTED: a criterion beyond")]
        for (state, text) in items {
            y += 22
            svg.append("<circle cx=\"\(f(legendX + 5))\" cy=\"\(f(y - 4))\" r=\"5.5\" fill=\"\(state.colour)\"/>")
            svg.append(SVGText.text(text, x: legendX + 16, y: y, attributes: "class=\"legend\""))
        }
        y += 22
        svg.append("<circle cx=\"\(f(legendX + 5))\" cy=\"\(f(y - 4))\" r=\"7\" class=\"ring\"/>")
        svg.append(SVGText.text("ringed: the pick", x: legendX + 16, y: y, attributes: "class=\"legend\""))
        y += 22
        svg.append("<line x1=\"\(f(legendX + 5))\" y1=\"\(f(y - 11))\" x2=\"\(f(legendX + 5))\" y2=\"\(f(y + 3))\" class=\"legend-whisker\"/>")
        svg.append(SVGText.text("whisker: Wilson 95 % interval", x: legendX + 16, y: y, attributes: "class=\"legend\""))
        y += 22
        svg.append("<line x1=\"\(f(legendX - 2))\" y1=\"\(f(y - 4))\" x2=\"\(f(legendX + 12))\" y2=\"\(f(y - 4))\" class=\"legend-pareto\"/>")
        svg.append(SVGText.text("Pareto front (size, accuracy)", x: legendX + 16, y: y, attributes: "class=\"legend\""))
        return svg
    }

    /// One row per variant, ladder order, under a header.
    private static func rows(_ report: Report, top: Double) -> [String] {
        let nameX = margin + 16, sizeX = margin + 180, statusX = margin + 260, whyX = margin + 395
        var svg = [SVGText.text("Variant", x: nameX, y: top, attributes: "class=\"row-header\""),
                   SVGText.text("Size", x: sizeX, y: top, attributes: "class=\"row-header\""),
                   SVGText.text("Status", x: statusX, y: top, attributes: "class=\"row-header\""),
                   SVGText.text("Why", x: whyX, y: top, attributes: "class=\"row-header\"")]
        var y = top
        for variant in report.variants {
            y += rowHeight
            let f = { (value: Double) in FigureFormat.fixed(value, 1) }
            let picked = variant.quantType == report.selection.quantType
            if picked {
                svg.append("<rect x=\"\(f(margin - 6))\" y=\"\(f(y - 15))\" width=\"\(f(width - 2 * margin + 12))\" height=\"\(f(rowHeight - 1))\" rx=\"4\" class=\"pick\"/>")
            }
            svg.append("<circle cx=\"\(f(margin + 4))\" cy=\"\(f(y - 4))\" r=\"5\" fill=\"\(state(variant).colour)\"/>")
            let name = SVGText.truncate(variant.quantType, fontSize: rowSize, maxWidth: sizeX - nameX - 8)
            svg.append(SVGText.text(name, x: nameX, y: y, attributes: "class=\"row-name\""))
            let size = variant.sizeBytes.map { FigureFormat.mebibytes(Double($0)) } ?? FigureFormat.missing
            svg.append(SVGText.text(size, x: sizeX, y: y, attributes: "class=\"row\""))
            let status = status(variant, report) + (picked ? " · the pick" : "")
            svg.append(SVGText.text(status, x: statusX, y: y, attributes: "class=\"row-status\" fill=\"\(state(variant).colour)\""))
            // First, since the row is cut at its width: a rung not asked the suite is read on its KLD alone.
            let why = variant.notEvaluated.map { "not evaluated: \($0)" }
                ?? variant.verdict.map { VerdictText.line(variant, $0, withStatus: false) }
                ?? (variant.isBaseline ? "every variant is measured against it" : variant.reasons.joined(separator: "; "))
            svg.append(SVGText.text(SVGText.truncate(why, fontSize: rowSize, maxWidth: width - margin - whyX), x: whyX, y: y,
                                    attributes: "class=\"row\""))
        }
        return svg
    }

    /// Literal colours rather than CSS variables, which some SVG renderers do not read.
    private static let css = """
    text { font-family: "DejaVu Sans", "Noto Sans", "Helvetica Neue", Arial, "WenQuanYi Micro Hei", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; fill: #1d2330; }
    .card { fill: #ffffff; stroke: #d9dee7; }
    .headline { font-size: 17px; font-weight: bold; }
    .meta, .legend { font-size: 12px; fill: #5d6778; }
    .row-header { font-size: 11px; font-weight: bold; fill: #5d6778; }
    .row, .row-name, .row-status { font-size: 12px; }
    .row-name, .row-status { font-weight: bold; }
    .pick { fill: #eef8f1; }
    .ring { fill: none; stroke: #1f8a4c; stroke-width: 2.5; }
    .legend-whisker { stroke: #5b6b7f; stroke-width: 2; opacity: .45; }
    .legend-pareto { stroke: #2e6fd8; stroke-width: 1.5; stroke-dasharray: 5 4; }
    .chart-frame { fill: #fbfcfe; stroke: #d9dee7; }
    .chart .chart-title { font-size: 13px; font-weight: bold; }
    .chart .tick, .chart .axis { font-size: 11px; fill: #5d6778; }
    .chart .point-label { font-size: 11px; }
    .chart .selected-label { font-weight: bold; fill: #1f8a4c; }
    .chart .grid { stroke: #e8ebf1; }
    .chart .frame { fill: none; stroke: #c7cdd8; }
    .chart .pareto { fill: none; stroke: #2e6fd8; stroke-width: 1.5; stroke-dasharray: 5 4; }
    .chart .whisker { stroke-width: 2; opacity: .45; }
    .chart .selected-ring { fill: none; stroke: #1f8a4c; stroke-width: 2.5; }
    """
}
