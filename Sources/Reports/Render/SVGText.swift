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

    /// About how wide `text` is at `fontSize` px, in px. SVG cannot measure text, so lines are
    /// laid out from an estimate: 0.62 em per Latin character (DejaVu Sans, the widest fallback
    /// of the stack) and 1 em per CJK or full-width one.
    static func width(_ text: String, fontSize: Double) -> Double {
        text.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 1 : 0.62) } * fontSize
    }

    /// `text` broken at spaces (inside a word too long for a line, between characters, as CJK
    /// text is broken) into lines of at most `maxWidth` px.
    static func wrap(_ text: String, fontSize: Double, maxWidth: Double) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if width(candidate, fontSize: fontSize) <= maxWidth {
                line = candidate
                continue
            }
            if !line.isEmpty { lines.append(line) }
            line = ""
            for character in word {
                if !line.isEmpty, width(line + String(character), fontSize: fontSize) > maxWidth {
                    lines.append(line)
                    line = ""
                }
                line.append(character)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// `text` cut to at most `maxWidth` px, ending in "…" when cut.
    static func truncate(_ text: String, fontSize: Double, maxWidth: Double) -> String {
        guard width(text, fontSize: fontSize) > maxWidth else { return text }
        var cut = ""
        for character in text {
            if width(cut + String(character) + "…", fontSize: fontSize) > maxWidth { break }
            cut.append(character)
        }
        return cut.trimmingTrailingSpaces() + "…"
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x20000...0x3FFFD: true
        default: false
        }
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.hasSuffix(" ") { copy.removeLast() }
        return copy
    }
}
