/// Parses the Prometheus text exposition format that llama-server's `/metrics` returns.
///
/// Source: Prometheus "Exposition formats" (text-based format 0.0.4). Each sample line is
/// `name value` or `name{labels} value`, optionally followed by a timestamp; `#` lines are
/// HELP/TYPE comments. Keys keep the labels as printed (`name{position="1"}`), so labelled
/// series stay apart; `NaN`, `+Inf` and `-Inf` parse as Double's values.
enum PrometheusText {
    /// Sample name (with labels) → value. Malformed lines are skipped.
    static func parse(_ text: String) -> [String: Double] {
        var values: [String: Double] = [:]
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingPrefix(while: { $0 == " " })
            guard !line.isEmpty, line.first != "#" else { continue }
            let nameEnd: Substring.Index
            if let brace = line.firstIndex(of: "{"), let close = line[brace...].firstIndex(of: "}"),
               line[..<brace].allSatisfy({ $0 != " " }) {
                nameEnd = line.index(after: close)
            } else if let space = line.firstIndex(of: " ") {
                nameEnd = space
            } else {
                continue
            }
            let rest = line[nameEnd...].split(separator: " ", omittingEmptySubsequences: true)
            guard let first = rest.first, let value = number(first) else { continue }
            values[String(line[..<nameEnd])] = value
        }
        return values
    }

    private static func number(_ text: Substring) -> Double? {
        switch text {
        case "+Inf": .infinity
        case "-Inf": -.infinity
        case "NaN": .nan
        default: Double(text)
        }
    }
}
