/// card.md and the card's HTML page: the quant table a publisher pastes into a model card.
///
/// The headline (`Headline`), a line naming the model revision, the suite (name, questions)
/// and the llama.cpp build, one row per variant (`CardColumns`: file, size, bpw, domain and
/// generic KLD with their 95 % intervals over llama-perplexity's chunks, accuracy and key-fact
/// recall, the verdict with its one-line reason), the file to
/// ship, and how to read the figures. Labels are the report's own (the statuses CLOSE / UNSURE /
/// REJECTED and the selection), never ones guessed from other models. Text from the report is
/// escaped. The output depends only on the report.
public enum CardRenderer {
    /// The card as Markdown (GitHub-flavoured tables); pure and deterministic.
    public static func markdown(_ report: Report) -> String {
        let md = MarkupEscaping.markdown
        var lines = ["**\(md(Headline.sentence(report)))**", "", md(provenance(report)), ""]
        lines.append("| " + CardColumns.all.map { MarkupEscaping.markdownCell($0.header) }.joined(separator: " | ") + " |")
        lines.append("|" + CardColumns.all.map { _ in " --- |" }.joined())
        for variant in report.variants {
            lines.append("| " + CardColumns.all.map { MarkupEscaping.markdownCell($0.cell(variant, report)) }.joined(separator: " | ") + " |")
        }
        lines.append("")
        if let file = recommendedFile(report) { lines += [md(file), ""] }
        lines.append(md(legend(report)))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The card as one self-contained HTML page (inline CSS, the scorecard as inline SVG, no
    /// script, no URL loaded); pure and deterministic.
    public static func html(_ report: Report) -> String {
        let esc = MarkupEscaping.html
        var html = ["<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\">",
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
                    "<title>Quantizations of \(esc(report.model.name))</title>",
                    "<style>\n\(HTMLStyle.css)\n</style>", "</head>", "<body>",
                    "<h1>Quantizations of \(esc(report.model.name))</h1>",
                    "<section class=\"selection\(report.selection.quantType == nil ? " none" : "")\"><strong>\(esc(Headline.sentence(report)))</strong></section>",
                    "<p class=\"meta\">\(esc(provenance(report)))</p>",
                    "<div class=\"scroll\"><table>",
                    "<tr>" + CardColumns.all.map { "<th>\(esc($0.header))</th>" }.joined() + "</tr>"]
        for variant in report.variants {
            let selected = variant.quantType == report.selection.quantType ? " class=\"selected\"" : ""
            // The verdict's reason is long: it wraps instead of pushing the status off the page.
            html.append("<tr\(selected)>" + CardColumns.all.map { column in
                "<td\(column.header == "Verdict" ? " class=\"why\"" : "")>\(esc(column.cell(variant, report)))</td>"
            }.joined() + "</tr>")
        }
        html.append("</table></div>")
        if let file = recommendedFile(report) { html.append("<p>\(esc(file))</p>") }
        html.append("<p class=\"legend\">\(esc(legend(report)))</p>")
        html.append(ScorecardSVG.render(report))
        html += ["</body>", "</html>"]
        return html.joined(separator: "\n") + "\n"
    }

    /// "HuggingFaceTB/SmolLM2-135M-Instruct at revision 4e53…, suite pharma-and-company
    /// (4 questions, 12 prompts per variant), llama.cpp build 11434, quantorch 0.1.0, run … ."
    static func provenance(_ report: Report) -> String {
        var text = "\(report.model.name) at revision \(report.model.revision), suite \(report.suite.name) (\(report.suite.questions) questions, \(report.suite.forms) prompts per variant), llama.cpp build \(report.toolchain.llamaCppBuild), quantorch \(report.toolchain.quantorchVersion), run \(report.runID)."
        if let note = report.model.baselineNote { text += " Note: \(note)." }
        return text
    }

    /// The file to ship: the pick's, else the baseline's; nil for a report without either file.
    static func recommendedFile(_ report: Report) -> String? {
        if let pick = report.selectedVariant, !pick.file.isEmpty {
            return "Recommended file: \(pick.file) (\(pick.quantType), \(size(pick)), sha256 \(pick.sha256))."
        }
        guard let baseline = report.baseline, !baseline.file.isEmpty else { return nil }
        return "Recommended file: \(baseline.file) (the baseline \(baseline.quantType), \(size(baseline)), sha256 \(baseline.sha256)): no smaller variant is CLOSE and eligible."
    }

    private static func size(_ variant: Variant) -> String {
        variant.sizeBytes.map { FigureFormat.mebibytes(Double($0)) } ?? "size unknown"
    }

    /// How to read the table, with the sources of its intervals.
    static func legend(_ report: Report) -> String {
        let baseline = report.baseline?.quantType ?? "the baseline"
        let kld = "KLD: mean KL divergence against \(baseline) in nats, on the baseline's own answers (domain, with a 95 % interval over question-sized chunks of those answers) and on a generic corpus."
        let quality = "Accuracy: share of questions with every key fact, with a Wilson 95 % interval. Key-fact recall: share of key facts."
        guard report.variants.contains(where: { $0.verdict != nil }) else {
            return "\(kld) \(quality) Verdict: this run predates interval verdicts; yes / no are its thresholds on point estimates."
        }
        return "\(kld) \(quality) Verdict: what each variant changed on the suite's questions is counted (a key fact \(baseline) states and the variant lost keeps it from CLOSE), and every loss against \(baseline) is read on its 95 % interval against its margin; CLOSE when nothing stated is lost, the domain KLD is inside its margin and every share is inside or, on a suite too small to read it, not lost once; REJECTED when any loss is past its margin; UNSURE otherwise. \(SelectionText.margins(report.acceptance))"
    }
}
