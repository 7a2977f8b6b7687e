/// report.md: the report as Markdown, for reading in a repository browser or a terminal.
///
/// Sections: run facts (chat templates included), selection (with its reason), notes (warnings),
/// the variant table (`VariantColumns`), each GGUF's tensor types (`TypeMixText`), rejected variants with their reasons, the noise floor
/// (parallel mode), every figure, and each question's answers from all variants side by side
/// with the key facts kept and lost, as in the write-up this project starts from; a looping
/// answer is marked "⟳ looping". A missing figure shows as "—". Text from the report is
/// escaped (`MarkupEscaping.markdown`). The output depends only on the report.
public enum MarkdownRenderer {
    /// Renders `report`; pure and deterministic.
    public static func render(_ report: Report) -> String {
        var lines: [String] = []
        let md = MarkupEscaping.markdown
        lines.append("# Quantization report: \(md(report.model.name))")
        lines.append("")
        lines.append("- Revision: `\(report.model.revision)` (\(md(report.model.sourceKind)) \(md(report.model.source)))")
        if let note = report.model.baselineNote { lines.append("- Note: \(md(note))") }
        lines.append("- Run: `\(report.runID)`, created \(report.createdAt)")
        lines.append("- Suite: \(md(report.suite.name)) (sha256 `\(report.suite.sha256.prefix(12))`), \(report.suite.questions) questions, \(report.suite.forms) prompts per variant")
        lines.append("- Evaluation: \(report.settings.mode) mode, temperature \(FigureFormat.fixed(report.settings.sampling.temperature, 2)), seed \(report.settings.sampling.seed), max tokens \(report.settings.sampling.maxTokens), ctx \(report.settings.ctx), \(report.settings.slots) slot\(report.settings.slots == 1 ? "" : "s"), \(report.settings.threads) threads, \(report.settings.gpuLayers) GPU layers")
        lines.append("- Toolchain: llama.cpp build \(md(report.toolchain.llamaCppBuild)), \(md(report.toolchain.converter)), quantorch \(md(report.toolchain.quantorchVersion))")
        if report.variants.contains(where: { $0.chatTemplate != nil }) {
            lines.append("- Chat templates: " + report.variants.map { "\(md($0.quantType)) \(md(ChatTemplateText.describe($0)))" }.joined(separator: ", "))
        }
        lines.append("")
        lines.append("## Selection")
        lines.append("")
        if let quant = report.selection.quantType {
            lines.append("**Selected: \(md(quant))** (\(md(report.selection.rule))). \(md(report.selection.why))")
        } else {
            lines.append("**No quantized variant passed the acceptance thresholds: keep the baseline \(md(report.baseline?.quantType ?? ""))** (\(md(report.selection.rule))). \(md(report.selection.why))")
        }
        lines.append("")
        if let notes = report.notes, !notes.isEmpty {
            lines.append("## Notes")
            lines.append("")
            lines += notes.map { "- ⚠ \(md($0))" }
            lines.append("")
        }
        let acceptance = report.acceptance
        lines.append("Acceptance: accuracy drop ≤ \(FigureFormat.fixed(acceptance.accuracyDropMax, 3)), key-fact recall drop ≤ \(FigureFormat.fixed(acceptance.keyFactRecallDropMax, 3)), flips ≤ \(FigureFormat.fixed(acceptance.flipsMax, 3)), mean KLD ≤ \(FigureFormat.fixed(acceptance.kldMeanMax, 3)) nats.")
        lines.append("")
        lines.append("## Variants")
        lines.append("")
        lines += table(header: VariantColumns.all.map(\.header),
                       rows: report.variants.map { variant in VariantColumns.all.map { $0.cell(variant, report) } })
        lines.append("")
        lines.append("Rates show their Wilson 95 % interval in brackets.")
        lines.append("")
        lines += typeMix(report)
        lines += reasons(report)
        if let noiseFloor = report.noiseFloor {
            lines.append("## Noise floor (parallel mode)")
            lines.append("")
            lines.append("The baseline answered the suite twice in parallel mode; differences between variants smaller than this are within noise.")
            lines.append("")
            for key in noiseFloor.keys.sorted() {
                lines.append("- \(md(key)): \(FigureFormat.text(noiseFloor[key]))")
            }
            lines.append("")
        }
        lines += allFigures(report)
        lines += questions(report)
        lines.append("## Stage timings")
        lines.append("")
        lines += table(header: ["Stage", "Seconds"],
                       rows: report.stageTimings.map { [$0.stage, FigureFormat.fixed($0.seconds, 1)] })
        return lines.joined(separator: "\n") + "\n"
    }

    /// Absent when no variant records its type mix, so older reports render as they did.
    private static func typeMix(_ report: Report) -> [String] {
        let md = MarkupEscaping.markdown
        let items = report.variants.compactMap { variant in
            TypeMixText.line(variant).map { line in "- \(md(line))" + (TypeMixText.mismatch(variant).map { " — ⚠ \(md($0))" } ?? "") }
        }
        guard !items.isEmpty else { return [] }
        return ["## Tensor types", ""] + items + [""]
    }

    private static func reasons(_ report: Report) -> [String] {
        var lines = ["## Why each variant was accepted or rejected", ""]
        for variant in report.variants {
            let verdict = VariantColumns.verdict(variant, report)
            let why = variant.reasons.isEmpty ? FigureFormat.missing : variant.reasons.map(MarkupEscaping.markdown).joined(separator: "; ")
            let caveat = TypeMixText.caveat(variant).map { " — \(MarkupEscaping.markdown($0))" } ?? ""
            lines.append("- **\(MarkupEscaping.markdown(variant.quantType))** (\(verdict)): \(why)\(caveat)")
        }
        lines.append("")
        return lines
    }

    private static func allFigures(_ report: Report) -> [String] {
        var lines = ["## All figures", ""]
        let keys = VariantColumns.allFigureKeys(report)
        lines += table(header: ["Figure"] + report.variants.map(\.quantType),
                       rows: keys.map { group, key in
                           ["\(group).\(key)"] + report.variants.map {
                               FigureFormat.text(VariantColumns.figure($0, group: group, key: key))
                           }
                       })
        lines.append("")
        return lines
    }

    private static func questions(_ report: Report) -> [String] {
        let md = MarkupEscaping.markdown
        var lines = ["## Answers side by side", ""]
        for question in report.questions {
            lines.append("### \(md(question.id)): \(md(question.prompt))")
            lines.append("")
            let category = question.category.map { "Category: \(md($0)). " } ?? ""
            lines.append("\(category)Key facts: \(question.keyFacts.isEmpty ? FigureFormat.missing : question.keyFacts.map(md).joined(separator: ", "))")
            lines.append("")
            lines += table(header: ["Variant", "Correct", "Facts kept", "Facts lost", "Length (characters)"],
                           rows: question.answers.map { answer in
                               [answer.quantType, (answer.correct ? "✓" : "✗") + (answer.looping ? " \(LoopMarker.text)" : ""),
                                list(answer.facts.filter(\.found)), list(answer.facts.filter { !$0.found }), "\(answer.answer.count)"]
                           })
            lines.append("")
            for answer in question.answers {
                let kept = answer.facts.filter(\.found).count
                let loop = answer.looping ? ", \(LoopMarker.text): repeats itself, never counted correct" : ""
                lines.append("**\(md(answer.quantType))** (\(answer.correct ? "correct" : "wrong")\(loop), \(kept)/\(answer.facts.count) key facts):")
                lines.append("")
                lines += answer.answer.split(separator: "\n", omittingEmptySubsequences: false).map { "> \(md(String($0)))" }
                lines.append("")
            }
        }
        return lines
    }

    private static func list(_ facts: [FactResult]) -> String {
        facts.isEmpty ? FigureFormat.missing : facts.map(\.fact).joined(separator: ", ")
    }

    private static func table(header: [String], rows: [[String]]) -> [String] {
        let escapedHeader = header.map(MarkupEscaping.markdownCell)
        return ["| " + escapedHeader.joined(separator: " | ") + " |",
                "|" + header.map { _ in " --- |" }.joined()]
            + rows.map { "| " + $0.map(MarkupEscaping.markdownCell).joined(separator: " | ") + " |" }
    }
}
