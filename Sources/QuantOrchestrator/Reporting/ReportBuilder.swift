import Evaluation
import Foundation
import LlamaTools
import MetricKeys
import Reports

/// Turns the stages' records into `report.json`'s model (docs/ARCHITECTURE.md "report.json (per variant)").
///
/// Units follow docs/EVALUATION.md "Keys and figures": llama-perplexity prints RMS Δp and Same top p in percent; they
/// become fractions here. PPL and KLD figures carry n = the tokens llama-perplexity scored,
/// read from its output (ctx − 1 − ctx/2 per chunk it evaluated); records written before it
/// was kept fall back to the recipe's chunks × (ctx − 1 − ctx/2).
struct ReportBuilder {
    let recipe: Recipe
    let source: ResolvedSource
    let modelSlug: String
    let suite: Suite
    let toolchain: Toolchain
    let slots: Int
    /// `SourcePrecision.baselineNote`: set when the source was already quantized.
    let baselineNote: String?

    /// How report.json's settings name where the steps ran.
    private var executorText: String {
        switch recipe.executor {
        case .local: "local"
        case .slurm(let slurm): "slurm" + (slurm.partition.map { ", partition \($0)" } ?? "") + (slurm.account.map { ", account \($0)" } ?? "")
        }
    }

    func build(runID: String, createdAt: Date, results: [VariantResult], kldBase: KLDBaseStage.Record, domainCorpus: DomainCorpusStage.Record?,
               decision: SelectionPolicy.Decision, noiseFloor: [MetricKey: MetricValue]?, stageTimings: [StageTiming],
               search: SearchInfo) -> Report {
        let ctx = recipe.perplexity.ctx
        let scoredTokens = kldBase.perplexity.scoredTokens ?? recipe.perplexity.chunks * (ctx - 1 - ctx / 2)
        var variants = results.map { result -> Variant in
            let verdict = decision.verdicts[result.name]
            return Variant(
                quantType: result.name, kind: result.entry.kindName, fileType: result.fileType, endpoint: endpointText(result.entry),
                isBaseline: result.isBaseline,
                file: result.artifact.map { URL(fileURLWithPath: $0.path).lastPathComponent } ?? "",
                sha256: result.artifact?.sha256 ?? result.answers.first?.variantSHA256 ?? "",
                sizeBytes: result.sizeBytes, bpw: result.bitsPerWeight,
                metrics: Self.keyed(Self.figures(result.score.metrics, in: .quality).merging(factsAtRisk(result, verdict: verdict)) { first, _ in first }),
                perplexity: result.entry.hasGGUF ? perplexity(result, base: kldBase, scoredTokens: scoredTokens) : [:],
                efficiency: efficiency(result),
                answersFile: result.notEvaluated == nil ? Variant.answersFile(of: result.name) : "",
                accepted: decision.accepts(result.name),
                reasons: reasons(result, verdict: verdict, ineligible: decision.ineligible[result.name]),
                chatTemplate: result.serve?.chatTemplate,
                typeMix: result.typeMix.map { $0.shares.map { TensorTypeShare(type: $0.type, tensors: $0.tensors, bytes: $0.bytes) } },
                fallbacks: result.artifact?.fallbacks.map(FallbackGroups.of),
                verdict: verdict.map { VerdictInfos.info($0, checks: result.checks, baseline: results.first?.name ?? "the baseline") },
                notEvaluated: result.notEvaluated,
                divergence: result.divergence.map { Self.divergence($0, answers: result.answers, variantMeasured: result.entry.hasGGUF) },
                mix: result.mix)
        }
        let built = variants
        for (index, result) in results.enumerated() {
            guard let request = result.entry.mixRequest else { continue }
            let target: String? = if case let .sameAs(type) = request.target { type.name } else { nil }
            variants[index].mix?.comparison = MixComparison.of(built[index], among: built, target: target)
        }
        let baselineAccuracy = results.first?.score.metrics[.accuracy]
        let notes = ChatTemplateNotes.notes(results.filter(\.entry.hasGGUF).map { ($0.name, $0.serve?.chatTemplate) })
            + [results.first.flatMap { BaselineQualityNote.note(baseline: $0.name, accuracy: baselineAccuracy?.n == 0 ? nil : baselineAccuracy?.value,
                                                              questions: baselineAccuracy?.n ?? 0) }].compactMap(\.self)
            + [domainCorpus.flatMap { corpus in
                corpus.window == nil
                    ? "domain KLD not measured: the baseline's \(corpus.conversations) answers make \(corpus.tokens) tokens, fewer than llama-perplexity needs at its smallest window (2 × 64 tokens, 100 scored)"
                    : nil
            }].compactMap(\.self)
        return Report(
            schemaVersion: 1, runID: runID, createdAt: ISO8601DateFormatter().string(from: createdAt),
            model: ModelInfo(name: recipe.model.name, slug: modelSlug, revision: source.revision,
                             source: recipe.model.source.path, sourceKind: source.kind.rawValue, baselineNote: baselineNote),
            toolchain: ToolchainInfo(llamaCppBuild: toolchain.build ?? "unknown", converter: "convert_hf_to_gguf.py",
                                     quantorchVersion: QuantorchVersion.current),
            suite: SuiteInfo(name: suite.name, sha256: suite.sha256, questions: suite.questions.count, forms: suite.forms().count,
                             sizeReadings: SuiteSize.lines(questions: suite.questions.count, margins: recipe.acceptance.margins)),
            settings: Settings(sampling: SamplingSettings(temperature: suite.sampling.temperature, seed: suite.sampling.seed,
                                                      maxTokens: suite.sampling.maxTokens),
                               systemPrompt: suite.systemPrompt, ctx: recipe.server.ctx, slots: slots,
                               threads: recipe.server.threads, gpuLayers: recipe.server.gpuLayers,
                               mode: recipe.evaluation.mode.rawValue,
                               perplexity: PerplexitySettings(corpus: recipe.perplexity.corpus.lastPathComponent,
                                                              corpusSHA256: kldBase.corpusSHA256, ctx: recipe.perplexity.ctx,
                                                              chunks: recipe.perplexity.chunks),
                               domainCorpus: domainCorpus.flatMap { corpus in
                                   corpus.window.map { window in
                                       DomainCorpusSettings(sha256: corpus.corpus.sha256, conversations: corpus.conversations, tokens: corpus.tokens,
                                                            answerShare: corpus.answerShare, ctx: window.ctx, chunks: window.chunks,
                                                            scoredTokens: window.scoredTokens, scoredShare: window.scoredShare)
                                   }
                               },
                               replicas: recipe.evaluation.replicas > 1 ? recipe.evaluation.replicas : nil,
                               executor: executorText),
            acceptance: Acceptance(accuracyDropMax: recipe.acceptance.accuracyDropMax,
                                   keyFactRecallDropMax: recipe.acceptance.keyFactRecallDropMax,
                                   flipsMax: recipe.acceptance.flipsMax, kldMeanMax: recipe.acceptance.kldMeanMax,
                                   domainKLDMeanMax: recipe.acceptance.domainKLDMeanMax, factsAtRiskMax: recipe.acceptance.factsAtRiskMax,
                                   maxSizeBytes: recipe.acceptance.maxSizeBytes, maxMemoryBytes: recipe.acceptance.maxMemoryBytes),
            noiseFloor: noiseFloor.map { Self.keyed($0.mapValues(Self.figure)) },
            variants: variants,
            questions: questionRows(results),
            selection: Selection(quantType: decision.selected, rule: decision.rule, why: decision.why,
                                 closestUnsure: decision.closestUnsure, notes: decision.notes.isEmpty ? nil : decision.notes),
            stageTimings: stageTimings,
            notes: notes.isEmpty ? nil : notes,
            search: search)
    }

    private func reasons(_ result: VariantResult, verdict: VariantVerdict?, ineligible: String?) -> [String] {
        if result.isBaseline { return ["baseline: the reference every variant is measured against, never selected"] }
        // The verdict's line first, then every criterion with its interval: the reasons of a
        // CLOSE variant are the criteria it is within, those of the others say where it stands.
        var measured = verdict.map { [$0.summary] + $0.lines } ?? []
        if let ineligible, result.entry.hasGGUF { measured.append("not eligible: \(ineligible)") }
        guard !result.entry.hasGGUF else { return measured }
        return measured + ["endpoint: answers only (no KL divergence or perplexity: the endpoint gives no log-probabilities of the corpus); compared, never selected, since there is no file of it to ship"]
    }

    /// An endpoint's URL and model, for the report; never its key.
    private func endpointText(_ entry: LadderEntry) -> String? {
        guard case let .endpoint(endpoint) = entry.kind else { return nil }
        return "\(endpoint.url.absoluteString) \(endpoint.model)"
    }

    /// A variant's divergence points as the report writes them, each with the variant's answer
    /// (`answers`, its pass 1): log-probabilities become probabilities, token ids are left out.
    static func divergence(_ record: DivergencePointsStage.Record, answers: [AnswerRecord], variantMeasured: Bool) -> TokenDivergence {
        let candidates = { (list: [TokenCandidate]?) in list?.map { TokenDivergence.Candidate(token: $0.piece, probability: exp($0.logprob)) } }
        let texts = Dictionary(answers.map { ("\($0.questionID)\u{1f}\($0.form)", $0.answer) }, uniquingKeysWith: { first, _ in first })
        return TokenDivergence(compared: record.compared, variantTopKMeasured: variantMeasured, points: record.points.map { point in
            TokenDivergence.Point(questionID: point.questionID, form: point.form, position: point.position, offset: point.offset,
                                  baselineToken: point.baselineToken?.text, variantToken: point.variantToken?.text, fact: point.fact,
                                  baselineTopK: candidates(point.baselineCandidates), variantTopK: candidates(point.variantCandidates),
                                  baselineTokenInVariantTopK: point.baselineTokenInVariantCandidates,
                                  variantAnswer: texts["\(point.questionID)\u{1f}\(point.form)"] ?? "")
        })
    }

    static func figure(_ metric: MetricValue) -> Figure {
        Figure(value: metric.value, unit: metric.unit, n: metric.n, ci95: metric.ci95)
    }

    /// The scorer's figures of the report section `group`.
    static func figures(_ metrics: [MetricKey: MetricValue], in group: MetricKey.Group) -> [MetricKey: Figure] {
        metrics.filter { $0.key.group == group }.mapValues(figure)
    }

    /// `figures` with String keys, the form `Variant` and `Report` store.
    static func keyed(_ figures: [MetricKey: Figure]) -> [String: Figure] {
        Dictionary(uniqueKeysWithValues: figures.map { ($0.key.rawValue, $0.value) })
    }

    private func perplexity(_ result: VariantResult, base: KLDBaseStage.Record, scoredTokens: Int) -> [String: Figure] {
        guard let kld = result.kld else {
            return Self.keyed([.ppl: Figure(value: base.perplexity.ppl, unit: "ratio", n: scoredTokens, ci95: nil),
                               .pplRatio: Figure(value: 1, unit: "ratio", n: scoredTokens, ci95: nil)])
        }
        let scoredTokens = kld.scoredTokens ?? scoredTokens
        return Self.keyed([
            .ppl: Figure(value: kld.pplQ, unit: "ratio", n: scoredTokens, ci95: nil),
            .pplRatio: Figure(value: kld.pplRatio, unit: "ratio", n: scoredTokens, ci95: nil),
            .kldMean: Figure(value: kld.kldMean, unit: "nats", n: scoredTokens, ci95: nil),
            .kldMedian: Figure(value: kld.kldMedian, unit: "nats", n: scoredTokens, ci95: nil),
            .kldP99_9: Figure(value: kld.kld99_9, unit: "nats", n: scoredTokens, ci95: nil),
            .kldMax: Figure(value: kld.kldMax, unit: "nats", n: scoredTokens, ci95: nil),
            .rmsDP: Figure(value: kld.rmsDeltaPPercent / 100, unit: "fraction", n: scoredTokens, ci95: nil),
            .sameTopP: Figure(value: kld.sameTopPPercent / 100, unit: "fraction", n: scoredTokens, ci95: nil),
        ].merging(domainFigures(result.domainKLD, estimate: result.evidence.domainKLD)) { first, _ in first })
    }

    /// The facts-at-risk share over the facts probed, with the verdict's interval (Wilson at the
    /// questions the facts come from), so the table and the verdict show one interval.
    private func factsAtRisk(_ result: VariantResult, verdict: VariantVerdict?) -> [MetricKey: Figure] {
        guard let facts = result.evidence.factsAtRisk, facts.probed > 0 else { return [:] }
        let criterion = verdict?.criteria.first { $0.name == .factsAtRisk }
        return [.factsAtRisk: Figure(value: Double(facts.atRisk) / Double(facts.probed), unit: "fraction", n: facts.probed,
                                     ci95: criterion.map { [$0.interval.lower, $0.interval.upper] })]
    }

    /// Domain KLD figures with the verdict's 95 % interval (``MeanEstimate/interval95``: over
    /// the question-sized chunks), and the top-1 agreement with Student's t over the chunks' own.
    private func domainFigures(_ kld: KLDResult?, estimate: MeanEstimate?) -> [MetricKey: Figure] {
        guard let kld else { return [:] }
        let interval = estimate.flatMap { $0.isOverChunks || $0.standardError != nil ? $0.interval95 : nil }
        let agreement = kld.chunkSameTopPPercent.flatMap { StudentT.mean95($0.map { $0 / 100 }) }?.interval
        return [
            .domainKLDMean: Figure(value: kld.kldMean, unit: "nats", n: kld.scoredTokens, ci95: interval.map { [$0.lower, $0.upper] }),
            .domainSameTopP: Figure(value: kld.sameTopPPercent / 100, unit: "fraction", n: kld.scoredTokens,
                                    ci95: agreement.map { [max(0, $0.lower), min(1, $0.upper)] }),
        ]
    }

    private func efficiency(_ result: VariantResult) -> [String: Figure] {
        var figures = Self.figures(result.score.metrics, in: .efficiency)
        if let serve = result.serve {
            figures[.loadS] = Figure(value: serve.loadSeconds, unit: "s", n: nil, ci95: nil)
            if let rss = serve.peakRSSBytes {
                figures[.peakRSSBytes] = Figure(value: Double(rss), unit: "bytes", n: nil, ci95: nil)
            }
            if let vram = serve.peakVRAMBytes {
                figures[.peakVRAMBytes] = Figure(value: Double(vram), unit: "bytes", n: nil, ci95: nil)
            }
        }
        return Self.keyed(figures)
    }

    private func questionRows(_ results: [VariantResult]) -> [QuestionRow] {
        suite.forms().filter { $0.form == "original" }.map { prompt in
            let answers = results.filter { $0.notEvaluated == nil }.map { result -> QuestionAnswer in
                let record = result.answers.first { $0.questionID == prompt.questionID && $0.form == "original" }
                return QuestionAnswer(quantType: result.name, answer: record?.answer ?? "",
                                      correct: result.score.correctness[prompt.questionID] ?? false,
                                      facts: (record?.facts ?? []).map { hit in
                                          let risk = result.factRisks[prompt.questionID]?[hit.fact]
                                          return FactResult(fact: hit.fact, found: hit.found, atRisk: risk?.atRisk, marginNats: risk?.minMarginNats)
                                      },
                                      looping: record.map { LoopDetector.isLooping($0.answer) } ?? false)
            }
            let category = suite.questions.first { $0.id == prompt.questionID }?.category
            return QuestionRow(id: prompt.questionID, prompt: prompt.text, category: category,
                               keyFacts: prompt.keyFacts.map(\.label), answers: answers)
        }
    }
}
