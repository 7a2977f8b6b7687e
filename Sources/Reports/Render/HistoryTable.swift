/// `quantorch history` as a terminal table: one row per run, oldest first, with the selected
/// quant's (else the baseline's) headline figures, and its human review where one was imported
/// (that variant's human accuracy and Cohen's κ over the review, `ReviewText.historyCell`).
public enum HistoryTable {
    /// Renders `entries` for `modelSlug`; says so when there are none.
    public static func render(_ entries: [HistoryEntry], modelSlug: String) -> String {
        guard !entries.isEmpty else { return "no runs of \(modelSlug) in the results repository\n" }
        let header = ["revision", "date", "run", "selected", "size", "accuracy", "key-fact recall", "flips", "mean KLD",
                      "gen tok/s", "baseline accuracy", "human review"]
        let rows = entries.map { entry -> [String] in
            let shown = entry.selected ?? entry.baseline
            let names = entry.revisionNames.map { " (\($0.joined(separator: ", ")))" } ?? ""
            return [String(entry.revision.prefix(12)) + names, entry.createdAt, entry.runID,
                    entry.selectedQuantType ?? "none (keep \(entry.baseline?.quantType ?? "baseline"))",
                    shown?.sizeBytes.map { FigureFormat.mebibytes(Double($0)) } ?? FigureFormat.missing,
                    FigureFormat.text(shown?.accuracy), FigureFormat.text(shown?.keyFactRecall),
                    FigureFormat.text(shown?.flips, interval: false), FigureFormat.text(shown?.kldMean),
                    FigureFormat.text(shown?.genTokensPerS), FigureFormat.text(entry.baseline?.accuracy, interval: false),
                    ReviewText.historyCell(entry.review, quantType: entry.selectedQuantType ?? entry.baseline?.quantType)]
        }
        return TextTable.render(header: header, rows: rows)
    }
}
