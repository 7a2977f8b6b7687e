import Evaluation
import Foundation
import LlamaTools

/// Probe stage: inside a local variant's serve stage, after its answers, what its server shows
/// (``ServerProbe``: template, tokenizer ids, context per slot, recall of a suite-length
/// prompt) and the fact-token evidence (``FactTokenProbe``): the baseline's answers to the
/// original forms teacher-forced on this server, at their key facts' tokens.
///
/// The baseline's own probe comes first and fixes the text every variant is forced on: each
/// question's prompt as the baseline's server templates it (`prompts`), followed by the
/// baseline's answer. A variant's probe reuses those prompts, so every variant is asked for
/// the same token sequence and the comparison is position by position.
struct ProbeStage: Stage {
    let variant: String
    let artifact: ArtifactRecord
    let client: ServerClient
    /// The baseline's pass-1 answers (for the baseline itself, its own).
    let baselineAnswers: AnswerJob
    /// The baseline's probe record; nil when this is the baseline.
    let baselineProbe: Record?
    /// The suite's longest chat-templated prompt, in tokens, on this server.
    let longestPromptTokens: Int

    /// What probing one server leaves.
    struct Record: Codable, Sendable, Equatable {
        var server: ServerProbe
        var facts: FactTokenEvidence
        /// Question id → the chat-templated prompt the answers were forced after (the
        /// baseline's template); the same map in every variant's record.
        var prompts: [String: String]
    }

    var recordName: String {
        "probe-\(variant)-\(artifact.sha256.prefix(12))-\(baselineAnswers.identity.prefix(12))-\(baselineAnswers.evaluationKey)"
    }
    var label: String { "probe \(variant)" }

    func reusedLine(_ record: Record) -> String { "reused (\(record.facts.questions.count) answers teacher-forced)" }

    func run(in context: RunContext) async throws -> Record {
        let suite = baselineAnswers.suite
        let server = try await ServerProbe.measure(client: client, model: URL(fileURLWithPath: artifact.path),
                                                   firstPrompt: suite.forms().first?.text ?? "",
                                                   longestPromptTokens: longestPromptTokens, maxTokens: suite.sampling.maxTokens)
        let facts = Dictionary(suite.questions.map { ($0.id, $0.keyFacts) }, uniquingKeysWith: { first, _ in first })
        let answers = try baselineAnswers.answers().filter { $0.form == "original" && !(facts[$0.questionID] ?? []).isEmpty }
        var prompts = baselineProbe?.prompts ?? [:]
        if baselineProbe == nil {
            for answer in answers {
                prompts[answer.questionID] = try await client.applyTemplate(suite.messages(user: answer.prompt))
            }
        }
        let inputs = answers.compactMap { answer in
            prompts[answer.questionID].map { FactProbeInput(questionID: answer.questionID, prefix: $0, answer: answer.answer, facts: facts[answer.questionID] ?? []) }
        }
        let evidence = try await FactTokenProbe(endpoint: client).evidence(variant: variant, inputs: inputs)
        let probed = evidence.questions.reduce(0) { $0 + $1.facts.count }
        context.progress.stage("\(variant): \(probed) stated facts teacher-forced over \(inputs.count) answers; truncation marker \(server.truncation.found ? "recalled" : "missed")")
        return Record(server: server, facts: evidence, prompts: prompts)
    }
}
