/// `quantorch compare` for the terminal: the selection in each revision, a table of metric
/// deltas per variant (with the delta's 95 % interval and "noise" where it contains 0, "machine
/// load" on speeds and latencies, which two runs measure under different loads), the
/// questions whose answers changed correctness, and the `--fail-on` regressions.
public enum ComparisonText {
    /// Renders `comparison` and the regressions found.
    public static func render(_ comparison: RevisionComparison, regressions: [Regression]) -> String {
        var text = "\(comparison.modelSlug): \(comparison.revisionA.prefix(12)) (run \(comparison.runA)) → \(comparison.revisionB.prefix(12)) (run \(comparison.runB))\n"
        text += "selected: \(comparison.selectedA ?? "none") → \(comparison.selectedB ?? "none")\n"
        if !comparison.onlyInA.isEmpty { text += "only in A: \(comparison.onlyInA.joined(separator: ", "))\n" }
        if !comparison.onlyInB.isEmpty { text += "only in B: \(comparison.onlyInB.joined(separator: ", "))\n" }
        text += "\n"
        var rows: [[String]] = []
        for variant in comparison.variants {
            for delta in variant.metrics where delta.a != nil || delta.b != nil {
                let unit = delta.b?.unit ?? delta.a?.unit ?? ""
                let change = delta.delta.map { signed($0, unit: unit) } ?? FigureFormat.missing
                let interval = delta.deltaCI95.map { "[\(signed($0[0], unit: unit)), \(signed($0[1], unit: unit))]" } ?? ""
                let noise = delta.loadDependent == true ? "machine load" : delta.withinNoise.map { $0 ? "noise" : "" } ?? ""
                rows.append([variant.quantType, delta.metric, FigureFormat.text(delta.a), FigureFormat.text(delta.b), change, interval, noise])
            }
        }
        text += TextTable.render(header: ["quant", "metric", "A", "B", "B − A", "95 % interval of B − A", ""], rows: rows)
        text += "\n"
        if comparison.questions.isEmpty {
            text += "no answer changed correctness\n"
        } else {
            text += "answers that changed correctness:\n"
            for question in comparison.questions {
                text += "  \(question.id): \(question.prompt)\n"
                for change in question.changes {
                    let facts = (change.lostFacts.map { "lost \($0)" } + change.gainedFacts.map { "gained \($0)" }).joined(separator: ", ")
                    text += "    \(change.quantType): \(change.correctA ? "correct" : "wrong") → \(change.correctB ? "correct" : "wrong")\(facts.isEmpty ? "" : " (\(facts))")\n"
                }
            }
        }
        if !regressions.isEmpty {
            text += "\nregressions (--fail-on):\n" + regressions.map { "  \($0.description)\n" }.joined()
        }
        return text
    }

    private static func signed(_ value: Double, unit: String) -> String {
        let sign = value > 0 ? "+" : (value < 0 ? "−" : "±")
        return sign + FigureFormat.number(abs(value), unit: unit)
    }
}
