/// report.md: the report as Markdown, for reading in a repository browser or a terminal.
///
/// The first line is the headline (`Headline`), in bold above the title, so `head -1` says
/// what to ship; one short line per variant follows it (`GlanceText`). Sections: run facts (chat templates included), selection (with its reason and notes), notes
/// (warnings), the margins, the verdict (one line per variant, then each criterion on its
/// interval and the server checks), the human review when one was imported (`ReviewText`), the variant table (`VariantColumns`), each GGUF's tensor types (`TypeMixText`), rejected variants with their reasons, the noise floor
/// (parallel mode), every figure, where answers part from the baseline (``DivergenceText``:
/// each variant's figures and first divergences), and each question's answers from all variants side by side
/// with the key facts kept, lost and at risk (teacher-forced tokens no longer first), as in the write-up this project starts from; a looping
/// answer is marked "⟳ looping". A missing figure shows as "—". Text from the report is
/// escaped (`MarkupEscaping.markdown`). The output depends only on the report.
public enum MarkdownRenderer {
    /// Renders `report`; pure and deterministic.
    public static func render(_ report: Report) -> String {
        var lines: [String] = []
        let md = MarkupEscaping.markdown
        lines.append("**\(md(Headline.sentence(report)))**")
        lines.append("")
        let glance = GlanceText.lines(report)
        if !glance.isEmpty {
            lines.append("```")
            lines += glance
            lines.append("```")
            lines.append("")
        }
        lines.append("# Quantization report: \(md(report.model.name))")
        lines.append("")
        lines.append("- Revision: `\(report.model.revision)` (\(md(report.model.sourceKind)) \(md(report.model.source)))")
        if let note = report.model.baselineNote { lines.append("- Note: \(md(note))") }
        lines.append("- Run: `\(report.runID)`, created \(report.createdAt)")
        lines.append("- Suite: \(md(report.suite.name)) (sha256 `\(report.suite.sha256.prefix(12))`), \(report.suite.questions) questions, \(report.suite.forms) prompts per variant")
        lines.append("- Evaluation: \(report.settings.mode) mode, temperature \(FigureFormat.fixed(report.settings.sampling.temperature, 2)), seed \(report.settings.sampling.seed), max tokens \(report.settings.sampling.maxTokens), ctx \(report.settings.ctx), \(SettingsText.slots(report.settings)), \(report.settings.threads) threads, \(report.settings.gpuLayers) GPU layers")
        if let domain = report.settings.domainCorpus {
            lines.append("- Domain corpus: the baseline's \(domain.conversations) answers as chat conversations (sha256 `\(domain.sha256.prefix(12))`), \(domain.tokens) tokens, \(FigureFormat.fixed(domain.answerShare * 100, 0)) % answer text; llama-perplexity window \(domain.ctx) × \(domain.chunks) chunks scores \(domain.scoredTokens) tokens (\(FigureFormat.fixed(domain.scoredShare * 100, 0)) %, the second half of each window)")
        }
        lines.append("- Toolchain: llama.cpp build \(md(report.toolchain.llamaCppBuild)), \(md(report.toolchain.converter)), quantorch \(md(report.toolchain.quantorchVersion))")
        if report.variants.contains(where: { $0.chatTemplate != nil }) {
            lines.append("- Chat templates: " + report.variants.filter { $0.notEvaluated == nil }.map { "\(md($0.quantType)) \(md(ChatTemplateText.describe($0)))" }.joined(separator: ", "))
        }
        lines.append("")
        lines.append("## Selection")
        lines.append("")
        if let quant = report.selection.quantType {
            lines.append("**Selected: \(md(quant))** (\(md(report.selection.rule))). \(md(report.selection.why))")
        } else {
            lines.append("**\(md(SelectionText.noneHeadline(report)))** (rule: \(md(report.selection.rule))). \(md(report.selection.why))")
        }
        lines.append("")
        lines += (report.selection.notes ?? []).map { "- ⚠ \(md($0))" }
        if report.selection.notes?.isEmpty == false { lines.append("") }
        if let notes = report.notes, !notes.isEmpty {
            lines.append("## Notes")
            lines.append("")
            lines += notes.map { "- ⚠ \(md($0))" }
            lines.append("")
        }
        lines.append(SelectionText.margins(report.acceptance))
        lines.append("")
        if let search = SelectionText.search(report) {
            lines.append(md(search))
            lines.append("")
        }
        lines += verdicts(report)
        lines += review(report)
        lines.append("## Variants")
        lines.append("")
        lines += table(header: VariantColumns.all.map(\.header),
                       rows: report.variants.map { variant in VariantColumns.all.map { $0.cell(variant, report) } })
        lines.append("")
        lines.append("Rates show their Wilson 95 % interval in brackets.")
        lines.append("")
        lines += typeMix(report)
        lines += mixes(report)
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
        lines += divergence(report)
        lines += questions(report)
        lines.append("## Stage timings")
        lines.append("")
        let placed = report.stageTimings.contains { $0.placement != nil }
        lines += table(header: ["Stage", "Seconds"] + (placed ? ["Slurm job"] : []),
                       rows: report.stageTimings.map { [$0.stage, FigureFormat.fixed($0.seconds, 1)] + (placed ? [$0.placement ?? "controller"] : []) })
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

    /// Each domain mix: its choice, whether it beat its stock neighbour, and the steps measured.
    private static func mixes(_ report: Report) -> [String] {
        let md = MarkupEscaping.markdown
        let mixes = report.variants.compactMap { variant in variant.mix.map { (variant, $0) } }
        guard !mixes.isEmpty else { return [] }
        var lines = ["## Domain mixes", "", md(MixText.legend), ""]
        for (variant, mix) in mixes {
            lines.append("**\(md(variant.quantType))**: \(md(MixText.choice(variant, mix)))")
            lines.append("")
            if let comparison = mix.comparison { lines += ["**\(md(comparison.line))**", ""] }
            lines += table(header: MixText.header, rows: MixText.rows(mix))
            lines.append("")
        }
        return lines
    }

    /// One line per judged variant, then each one's criteria on their intervals and its checks.
    private static func verdicts(_ report: Report) -> [String] {
        let md = MarkupEscaping.markdown
        let judged = report.variants.filter { $0.verdict != nil }
        guard !judged.isEmpty else { return [] }
        var lines = ["## Verdict", "",
                     md(VerdictText.legend), ""]
        if let readings = report.suite.sizeReadings, !readings.isEmpty {
            lines.append("What \(report.suite.questions) questions can show:")
            lines.append("")
            lines += readings.map { "- \(md($0))" }
            lines.append("")
        }
        for variant in judged {
            guard let verdict = variant.verdict else { continue }
            lines.append("- **\(md(variant.quantType))** \(md(VerdictText.line(variant, verdict)))")
        }
        lines.append("")
        for variant in judged {
            guard let verdict = variant.verdict else { continue }
            lines.append("### \(md(variant.quantType)): \(verdict.status)")
            lines.append("")
            let census = VerdictText.censusLines(variant, verdict, baseline: report.baseline)
            if !census.isEmpty {
                lines += census.map { "- \(md($0))" }
                lines.append("")
            }
            lines += table(header: VerdictText.criterionHeader, rows: verdict.criteria.map(VerdictText.cells))
            lines.append("")
            if !verdict.checks.isEmpty {
                lines += verdict.checks.map { "- \(md(VerdictText.check($0)))" }
                lines.append("")
            }
        }
        return lines
    }

    /// The variants without a verdict: the baseline, and every variant of a report written
    /// before verdicts. Absent when only the baseline is left, since the verdict says the rest.
    private static func reasons(_ report: Report) -> [String] {
        let unjudged = report.variants.filter { $0.verdict == nil }
        guard unjudged.contains(where: { !$0.isBaseline }) else { return [] }
        var lines = ["## Why each variant was accepted or rejected", ""]
        for variant in unjudged {
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
            lines += table(header: ["Variant", "Correct", "Facts kept", "Facts lost", "Facts at risk", "Length (characters)"],
                           rows: question.answers.map { answer in
                               [answer.quantType, (answer.correct ? "✓" : "✗") + (answer.looping ? " \(LoopMarker.text)" : ""),
                                list(answer.facts.filter(\.found)), list(answer.facts.filter { !$0.found }),
                                VerdictText.atRisk(answer.facts), "\(answer.answer.count)"]
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

    /// Each variant's divergence figures, then its first divergences as a short table.
    private static func divergence(_ report: Report) -> [String] {
        let variants = DivergenceText.variants(report)
        guard !variants.isEmpty else { return [] }
        var lines = ["## Where answers part from the baseline", "",
                     "Each answer set against the baseline's, token by token: the first token that differs (counted from 0), and at that token both models' most likely next tokens.", ""]
        lines += table(header: DivergenceText.summaryHeader, rows: variants.map { DivergenceText.summaryRow($0.name, $0.divergence) })
        lines.append("")
        for variant in variants where !variant.divergence.points.isEmpty {
            let shown = variant.divergence.points.prefix(DivergenceText.firstPoints)
            lines.append("**\(MarkupEscaping.markdown(variant.name))**, first \(shown.count) of \(variant.divergence.points.count) divergences:")
            lines.append("")
            lines += table(header: DivergenceText.pointHeader,
                           rows: shown.map { DivergenceText.pointRow($0, measured: variant.divergence.variantTopKMeasured) })
            lines.append("")
        }
        return lines
    }

    /// Absent until a review is imported.
    private static func review(_ report: Report) -> [String] {
        guard let review = report.review else { return [] }
        return ["## \(ReviewText.title)", ""] + table(header: ReviewText.header, rows: ReviewText.rows(review))
            + ["", MarkupEscaping.markdown(ReviewText.legend(review)), ""]
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
