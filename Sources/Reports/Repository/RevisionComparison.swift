import Foundation
import MetricKeys

/// What changed between two revisions of a model: per variant, the headline metrics with their
/// deltas and intervals; per question, which variants' answers changed correctness and which
/// key facts they lost or gained. Built from the newest run of each revision.
public struct RevisionComparison: Codable, Sendable, Equatable {
    /// The metrics compared unless others are asked for.
    public static let headlineMetrics: [MetricKey] = [
        .accuracy, .keyFactRecall, .flips, .kldMean, .sameTopP, .pplRatio, .ttftMedianS, .genTokensPerS,
    ]

    /// The model's slug.
    public var modelSlug: String
    /// Revision A, the one given first.
    public var revisionA: String
    /// The run of revision A compared (its newest).
    public var runA: String
    /// Revision B.
    public var revisionB: String
    /// The run of revision B compared (its newest).
    public var runB: String
    /// The quant selected in A (nil: baseline kept).
    public var selectedA: String?
    /// The quant selected in B (nil: baseline kept).
    public var selectedB: String?
    /// Quant types present in both runs, in B's ladder order.
    public var variants: [VariantDelta]
    /// Quant types only run A has.
    public var onlyInA: [String]
    /// Quant types only run B has.
    public var onlyInB: [String]
    /// Questions (present in both) where at least one variant's correctness changed.
    public var questions: [QuestionChange]

    /// Compares run `a` with run `b` on `headlineMetrics` plus any of `extraMetrics` not among
    /// them; those are names a user gave, so they stay strings (a key of an older report included).
    /// When both runs have a human review that rated a variant, its `human_accuracy`
    /// (`ReviewSummary.humanAccuracyMetric`) is compared too.
    public init(a: Report, b: Report, extraMetrics: [String] = []) {
        modelSlug = b.model.slug
        revisionA = a.model.revision
        runA = a.runID
        revisionB = b.model.revision
        runB = b.runID
        selectedA = a.selection.quantType
        selectedB = b.selection.quantType
        let headline = Self.headlineMetrics.map(\.rawValue)
        let metrics = headline + extraMetrics.filter { !headline.contains($0) && $0 != ReviewSummary.humanAccuracyMetric }
        let typesA = a.variants.map(\.quantType), typesB = b.variants.map(\.quantType)
        onlyInA = typesA.filter { !typesB.contains($0) }
        onlyInB = typesB.filter { !typesA.contains($0) }
        variants = b.variants.compactMap { variantB in
            guard let variantA = a.variants.first(where: { $0.quantType == variantB.quantType }) else { return nil }
            return VariantDelta(quantType: variantB.quantType, sizeBytesA: variantA.sizeBytes, sizeBytesB: variantB.sizeBytes,
                                metrics: metrics.map { MetricDelta(metric: $0, a: variantA.figure($0), b: variantB.figure($0)) }
                                    + Self.humanAccuracy(variantB.quantType, a: a, b: b))
        }
        questions = b.questions.compactMap { questionB in
            guard let questionA = a.questions.first(where: { $0.id == questionB.id }) else { return nil }
            let changes: [AnswerChange] = questionB.answers.compactMap { answerB in
                guard let answerA = questionA.answers.first(where: { $0.quantType == answerB.quantType }),
                      answerA.correct != answerB.correct else { return nil }
                let foundA = Set(answerA.facts.filter(\.found).map(\.fact)), foundB = Set(answerB.facts.filter(\.found).map(\.fact))
                return AnswerChange(quantType: answerB.quantType, correctA: answerA.correct, correctB: answerB.correct,
                                    lostFacts: answerA.facts.map(\.fact).filter { foundA.contains($0) && !foundB.contains($0) },
                                    gainedFacts: answerB.facts.map(\.fact).filter { foundB.contains($0) && !foundA.contains($0) },
                                    answerA: answerA.answer, answerB: answerB.answer)
            }
            return changes.isEmpty ? nil : QuestionChange(id: questionB.id, prompt: questionB.prompt, changes: changes)
        }
    }

    /// Every metric key either run has, for checking `--fail-on` names; `human_accuracy` when
    /// every run has a review.
    public static func knownMetrics(_ reports: [Report]) -> Set<String> {
        Set(reports.flatMap { $0.variants.flatMap { Array($0.metrics.keys) + Array($0.perplexity.keys) + Array($0.efficiency.keys) } })
            .union(reports.allSatisfy { $0.review != nil } ? [ReviewSummary.humanAccuracyMetric] : [])
    }

    /// The human-accuracy delta of `quantType` when both runs' reviews rated it, else none.
    private static func humanAccuracy(_ quantType: String, a: Report, b: Report) -> [MetricDelta] {
        guard let before = a.review?.humanAccuracy(of: quantType), let after = b.review?.humanAccuracy(of: quantType) else { return [] }
        return [MetricDelta(metric: ReviewSummary.humanAccuracyMetric, a: before, b: after)]
    }

    /// The `rules` broken: for every variant present in both runs (the baseline included,
    /// not only the selected quant), each rule whose metric got worse by more than its
    /// `maxDrop` (see `MetricDirection`). A metric missing on either side is not compared.
    public func regressions(_ rules: [FailOnRule]) -> [Regression] {
        variants.flatMap { variant in
            rules.compactMap { rule in
                guard let delta = variant.metrics.first(where: { $0.metric == rule.metric }),
                      let a = delta.a, let b = delta.b else { return nil }
                let worsening = MetricDirection.worsening(rule.metric, from: a.value, to: b.value)
                // A hair of slack so a drop exactly at the limit, printed and parsed as decimals, passes.
                guard worsening > rule.maxDrop + 1e-12 else { return nil }
                return Regression(quantType: variant.quantType, metric: rule.metric, a: a.value, b: b.value,
                                  worsening: worsening, maxDrop: rule.maxDrop)
            }
        }
    }

    enum CodingKeys: String, CodingKey {
        case variants, questions
        case modelSlug = "model_slug"
        case revisionA = "revision_a"
        case runA = "run_a"
        case revisionB = "revision_b"
        case runB = "run_b"
        case selectedA = "selected_a"
        case selectedB = "selected_b"
        case onlyInA = "only_in_a"
        case onlyInB = "only_in_b"
    }
}
