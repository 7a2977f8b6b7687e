/// One horizontal bar per variant as inline SVG, its value printed at the bar's end and a
/// missing value shown as "—"; an optional dashed threshold line (e.g. `kld_mean_max`).
struct SVGBarChart {
    struct Bar {
        var label: String
        var value: Double?
        var text: String
        var colour: String
    }

    var title: String
    var bars: [Bar]
    var threshold: (value: Double, label: String)?

    private let width = 440.0, left = 70.0, right = 86.0, top = 44.0, rowHeight = 26.0

    func render() -> String {
        let height = top + rowHeight * Double(bars.count) + 12
        let high = max(bars.compactMap(\.value).max() ?? 0, threshold?.value ?? 0, .leastNonzeroMagnitude)
        let plotW = width - left - right
        func px(_ value: Double) -> Double { left + max(value, 0) / high * plotW }
        var svg = [SVGText.open(width: width, height: height, label: title)]
        svg.append(SVGText.text(title, x: left, y: 18, attributes: "class=\"chart-title\""))
        for (row, bar) in bars.enumerated() {
            let y = top + Double(row) * rowHeight
            svg.append(SVGText.text(bar.label, x: left - 8, y: y + 16, attributes: "text-anchor=\"end\" class=\"tick\""))
            if let value = bar.value {
                svg.append("<rect x=\"\(f(left))\" y=\"\(f(y + 4))\" width=\"\(f(max(px(value) - left, 1)))\" height=\"\(f(rowHeight - 8))\" fill=\"\(bar.colour)\"><title>\(MarkupEscaping.html(bar.label)): \(MarkupEscaping.html(bar.text))</title></rect>")
                svg.append(SVGText.text(bar.text, x: px(value) + 6, y: y + 16, attributes: "class=\"value\""))
            } else {
                svg.append(SVGText.text(bar.text, x: left + 6, y: y + 16, attributes: "class=\"value\""))
            }
        }
        if let threshold {
            let x = px(threshold.value)
            svg.append("<line x1=\"\(f(x))\" y1=\"\(f(top - 4))\" x2=\"\(f(x))\" y2=\"\(f(height - 8))\" class=\"threshold\"/>")
            svg.append(SVGText.text(threshold.label, x: x, y: top - 6, attributes: "text-anchor=\"middle\" class=\"threshold-label\""))
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    private func f(_ value: Double) -> String { FigureFormat.fixed(value, 1) }
}
