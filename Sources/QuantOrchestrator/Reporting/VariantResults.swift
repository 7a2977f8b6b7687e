import Evaluation
import Foundation
import LlamaTools
import Reports

/// Gathers, after the steps ran, each ladder entry's records into a ``VariantResult``, scored
/// against the baseline's answers.
enum VariantResults {
    /// - Parameter only: the entries besides the baseline to gather; nil for all of them.
    /// - Returns: one result per ladder entry (the baseline first, then those in `only`), in
    ///   ladder order. A local variant the adaptive search did not evaluate has no answers and
    ///   its verdict's evidence says why (``VerdictEvidence/notEvaluated``).
    /// - Throws: `PipelineError.io` when a step's output is missing, `.toolFailed` when a
    ///   GGUF cannot be read, `AnswersLogError` when an answers file cannot.
    static func gather(factory: StageFactory, outputs: RunOutputs, only: Set<String>? = nil) throws -> [VariantResult] {
        var results: [VariantResult] = []
        for (index, entry) in factory.recipe.ladder.enumerated() where index == 0 || only?.contains(entry.name) ?? true {
            let score = { (answers: [AnswerRecord]) in
                Scorer.score(suite: factory.suite, answers: answers, baseline: index == 0 ? nil : results.first?.answers)
            }
            guard entry.hasGGUF else {
                guard let job = factory.endpointJob(entry) else { throw PipelineError.io("\(entry.name) has no answers") }
                let answers = try job.answers()
                results.append(VariantResult(entry: entry, isBaseline: index == 0, artifact: nil, bitsPerWeight: nil, fileType: nil, typeMix: nil,
                                             serve: nil, answers: answers, secondPass: nil, kld: nil, score: score(answers)))
                continue
            }
            guard let artifact = factory.artifact(for: entry, in: outputs) else { throw PipelineError.io("\(entry.name) was not produced") }
            let info: GGUFInfo
            do { info = try GGUFInfo.read(URL(fileURLWithPath: artifact.path)) } catch {
                throw PipelineError.toolFailed("\(artifact.path) cannot be read as GGUF: \(error)")
            }
            let notEvaluated = index > 0 && outputs.serves[entry.name] == nil ? notEvaluatedReason(entry, search: outputs.search) : nil
            let jobs = factory.answerJobs(entry, identity: artifact.sha256)
            let answers = notEvaluated == nil ? try jobs[0].answers() : []
            results.append(VariantResult(entry: entry, isBaseline: index == 0, artifact: artifact, bitsPerWeight: info.bitsPerWeight,
                                         fileType: info.fileType.flatMap(QuantType.init(fileType:))?.name, typeMix: TensorTypeMix(info),
                                         serve: outputs.serves[entry.name],
                                         answers: answers, secondPass: jobs.count > 1 ? try jobs[1].answers() : nil,
                                         kld: outputs.klds[entry.name], domainKLD: outputs.domainKLDs[entry.name],
                                         score: notEvaluated == nil ? score(answers) : VariantScore(metrics: [:], correctness: [:]),
                                         notEvaluated: notEvaluated))
        }
        let sourceTemplate = factory.source.kind == .hfFolder ? try? SourceChatTemplate.read(checkpointDirectory: factory.source.checkpoint) : nil
        let contextPerSlot = factory.recipe.server.ctx / max(1, factory.slots)
        for index in results.indices.dropFirst() {
            results[index].divergence = outputs.divergence?.variants[results[index].name]
            results[index].mix = outputs.mixes[results[index].name]
            results[index].evidence = evidence(of: results[index], baseline: results[0], suite: factory.suite,
                                               domainQuestions: factory.domainCorpus(outputs)?.conversations)
            if let probe = results[index].serve?.probe, let baselineProbe = results[0].serve?.probe {
                let checks = ServerChecks.compare(variant: probe.server, baseline: baselineProbe.server, recipeContext: contextPerSlot,
                                                  sourceTemplate: sourceTemplate ?? nil)
                results[index].checks = checks.map {
                    ServerCheckInfo(name: $0.name.rawValue, passed: $0.passed, couldChangeScores: $0.couldChangeScores, detail: $0.detail)
                }
                results[index].evidence.failedChecks = checks.filter { !$0.passed && $0.couldChangeScores }.map { "\($0.name.rawValue): \($0.detail)" }
                addFactRisk(to: &results[index], probe: probe.facts, baseline: baselineProbe.facts)
            }
        }
        return results
    }

    /// Facts at risk (``FactRiskSummary``): the count for the verdict, and each probed fact's
    /// evidence for the side-by-side view; a comparison that cannot be made (the variant's
    /// tokenizer split the forced text otherwise) is a failed check instead.
    private static func addFactRisk(to result: inout VariantResult, probe: FactTokenEvidence, baseline: FactTokenEvidence) {
        let summary: FactRiskSummary
        do { summary = try FactRiskSummary(variant: probe, baseline: baseline) } catch {
            result.evidence.failedChecks.append("fact tokens: \(error)")
            return
        }
        let judgeable = Set(baseline.questions.flatMap { question in
            question.facts.filter { !$0.atRisk && !$0.positions.isEmpty }.map { FactRiskSummary.FactReference(questionID: question.questionID, fact: $0.fact) }
        })
        for question in probe.questions {
            for fact in question.facts where judgeable.contains(FactRiskSummary.FactReference(questionID: question.questionID, fact: fact.fact)) {
                result.factRisks[question.questionID, default: [:]][fact.fact] = fact
            }
        }
        guard summary.factsProbed > 0 else { return }
        result.evidence.factsAtRisk = (summary.factsAtRisk, summary.factsProbed, Set(judgeable.map(\.questionID)).count)
    }

    /// Why the search left a local variant out of the suite.
    private static func notEvaluatedReason(_ entry: LadderEntry, search: LadderSearch?) -> String {
        guard let search, search.rungs.contains(where: { $0.name == entry.name }) else {
            return "it cannot be shipped (its GGUF is not smaller than the baseline's, or is over max_size), so the adaptive search does not evaluate it"
        }
        return search.whyNotEvaluated(entry.name) ?? "the search ended before it"
    }

    /// The verdict's evidence for a non-baseline variant.
    /// - Parameter domainQuestions: the answers the domain corpus holds.
    static func evidence(of result: VariantResult, baseline: VariantResult, suite: Suite, domainQuestions: Int?) -> VerdictEvidence {
        var evidence = kldEvidence(kld: result.kld, domainKLD: result.domainKLD, domainQuestions: domainQuestions)
        evidence.notEvaluated = result.notEvaluated
        guard result.notEvaluated == nil else { return evidence }
        let paired = PairedEvidence.of(suite: suite, answers: result.answers, baseline: baseline.answers)
        let table = paired.correctness
        evidence.correctness = table.questions > 0 ? table : nil
        evidence.recallDifferences = paired.recallDifferences.isEmpty ? nil : paired.recallDifferences
        evidence.flips = table.questions > 0 ? (table.baselineOnly + table.variantOnly, table.questions) : nil
        let census = SuiteCensus.of(suite: suite, answers: result.answers, baseline: baseline.answers)
        evidence.census = census.questions > 0 ? census : nil
        return evidence
    }

    /// The KL-divergence part of a verdict's evidence: what screening reads before any suite.
    /// - Parameter domainQuestions: the answers the domain corpus holds.
    static func kldEvidence(kld: KLDResult?, domainKLD: KLDResult?, domainQuestions: Int?) -> VerdictEvidence {
        var evidence = VerdictEvidence()
        if let kld {
            evidence.kld = MeanEstimate(mean: kld.kldMean, standardError: kld.kldMeanError, n: kld.scoredTokens ?? 0, chunkMeans: kld.chunkKLD)
        }
        if let domainKLD {
            evidence.domainKLD = MeanEstimate(mean: domainKLD.kldMean, standardError: domainKLD.kldMeanError, n: domainKLD.scoredTokens ?? 0,
                                              questions: domainQuestions, chunkMeans: domainKLD.chunkKLD)
        }
        return evidence
    }
}
