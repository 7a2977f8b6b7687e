import Evaluation
import LlamaTools

/// Divergence points stage: inside a non-baseline local variant's serve stage, after its
/// answers, where the tokens of each of its pass-1 answers first part from the baseline's
/// (``DivergenceProbe/locate(_:)``), and the variant's greedy path from there to where the
/// texts part, with its candidates at each step (``DivergenceProbe/walk(prompt:answer:from:divergenceByte:maxSteps:)``),
/// asked after the prompt as this variant's server templates it, since that is the prompt it
/// answered.
///
/// The baseline's path and the settled point come later, in the ``DivergenceStage`` that serves
/// the baseline once more.
struct DivergencePointsStage: Stage {
    let variant: String
    let artifact: ArtifactRecord
    let client: ServerClient
    /// The baseline's pass-1 answers.
    let baselineAnswers: AnswerJob
    /// This variant's pass-1 answers.
    let variantAnswers: AnswerJob

    /// One variant's divergences from the baseline.
    struct Record: Codable, Sendable, Equatable {
        /// Prompts both answered, so compared.
        var compared: Int
        /// One per compared prompt whose answers differ, in the suite's form order: with the
        /// variant's path here, settled in the ``DivergenceStage``'s record.
        var points: [DivergencePoint]
    }

    var recordName: String {
        Self.recordName(variant: variant, artifact: artifact, baselineAnswers: baselineAnswers, variantAnswers: variantAnswers)
    }

    /// The record's name, for the serve stage that holds a copy of the record and must know it
    /// is still the current one.
    static func recordName(variant: String, artifact: ArtifactRecord, baselineAnswers: AnswerJob, variantAnswers: AnswerJob) -> String {
        "divergence-path-\(variant)-\(artifact.sha256.prefix(12))-\(baselineAnswers.identity.prefix(12))-\(variantAnswers.evaluationKey)"
    }
    var label: String { "divergence points \(variant)" }

    func reusedLine(_ record: Record) -> String { "reused (\(record.points.count) of \(record.compared) answers diverge)" }

    func run(in context: RunContext) async throws -> Record {
        let probe = DivergenceProbe(endpoint: client)
        let suite = variantAnswers.suite
        let inputs = try Self.inputs(suite: suite, baseline: baselineAnswers.answers(), variant: variantAnswers.answers())
        var points: [DivergencePoint] = []
        for input in inputs {
            try Task.checkCancellation()
            guard var point = try await probe.locate(input.divergence) else { continue }
            let prompt = try await client.applyTemplate(suite.messages(user: input.prompt))
            point.variantPath = try await probe.walk(prompt: prompt, answer: input.divergence.variantAnswer, from: point,
                                                     divergenceByte: DivergenceProbe.commonBytes(input.divergence.baselineAnswer, input.divergence.variantAnswer))
            points.append(point)
        }
        context.progress.stage("\(variant): \(points.count) of \(inputs.count) answers diverge from the baseline's")
        return Record(compared: inputs.count, points: points)
    }

    /// Each prompt both answered, in the variant's answer order, with the user message sent and
    /// the prompt's key facts.
    static func inputs(suite: Suite, baseline: [AnswerRecord], variant: [AnswerRecord]) -> [(prompt: String, divergence: DivergenceInput)] {
        let facts = Dictionary(suite.forms().map { ("\($0.questionID)\u{1f}\($0.form)", $0.keyFacts) }, uniquingKeysWith: { first, _ in first })
        let baselineByForm = Dictionary(baseline.map { ("\($0.questionID)\u{1f}\($0.form)", $0) }, uniquingKeysWith: { first, _ in first })
        return variant.compactMap { answer in
            let key = "\(answer.questionID)\u{1f}\(answer.form)"
            guard let reference = baselineByForm[key] else { return nil }
            return (answer.prompt, DivergenceInput(questionID: answer.questionID, form: answer.form, baselineAnswer: reference.answer,
                                                   variantAnswer: answer.answer, facts: facts[key] ?? []))
        }
    }
}
