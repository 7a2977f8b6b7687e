import Foundation
import QuantOrchestrator
import Reports

/// The terminal's verdict block after `run`: one line per variant (status and why), then the
/// selection's notes.
enum VerdictLines {
    /// "verdict:\n  Q8_0     CLOSE     …\n", "note: …" lines and the search's line; empty
    /// without variants.
    static func text(_ summary: RunSummary) -> String {
        let judged = summary.variants.filter { $0.status != nil }
        guard !judged.isEmpty else { return "" }
        let width = judged.map(\.quantType.count).max() ?? 0
        var lines = ["verdict (what changed on the suite's questions, then each criterion on its 95 % interval against its margin):"]
        for variant in judged {
            var line = (variant.verdict ?? "").split(separator: ":", maxSplits: 1).dropFirst().first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
            if let reason = variant.notEvaluated, !line.contains("not evaluated") { line += " — not evaluated: \(reason)" }
            lines.append("  \(variant.quantType.padding(toLength: width, withPad: " ", startingAt: 0))  \((variant.status ?? "").padding(toLength: 8, withPad: " ", startingAt: 0))  \(line)")
        }
        lines += summary.notes.map { "note: \($0)" }
        lines.append(summary.search.line)
        return lines.joined(separator: "\n") + "\n"
    }
}
