import MetricKeys

/// report.html: one self-contained page (inline CSS and SVG, no URL; the one script is the
/// review mode's, inline, `ReviewControls`) with the
/// Markdown view's content plus charts drawn here as SVG:
/// quality (accuracy, key-fact recall) against size with the Pareto front and the selected
/// quant ringed, mean KL divergence per variant against `kld_mean_max`, and generation
/// tokens/s per variant. Each question shows all variants' answers side by side, as in the
/// write-up this project starts from: a green or red top edge for correct or wrong, kept key
/// facts highlighted green where they occur, lost ones listed in red under the answer, and a
/// looping answer marked "⟳ looping", a kept fact at risk (teacher-forced, another token first)
/// marked "⚠ at risk", and where a variant's answer first parts from the baseline's a "⋔" mark
/// whose hover (or focus) shows both models' next-token candidates there, after a table of
/// each variant's divergence figures (``DivergenceText``). Notes (warnings) and the verdict (each variant's status, criteria on
/// their intervals, server checks) follow the selection; each GGUF's tensor
/// types (`TypeMixText`) follow the variant table; an imported human review (`ReviewText`)
/// follows the verdict.
/// Every text from the report is HTML-escaped. The output depends only on the report.
public enum HTMLRenderer {
    /// Renders `report`; pure and deterministic. With `committedReview` (the review.json
    /// committed beside the report), review mode starts from its ratings in a browser that has
    /// none of its own for the run.
    public static func render(_ report: Report, committedReview: ReviewFile? = nil) -> String {
        let esc = MarkupEscaping.html
        var html: [String] = []
        html.append("<!DOCTYPE html>")
        html.append("<html lang=\"en\">")
        html.append("<head>")
        html.append("<meta charset=\"utf-8\">")
        html.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        html.append("<title>Quantization report: \(esc(report.model.name))</title>")
        html.append("<style>\n\(HTMLStyle.css)\n</style>")
        html.append("</head>")
        html.append("<body>")
        html.append("<h1>Quantization report: \(esc(report.model.name))</h1>")
        html.append("<p class=\"meta\">revision <code>\(esc(report.model.revision))</code> · run <code>\(esc(report.runID))</code> · \(esc(report.createdAt)) · suite \(esc(report.suite.name)), \(report.suite.questions) questions · \(esc(report.settings.mode)) mode</p>")
        if let note = report.model.baselineNote { html.append("<p class=\"meta\"><strong>Note:</strong> \(esc(note))</p>") }
        html += selection(report)
        html += notes(report)
        html += verdicts(report)
        html += review(report)
        html += charts(report)
        html += variantTable(report)
        html += typeMix(report)
        html += mixes(report)
        html += reasons(report)
        html += noiseFloor(report)
        html += divergence(report)
        html += ReviewControls.panel(report)
        html += questions(report, committedReview: committedReview)
        html += allFigures(report)
        html += runFacts(report)
        html.append("</body>")
        html.append("</html>")
        return html.joined(separator: "\n") + "\n"
    }

    /// The first box: the headline and one short line per variant (`GlanceText`); the
    /// selection's full reasoning, notes and margins below it.
    private static func selection(_ report: Report) -> [String] {
        let esc = MarkupEscaping.html
        let margins = SelectionText.margins(report.acceptance) + (SelectionText.search(report).map { " " + $0 } ?? "")
        let notes = (report.selection.notes ?? []).map { "<br>⚠ \(esc($0))" }.joined()
        let glance = GlanceText.lines(report)
        let lines = glance.isEmpty ? "" : "<pre class=\"glance\">\(esc(glance.joined(separator: "\n")))</pre>"
        let box = "<section class=\"selection\(report.selection.quantType == nil ? " none" : "")\"><strong>\(esc(Headline.sentence(report)))</strong>\(lines)</section>"
        let rule = report.selection.quantType.map { "Selected: \(esc($0)) (\(esc(report.selection.rule)))" }
            ?? "\(esc(SelectionText.noneHeadline(report))) (rule: \(esc(report.selection.rule)))"
        return [box, "<p class=\"why\">\(rule). \(esc(report.selection.why))\(notes)<br><span class=\"meta\">\(esc(margins))</span></p>"]
    }

    /// One line per judged variant, then each one's criteria on their intervals and its checks.
    private static func verdicts(_ report: Report) -> [String] {
        let esc = MarkupEscaping.html
        let judged = report.variants.filter { $0.verdict != nil }
        guard !judged.isEmpty else { return [] }
        var html = ["<h2>Verdict</h2>",
                    "<p class=\"legend\">\(esc(VerdictText.legend))</p>"]
        if let readings = report.suite.sizeReadings, !readings.isEmpty {
            html.append("<p class=\"legend\">What \(report.suite.questions) questions can show:</p><ul class=\"size-readings\">"
                        + readings.map { "<li>\(esc($0))</li>" }.joined() + "</ul>")
        }
        html.append("<ul class=\"reasons\">")
        for variant in judged {
            guard let verdict = variant.verdict else { continue }
            html.append("<li><strong>\(esc(variant.quantType))</strong> <span class=\"verdict \(verdict.status.lowercased())\">\(esc(verdict.status))</span>: \(esc(VerdictText.line(variant, verdict, withStatus: false)))</li>")
        }
        html.append("</ul>")
        for variant in judged {
            guard let verdict = variant.verdict else { continue }
            html.append("<h3>\(esc(variant.quantType)): \(esc(verdict.status))</h3>")
            let census = VerdictText.censusLines(variant, verdict, baseline: report.baseline)
            if !census.isEmpty { html.append("<ul class=\"census\">" + census.map { "<li>\(esc($0))</li>" }.joined() + "</ul>") }
            html.append("<div class=\"scroll\"><table>")
            html.append("<tr>" + VerdictText.criterionHeader.map { "<th>\(esc($0))</th>" }.joined() + "</tr>")
            for criterion in verdict.criteria {
                html.append("<tr class=\"\(esc(criterion.reading))\">" + VerdictText.cells(criterion).map { "<td>\(esc($0))</td>" }.joined() + "</tr>")
            }
            html.append("</table></div>")
            if !verdict.checks.isEmpty {
                html.append("<ul>" + verdict.checks.map { "<li>\(esc(VerdictText.check($0)))</li>" }.joined() + "</ul>")
            }
        }
        return html
    }

    /// Absent until a review is imported.
    private static func review(_ report: Report) -> [String] {
        guard let review = report.review else { return [] }
        let esc = MarkupEscaping.html
        return ["<h2>\(esc(ReviewText.title))</h2>", "<div class=\"scroll\"><table id=\"human-review\">",
                "<tr>" + ReviewText.header.map { "<th>\(esc($0))</th>" }.joined() + "</tr>"]
            + ReviewText.rows(review).map { "<tr>" + $0.map { "<td>\(esc($0))</td>" }.joined() + "</tr>" }
            + ["</table></div>", "<p class=\"legend\">\(esc(ReviewText.legend(review)))</p>"]
    }

    private static func notes(_ report: Report) -> [String] {
        guard let notes = report.notes, !notes.isEmpty else { return [] }
        return ["<section class=\"notes\"><strong>Notes</strong><ul>"]
            + notes.map { "<li>⚠ \(MarkupEscaping.html($0))</li>" }
            + ["</ul></section>"]
    }

    private static func charts(_ report: Report) -> [String] {
        func points(_ key: MetricKey) -> [ChartPoint] {
            report.variants.compactMap { variant in
                guard let figure = variant.figure(key), let size = variant.sizeBytes else { return nil }
                return ChartPoint(label: variant.quantType, x: Double(size) / 1_048_576, y: figure.value,
                                  yInterval: figure.ci95, state: state(variant), selected: variant.quantType == report.selection.quantType,
                                  isMix: variant.mix != nil)
            }
        }
        func bars(_ key: MetricKey) -> [SVGBarChart.Bar] {
            report.variants.map { variant in
                let figure = variant.figure(key)
                return SVGBarChart.Bar(label: variant.quantType, value: figure?.value,
                                       text: FigureFormat.text(figure, interval: false), colour: state(variant).colour)
            }
        }
        var html = ["<h2>Charts</h2>", "<section class=\"charts\">"]
        for (key, name) in [(MetricKey.accuracy, "Accuracy"), (.keyFactRecall, "Key-fact recall")] {
            html.append(SVGScatterChart(title: "\(name) against size (Pareto front dashed)", xLabel: "file size (MiB)",
                                        yLabel: name.lowercased(), points: points(key)).render())
        }
        html.append(SVGBarChart(title: "Mean KL divergence against the baseline (nats)", bars: bars(.kldMean),
                                threshold: (report.acceptance.kldMeanMax, "max \(FigureFormat.fixed(report.acceptance.kldMeanMax, 2))")).render())
        html.append(SVGBarChart(title: "Generation speed (tokens/s)", bars: bars(.genTokensPerS), threshold: nil).render())
        html.append("</section>")
        html.append("<p class=\"legend\"><span class=\"swatch\" style=\"background:#5b6b7f\"></span>baseline<span class=\"swatch\" style=\"background:#1f8a4c\"></span>CLOSE and eligible<span class=\"swatch\" style=\"background:#c0392b\"></span>not shippable · whiskers: Wilson 95 % interval · ring: selected quant" + (report.variants.contains { $0.mix != nil } ? " · square: domain mix" : "") + "</p>")
        return html
    }

    private static func variantTable(_ report: Report) -> [String] {
        let esc = MarkupEscaping.html
        var html = ["<h2>Variants</h2>", "<div class=\"scroll\"><table>"]
        html.append("<tr>" + VariantColumns.all.map { "<th>\(esc($0.header))</th>" }.joined() + "</tr>")
        for variant in report.variants {
            html.append("<tr class=\"\(rowClass(variant, report))\">" + VariantColumns.all.map { "<td>\(esc($0.cell(variant, report)))</td>" }.joined() + "</tr>")
        }
        html.append("</table></div>")
        html.append("<p class=\"legend\">Rates show their Wilson 95 % interval in brackets; “—”: not measured.</p>")
        return html
    }

    /// Absent when no variant records its type mix, so older reports render as they did.
    private static func typeMix(_ report: Report) -> [String] {
        let esc = MarkupEscaping.html
        let items = report.variants.compactMap { variant in
            TypeMixText.line(variant).map { line in
                "<li>\(esc(line))" + (TypeMixText.mismatch(variant).map { " <strong>⚠ \(esc($0))</strong>" } ?? "") + "</li>"
            }
        }
        guard !items.isEmpty else { return [] }
        return ["<h2>Tensor types</h2>", "<ul>"] + items + ["</ul>"]
    }

    /// Each domain mix: its choice, whether it beat its stock neighbour, and the steps measured.
    private static func mixes(_ report: Report) -> [String] {
        let esc = MarkupEscaping.html
        let mixes = report.variants.compactMap { variant in variant.mix.map { (variant, $0) } }
        guard !mixes.isEmpty else { return [] }
        var html = ["<h2>Domain mixes</h2>", "<p class=\"legend\">\(esc(MixText.legend))</p>"]
        for (variant, mix) in mixes {
            html.append("<h3>\(esc(variant.quantType))</h3>")
            html.append("<p>\(esc(MixText.choice(variant, mix)))</p>")
            if let comparison = mix.comparison { html.append("<p><strong>\(esc(comparison.line))</strong></p>") }
            html.append("<div class=\"scroll\"><table>")
            html.append("<tr>" + MixText.header.map { "<th>\(esc($0))</th>" }.joined() + "</tr>")
            for row in MixText.rows(mix) { html.append("<tr>" + row.map { "<td>\(esc($0))</td>" }.joined() + "</tr>") }
            html.append("</table></div>")
        }
        return html
    }

    /// As in the Markdown view: only variants without a verdict, absent when that is the baseline alone.
    private static func reasons(_ report: Report) -> [String] {
        let esc = MarkupEscaping.html
        let unjudged = report.variants.filter { $0.verdict == nil }
        guard unjudged.contains(where: { !$0.isBaseline }) else { return [] }
        var html = ["<h2>Why each variant was accepted or rejected</h2>", "<ul class=\"reasons\">"]
        for variant in unjudged {
            let verdict = VariantColumns.verdict(variant, report)
            let kind = variant.isBaseline ? "" : (variant.accepted ? " yes" : " no")
            let why = variant.reasons.isEmpty ? FigureFormat.missing : variant.reasons.map(esc).joined(separator: "; ")
            let caveat = TypeMixText.caveat(variant).map { " — <em>\(esc($0))</em>" } ?? ""
            html.append("<li><strong>\(esc(variant.quantType))</strong> <span class=\"verdict\(kind)\">\(esc(verdict))</span>: \(why)\(caveat)</li>")
        }
        html.append("</ul>")
        return html
    }

    private static func noiseFloor(_ report: Report) -> [String] {
        guard let noiseFloor = report.noiseFloor else { return [] }
        var html = ["<h2>Noise floor (parallel mode)</h2>",
                    "<p>The baseline answered the suite twice in parallel mode; differences between variants smaller than this are within noise.</p>",
                    "<table>"]
        for key in noiseFloor.keys.sorted() {
            html.append("<tr><td>\(MarkupEscaping.html(key))</td><td>\(MarkupEscaping.html(FigureFormat.text(noiseFloor[key])))</td></tr>")
        }
        html.append("</table>")
        return html
    }

    private static func questions(_ report: Report, committedReview: ReviewFile?) -> [String] {
        let esc = MarkupEscaping.html
        var html = ["<h2>Answers side by side</h2>"]
        for (index, question) in report.questions.enumerated() {
            html.append("<article class=\"question\" id=\"q\(index + 1)\" data-question-id=\"\(esc(question.id))\">")
            html.append("<h3>\(esc(question.id)): \(esc(question.prompt))</h3>")
            let category = question.category.map { "category \(esc($0)) · " } ?? ""
            let facts = question.keyFacts.map { "<span class=\"fact key\">\(esc($0))</span>" }.joined()
            html.append("<p class=\"facts-line\">\(category)key facts: \(facts.isEmpty ? FigureFormat.missing : facts)</p>")
            html.append("<div class=\"answers\" style=\"grid-template-columns: repeat(\(max(question.answers.count, 1)), minmax(0, 1fr))\">")
            for answer in question.answers {
                let divergence = report.variants.first { $0.quantType == answer.quantType }?.divergence
                let committed = committedReview?.ratings.first {
                    $0.questionID == question.id && $0.form == ReviewSummary.originalForm && $0.variant == answer.quantType
                }
                html += card(answer, isBaseline: answer.quantType == report.baseline?.quantType,
                             divergence: divergence?.point(questionID: question.id, form: "original").map { ($0, divergence?.variantTopKMeasured ?? false) },
                             committed: committed)
            }
            html.append("</div>")
            html.append("</article>")
        }
        return html
    }

    private static func card(_ answer: QuestionAnswer, isBaseline: Bool, divergence: (point: TokenDivergence.Point, measured: Bool)?,
                             committed: ReviewRating?) -> [String] {
        let esc = MarkupEscaping.html
        let kept = answer.facts.filter(\.found)
        let lost = answer.facts.filter { !$0.found }
        let runs = FactHighlighter.runs(answer: answer.answer, foundFacts: kept.map(\.fact))
        let text = DivergenceText.render(runs, mark: divergence.map { divergenceMark($0.point, measured: $0.measured) }, atByte: divergence?.point.offset ?? 0)
        let verdict = answer.correct ? "✓ correct" : "✗ wrong"
        let loop = answer.looping ? " · <span class=\"loop\" title=\"repeats itself; never counted correct\">\(LoopMarker.text)</span>" : ""
        var html = ["<div class=\"card \(answer.correct ? "correct" : "wrong")\(answer.looping ? " looping" : "")\">"]
        html.append("<header><span class=\"quant\">\(esc(answer.quantType))\(isBaseline ? " (baseline)" : "")</span><span>\(verdict)\(loop) · \(kept.count)/\(answer.facts.count) facts · \(answer.answer.count) chars</span></header>")
        html.append("<p class=\"answer\">\(text)</p>")
        html.append("<div>" + kept.map { fact in
            fact.atRisk == true
                ? "<span class=\"fact risk\" title=\"teacher-forced on the baseline's answer, another token ranks first at this fact\">⚠ at risk: \(esc(fact.fact))\(fact.marginNats.map { " (\(FigureFormat.fixed($0, 2)) nats)" } ?? "")</span>"
                : "<span class=\"fact kept\">✓ \(esc(fact.fact))</span>"
        }.joined()
            + lost.map { fact in
                "<span class=\"fact lost\">✗ lost: \(esc(fact.fact))\(fact.atRisk == true ? " (at risk)" : "")</span>"
            }.joined() + "</div>")
        html.append(ReviewControls.controls(for: answer, committed: committed))
        html.append("</div>")
        return html
    }

    /// Each variant's divergence figures; nothing when no variant has them.
    private static func divergence(_ report: Report) -> [String] {
        let esc = MarkupEscaping.html
        let variants = DivergenceText.variants(report)
        guard !variants.isEmpty else { return [] }
        var html = ["<h2>Where answers part from the baseline</h2>",
                    "<p>Each answer set against the baseline's, token by token: the first token that differs, and at that token both models' most likely next tokens (⋔ in the answers below).</p>",
                    "<table>", "<tr>" + DivergenceText.summaryHeader.map { "<th>\(esc($0))</th>" }.joined() + "</tr>"]
        html += variants.map { variant in "<tr>" + DivergenceText.summaryRow(variant.name, variant.divergence).map { "<td>\(esc($0))</td>" }.joined() + "</tr>" }
        html.append("</table>")
        // Every form's divergences, the paraphrases and noisy forms the side by side does not show among them.
        for variant in variants where !variant.divergence.points.isEmpty {
            html.append("<details class=\"divergences\"><summary>\(esc(variant.name)): \(variant.divergence.points.count) answers that part from the baseline's</summary><ul>")
            for point in variant.divergence.points where !point.variantAnswer.isEmpty {
                let answer = DivergenceText.render([FactHighlighter.Run(text: point.variantAnswer, highlighted: false)],
                                                   mark: divergenceMark(point, measured: variant.divergence.variantTopKMeasured), atByte: point.offset)
                html.append("<li><span class=\"meta\">\(esc(point.questionID)) · \(esc(point.form))</span> <span class=\"answer\">\(answer)</span></li>")
            }
            html.append("</ul></details>")
        }
        return html
    }

    /// The "⋔" mark at a divergence, with both candidate lists shown on hover or focus.
    private static func divergenceMark(_ point: TokenDivergence.Point, measured: Bool) -> String {
        let esc = MarkupEscaping.html
        let head = "parts from the baseline at token \(point.position): baseline \(DivergenceText.shown(point.baselineToken)), this variant \(DivergenceText.shown(point.variantToken))"
            + (point.fact.map { ", inside the key fact \($0)" } ?? "")
        return "<span class=\"diverge\" tabindex=\"0\" data-position=\"\(point.position)\" aria-label=\"\(esc(head))\">⋔<span class=\"topk\" role=\"tooltip\">"
            + "<span class=\"head\">\(esc(head))</span>"
            + "<span class=\"row\">baseline top k: \(esc(DivergenceText.candidates(point.baselineTopK)))</span>"
            + "<span class=\"row\">variant top k: \(esc(measured ? DivergenceText.candidates(point.variantTopK) : DivergenceText.notMeasured))</span>"
            + "</span></span>"
    }

    private static func allFigures(_ report: Report) -> [String] {
        let esc = MarkupEscaping.html
        var html = ["<h2>All figures</h2>", "<div class=\"scroll\"><table>"]
        html.append("<tr><th>Figure</th>" + report.variants.map { "<th>\(esc($0.quantType))</th>" }.joined() + "</tr>")
        for (group, key) in VariantColumns.allFigureKeys(report) {
            let cells = report.variants.map { "<td>\(esc(FigureFormat.text(VariantColumns.figure($0, group: group, key: key))))</td>" }
            html.append("<tr><td>\(esc(group)).\(esc(key))</td>" + cells.joined() + "</tr>")
        }
        html.append("</table></div>")
        return html
    }

    private static func runFacts(_ report: Report) -> [String] {
        let esc = MarkupEscaping.html
        let settings = report.settings
        let rows: [(String, String)] = [
            ("model", "\(report.model.name) (\(report.model.slug))"),
            ("revision", report.model.revision),
            ("source", "\(report.model.source) (\(report.model.sourceKind))"),
            ("toolchain", "llama.cpp build \(report.toolchain.llamaCppBuild), \(report.toolchain.converter), quantorch \(report.toolchain.quantorchVersion)"),
            ("chat templates", report.variants.map { "\($0.quantType) \(ChatTemplateText.describe($0))" }.joined(separator: ", ")),
            ("suite", "\(report.suite.name), sha256 \(report.suite.sha256), \(report.suite.questions) questions, \(report.suite.forms) prompts per variant"),
            ("sampling", "temperature \(FigureFormat.fixed(settings.sampling.temperature, 2)), seed \(settings.sampling.seed), max tokens \(settings.sampling.maxTokens)"),
            ("system prompt", settings.systemPrompt ?? FigureFormat.missing),
            ("server", "ctx \(settings.ctx), \(SettingsText.slots(settings)), \(settings.threads) threads, \(settings.gpuLayers) GPU layers, \(settings.mode) mode"),
            ("perplexity", "\(settings.perplexity.corpus) (sha256 \(settings.perplexity.corpusSHA256.prefix(12))), ctx \(settings.perplexity.ctx), \(settings.perplexity.chunks) chunks"),
            ("domain corpus", settings.domainCorpus.map { "the baseline's \($0.conversations) answers as conversations, \($0.tokens) tokens, window \($0.ctx) × \($0.chunks) chunks, \($0.scoredTokens) tokens scored (\(FigureFormat.fixed($0.scoredShare * 100, 0)) %)" } ?? FigureFormat.missing),
            ("executor", settings.executor ?? FigureFormat.missing),
            ("stage timings", report.stageTimings.map { "\($0.stage) \(FigureFormat.fixed($0.seconds, 1)) s" + ($0.placement.map { " (\($0))" } ?? "") }.joined(separator: ", ")),
        ]
        return ["<h2>Run</h2>", "<dl class=\"run\">"] + rows.map { "<dt>\(esc($0.0))</dt><dd>\(esc($0.1))</dd>" } + ["</dl>"]
    }

    private static func state(_ variant: Variant) -> ChartPoint.State {
        variant.isBaseline ? .baseline : (variant.accepted ? .accepted : .rejected)
    }

    private static func rowClass(_ variant: Variant, _ report: Report) -> String {
        if variant.isBaseline { return "baseline" }
        if variant.quantType == report.selection.quantType { return "selected" }
        return variant.accepted ? "accepted" : "rejected"
    }
}
