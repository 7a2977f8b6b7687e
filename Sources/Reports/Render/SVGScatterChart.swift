/// Quality against size as inline SVG: one dot per variant (with its 95 % interval as a
/// whisker), the Pareto front as a dashed step line, the selected quant ringed and labelled.
/// The y axis is a fraction shown in percent; the x axis is MiB from 0.
struct SVGScatterChart {
    var title: String
    var xLabel: String
    var yLabel: String
    var points: [ChartPoint]

    private let width = 440.0, height = 300.0
    private let left = 52.0, right = 18.0, top = 34.0, bottom = 46.0

    func render() -> String {
        let esc = MarkupEscaping.html
        let maxX = max(points.map(\.x).max() ?? 1, 1) * 1.08
        let xTicks = AxisTicks.ticks(low: 0, high: maxX)
        let xHigh = max(maxX, xTicks.last ?? maxX)
        let plotW = width - left - right, plotH = height - top - bottom
        func px(_ x: Double) -> Double { left + x / xHigh * plotW }
        // Headroom above 100 % keeps the labels of perfect scores inside the frame.
        func py(_ y: Double) -> Double { top + (1.18 - min(max(y, 0), 1)) / 1.18 * plotH }
        var svg = [SVGText.open(width: width, height: height, label: title)]
        svg.append(SVGText.text(title, x: left, y: 18, attributes: "class=\"chart-title\""))
        for tick in AxisTicks.ticks(low: 0, high: 1, count: 4) {
            svg.append("<line x1=\"\(f(left))\" y1=\"\(f(py(tick)))\" x2=\"\(f(width - right))\" y2=\"\(f(py(tick)))\" class=\"grid\"/>")
            svg.append(SVGText.text("\(FigureFormat.fixed(tick * 100, 0)) %", x: left - 6, y: py(tick) + 4, attributes: "text-anchor=\"end\" class=\"tick\""))
        }
        for tick in xTicks {
            svg.append("<line x1=\"\(f(px(tick)))\" y1=\"\(f(top))\" x2=\"\(f(px(tick)))\" y2=\"\(f(top + plotH))\" class=\"grid\"/>")
            svg.append(SVGText.text(FigureFormat.fixed(tick, 0), x: px(tick), y: top + plotH + 16, attributes: "text-anchor=\"middle\" class=\"tick\""))
        }
        svg.append("<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotW))\" height=\"\(f(plotH))\" class=\"frame\"/>")
        svg.append(SVGText.text(xLabel, x: left + plotW / 2, y: height - 8, attributes: "text-anchor=\"middle\" class=\"axis\""))
        svg.append(SVGText.text(yLabel, x: 14, y: top + plotH / 2,
                                attributes: "text-anchor=\"middle\" class=\"axis\" transform=\"rotate(-90 14 \(f(top + plotH / 2)))\""))
        let front = ParetoFront.indices(sizes: points.map(\.x), qualities: points.map(\.y))
        if front.count > 1 {
            var path = "M\(f(px(points[front[0]].x))),\(f(py(points[front[0]].y)))"
            for index in front.dropFirst() {
                path += " H\(f(px(points[index].x))) V\(f(py(points[index].y)))"
            }
            svg.append("<path d=\"\(path)\" class=\"pareto\"><title>Pareto front</title></path>")
        }
        // Labels avoid every dot and every label placed before them.
        var placed = points.map { LabelBox(minX: px($0.x) - 6, maxX: px($0.x) + 6, minY: py($0.y) - 6, maxY: py($0.y) + 6) }
        for point in points.sorted(by: { $0.x < $1.x }) {
            let x = px(point.x), y = py(point.y)
            if let interval = point.yInterval, interval.count == 2 {
                svg.append("<line x1=\"\(f(x))\" y1=\"\(f(py(interval[0])))\" x2=\"\(f(x))\" y2=\"\(f(py(interval[1])))\" class=\"whisker\" stroke=\"\(point.state.colour)\"/>")
            }
            if point.selected {
                svg.append("<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"10\" class=\"selected-ring\"/>")
            }
            let tip = "\(point.label): \(FigureFormat.fixed(point.y * 100, 1)) %, \(FigureFormat.fixed(point.x, 1)) MiB"
            if point.isMix {
                svg.append("<rect x=\"\(f(x - 5.5))\" y=\"\(f(y - 5.5))\" width=\"11\" height=\"11\" fill=\"\(point.state.colour)\" class=\"mix\"><title>\(esc(tip)) (domain mix)</title></rect>")
            } else {
                svg.append("<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"5.5\" fill=\"\(point.state.colour)\"><title>\(esc(tip))</title></circle>")
            }
            let text = point.selected ? "\(point.label) (selected)" : point.label
            let labelWidth = Double(text.count) * 6.6
            let anchorEnd = x + labelWidth / 2 > width - right
            let minX = anchorEnd ? x - labelWidth : x - labelWidth / 2
            let candidates = [-10.0, 20, -22, 32, -34, 44, -46, 56].map {
                LabelBox(minX: minX, maxX: minX + labelWidth, minY: y + $0 - 10, maxY: y + $0 + 2)
            }
            let box = candidates.first { box in
                box.minY > top && box.maxY < top + plotH && !placed.contains { $0.overlaps(box) }
            } ?? candidates[0]
            placed.append(box)
            svg.append(SVGText.text(text, x: x, y: box.maxY - 2,
                                    attributes: "text-anchor=\"\(anchorEnd ? "end" : "middle")\" class=\"point-label\(point.selected ? " selected-label" : "")\""))
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }

    private struct LabelBox {
        var minX: Double
        var maxX: Double
        var minY: Double
        var maxY: Double

        func overlaps(_ other: LabelBox) -> Bool {
            minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
        }
    }

    private func f(_ value: Double) -> String { FigureFormat.fixed(value, 1) }
}
