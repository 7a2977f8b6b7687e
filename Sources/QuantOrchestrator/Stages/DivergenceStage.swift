import Evaluation
import Foundation
import LlamaTools

/// Divergence stage: after every variant's answers, the baseline served once more to give its
/// own next-token candidates at each point where a variant's answer parted from its own
/// (``DivergencePointsStage`` found them on the variant's server), and to find an endpoint's
/// divergences with the baseline's tokenizer.
///
/// The baseline is asked after the prompt as its own server templates it, followed by the
/// common prefix: the context it was in when it chose its token. An endpoint gives no token
/// probabilities, so its points carry the baseline's candidates only.
struct DivergenceStage: Stage {
    /// Where one variant's divergences come from.
    enum Source: Sendable {
        /// A local variant's points, from its serve stage; `artifactSHA256` keys the record.
        case points(variant: String, artifactSHA256: String, DivergencePointsStage.Record)
        /// An endpoint's answers, to be compared here.
        case endpoint(AnswerJob)

        var variant: String {
            switch self {
            case let .points(variant, _, _): variant
            case let .endpoint(job): job.variant
            }
        }

        var identity: String {
            switch self {
            case let .points(_, sha256, _): sha256
            case let .endpoint(job): job.identity
            }
        }
    }

    let baseline: String
    let artifact: ArtifactRecord
    let server: Recipe.Server
    /// The baseline's pass-1 answers.
    let baselineAnswers: AnswerJob
    /// The variants served or answered, in ladder order.
    let sources: [Source]

    /// Every variant's divergences with both models' candidates, by variant name.
    struct Record: Codable, Sendable, Equatable {
        var variants: [String: DivergencePointsStage.Record]
    }

    var recordName: String {
        "divergence-\(artifact.sha256.prefix(12))-\(baselineAnswers.evaluationKey)-"
            + WorkFolder.key(sources.flatMap { [$0.variant, $0.identity] })
    }
    var label: String { "divergence" }

    func reusedLine(_ record: Record) -> String { "reused (\(record.variants.count) variants)" }

    func run(in context: RunContext) async throws -> Record {
        guard !sources.isEmpty else { return Record(variants: [:]) }
        let configuration = ServerConfiguration(model: URL(fileURLWithPath: artifact.path), contextSize: server.ctx, slots: 1,
                                                threads: server.threads, gpuLayers: server.gpuLayers,
                                                logFile: context.folder.log("server-\(baseline)-divergence"))
        let (baselineAnswers, sources, baseline) = (self.baselineAnswers, self.sources, self.baseline)
        return try await context.ledger.timed("llama-server \(baseline) (divergence)") {
            try await context.executor.withServer(toolchain: context.toolchain, configuration: configuration) { server in
                let client = server.client()
                let probe = DivergenceProbe(endpoint: client)
                let suite = baselineAnswers.suite
                let answers = try baselineAnswers.answers()
                let prompts = Dictionary(answers.map { ("\($0.questionID)\u{1f}\($0.form)", $0.prompt) }, uniquingKeysWith: { first, _ in first })
                var templated: [String: String] = [:]
                var variants: [String: DivergencePointsStage.Record] = [:]
                for source in sources {
                    var record: DivergencePointsStage.Record
                    switch source {
                    case let .points(_, _, found):
                        record = found
                    case let .endpoint(job):
                        let inputs = DivergencePointsStage.inputs(suite: suite, baseline: answers, variant: try job.answers())
                        var points: [DivergencePoint] = []
                        for input in inputs {
                            if let point = try await probe.locate(input.divergence) { points.append(point) }
                        }
                        record = DivergencePointsStage.Record(compared: inputs.count, points: points)
                    }
                    for index in record.points.indices {
                        try Task.checkCancellation()
                        let key = "\(record.points[index].questionID)\u{1f}\(record.points[index].form)"
                        guard let user = prompts[key] else { continue }
                        if templated[key] == nil { templated[key] = try await client.applyTemplate(suite.messages(user: user)) }
                        record.points[index].baselineCandidates = try await probe.candidates(prompt: templated[key] ?? "",
                                                                                             prefixTokens: record.points[index].prefixTokens)
                    }
                    variants[source.variant] = record
                    context.progress.stage("divergence: \(source.variant): the baseline ranked the next token at \(record.points.count) points")
                }
                return Record(variants: variants)
            }
        }
    }
}
