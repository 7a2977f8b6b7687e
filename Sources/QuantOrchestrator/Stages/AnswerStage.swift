import Evaluation
import Foundation
import LlamaTools

/// Answer stage: one pass of the suite sent to a chat endpoint — our llama-server (inside the
/// serve stage) or a remote endpoint — resuming from the answers file.
struct AnswerStage: Stage {
    let job: AnswerJob
    let endpoint: any ChatEndpoint

    /// What a finished pass leaves: how many answers the file holds for it.
    struct Record: Codable, Sendable, Equatable {
        var variant: String
        var identity: String
        var pass: Int
        var answers: Int
    }

    var recordName: String { job.recordName }
    var label: String { job.label }

    func reuse(_ record: Record, in context: RunContext) throws -> Record? {
        try job.isComplete() ? record : nil
    }

    func reusedLine(_ record: Record) -> String { "reused \(record.answers) answers" }

    func run(in context: RunContext) async throws -> Record {
        let runner = EvaluationRunner(suite: job.suite, client: endpoint, mode: job.sending.mode, slots: job.sending.slots)
        let records = try await runner.run(variantSHA256: job.identity, pass: job.pass, log: try AnswersLog(url: job.answersFile)) { done, total in
            context.progress.questions(job.label, done: done, total: total)
        }
        context.progress.stage("\(job.label): \(records.count) answers")
        return Record(variant: job.variant, identity: job.identity, pass: job.pass, answers: records.count)
    }
}
