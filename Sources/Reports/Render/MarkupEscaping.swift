/// Escaping of report text for the views: everything from report.json is data, never markup.
enum MarkupEscaping {
    /// HTML text and attribute values: `& < > " '` as entities.
    static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Markdown text: `& < >` as entities so a viewer shows model output instead of running it.
    static func markdown(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A Markdown table cell: as `markdown`, plus `|` escaped and line breaks as `<br>`.
    static func markdownCell(_ text: String) -> String {
        markdown(text).replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\r\n", with: "<br>").replacingOccurrences(of: "\n", with: "<br>")
    }
}
