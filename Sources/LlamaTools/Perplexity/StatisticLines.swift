import Foundation

/// The `label : value [± error] [%]` lines of llama-perplexity's KL-divergence summary, which
/// starts at `====== Perplexity statistics ======` (llama.cpp `tools/perplexity/perplexity.cpp`,
/// `kl_divergence`). Labels are matched with runs of spaces collapsed (" 5.0%   KLD" → "5.0% KLD").
struct StatisticLines {
    /// The heading the summary starts with; llama-perplexity prints it only when at least 100
    /// tokens were scored.
    static let heading = "====== Perplexity statistics ======"

    private let texts: [String: String]
    private let lastLines: String

    /// The summary lines of `output`, or nil when it has no summary heading.
    init?(output: String) {
        guard let start = output.range(of: Self.heading) else { return nil }
        var texts: [String: String] = [:]
        for line in output[start.upperBound...].split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let label = line[..<colon].split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            texts[label] = String(line[line.index(after: colon)...])
        }
        self.texts = texts
        lastLines = output.split(separator: "\n").suffix(15).joined(separator: "\n")
    }

    /// The value and printed ± error of a line that must be there.
    /// - Throws: `.missingSummary` when the line is absent, `.unreadableStatistic` when its
    ///   number is not a finite number.
    func required(_ label: String) throws(PerplexityError) -> (value: Double, error: Double?) {
        let (value, error) = try optional(label)
        guard let value else {
            if let text = texts[label] { throw .unreadableStatistic(label: label, text: text) }
            throw .missingSummary(expected: "\"\(label)\" line", lastLines: lastLines)
        }
        return (value, error)
    }

    /// The value and printed ± error of a line, each nil when absent or not finite (a build
    /// prints "nan" for an uncertainty it cannot compute, e.g. a model against itself).
    /// - Throws: `.unreadableStatistic` when the text is not numbers.
    func optional(_ label: String) throws(PerplexityError) -> (value: Double?, error: Double?) {
        guard let text = texts[label] else { return (nil, nil) }
        let parts = text.replacingOccurrences(of: "%", with: "").split(separator: "±")
        let numbers = parts.map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard (1 ... 2).contains(numbers.count), !numbers.contains(where: { $0 == nil }) else {
            throw .unreadableStatistic(label: label, text: text.trimmingCharacters(in: .whitespaces))
        }
        let finite = numbers.map { $0.flatMap { $0.isFinite ? $0 : nil } }
        return (finite[0], finite.count > 1 ? finite[1] : nil)
    }
}
