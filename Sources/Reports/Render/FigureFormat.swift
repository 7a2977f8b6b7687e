import Foundation

/// How figures read in the Markdown and HTML views: fractions as percentages with their
/// interval, seconds as milliseconds below one second, bytes in MiB; "—" for a missing figure.
public enum FigureFormat {
    /// The text shown for a figure the report does not have.
    public static let missing = "—"

    /// A figure with its unit and, for rates, its 95 % interval: "85.0 % [64.0–94.8]".
    public static func text(_ figure: Figure?, interval: Bool = true) -> String {
        guard let figure else { return missing }
        let value = number(figure.value, unit: figure.unit)
        guard interval, let ci = figure.ci95, ci.count == 2 else { return value }
        if figure.unit == "fraction" {
            return "\(value) [\(fixed(ci[0] * 100, 1))–\(fixed(ci[1] * 100, 1))]"
        }
        return "\(value) [\(number(ci[0], unit: figure.unit))–\(number(ci[1], unit: figure.unit))]"
    }

    /// `value` in `unit` without an interval.
    public static func number(_ value: Double, unit: String) -> String {
        switch unit {
        case "fraction": "\(fixed(value * 100, 1)) %"
        case "bytes": mebibytes(value)
        case "s": value < 1 ? "\(fixed(value * 1000, 1)) ms" : "\(fixed(value, 2)) s"
        case "tokens/s": "\(fixed(value, 1)) tok/s"
        case "nats": fixed(value, 4)
        case "ratio": fixed(value, 3)
        case "bpw": fixed(value, 2)
        case "count": fixed(value, 0)
        default: "\(fixed(value, 4)) \(unit)"
        }
    }

    /// Bytes as MiB with one decimal: "100.6 MiB".
    public static func mebibytes(_ bytes: Double) -> String {
        "\(fixed(bytes / 1_048_576, 1)) MiB"
    }

    /// A fraction in whole percent: "85 %".
    public static func percent(_ fraction: Double) -> String {
        "\(Int((fraction * 100).rounded())) %"
    }

    /// `value` with `digits` decimals, "." as separator whatever the locale.
    public static func fixed(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", locale: Locale(identifier: "en_US_POSIX"), value)
    }
}
