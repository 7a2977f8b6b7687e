/// The few SVG elements the charts share; text is always HTML-escaped.
enum SVGText {
    /// An `<svg>` start tag for inline use (no namespace URL: HTML parses inline SVG without one).
    static func open(width: Double, height: Double, label: String) -> String {
        "<svg class=\"chart\" viewBox=\"0 0 \(FigureFormat.fixed(width, 0)) \(FigureFormat.fixed(height, 0))\" width=\"\(FigureFormat.fixed(width, 0))\" height=\"\(FigureFormat.fixed(height, 0))\" role=\"img\" aria-label=\"\(MarkupEscaping.html(label))\">"
    }

    /// A `<text>` element at (x, y).
    static func text(_ content: String, x: Double, y: Double, attributes: String) -> String {
        "<text x=\"\(FigureFormat.fixed(x, 1))\" y=\"\(FigureFormat.fixed(y, 1))\" \(attributes)>\(MarkupEscaping.html(content))</text>"
    }
}
