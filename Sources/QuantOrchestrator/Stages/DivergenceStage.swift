import Evaluation
import Foundation
import LlamaTools

/// Divergence stage: after every variant's answers, the baseline served once more to follow its
/// own greedy path from each point where a variant's answer tokens parted from its own
/// (``DivergencePointsStage`` found them and the variant's path on the variant's server), to
/// settle each point where the two models' choices part
/// (``DivergenceProbe/settle(_:_:baseline:variant:)``), and to find an endpoint's divergences with
/// the baseline's tokenizer.
///
/// The baseline is asked after the prompt as its own server templates it, followed by the
/// common prefix: the context it was in when it chose its token. An endpoint gives no token
/// probabilities, so its points carry the baseline's candidates only and stay where the tokens
/// parted.
struct DivergenceStage: Stage {
    /// Where one variant's divergences come from.
    enum Source: Sendable {
        /// A local variant's points, from its serve stage, and its answers; `artifactSHA256`
        /// keys the record.
        case points(variant: String, artifactSHA256: String, DivergencePointsStage.Record, answers: AnswerJob)
        /// An endpoint's answers, to be compared here.
        case endpoint(AnswerJob)

        var variant: String {
            switch self {
            case let .points(variant, _, _, _): variant
            case let .endpoint(job): job.variant
            }
        }

        var identity: String {
            switch self {
            case let .points(_, sha256, _, _): sha256
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

    /// Every variant's settled divergences with both models' candidates, by variant name.
    struct Record: Codable, Sendable, Equatable {
        var variants: [String: DivergencePointsStage.Record]
    }

    var recordName: String {
        "divergence-baseline-\(artifact.sha256.prefix(12))-\(baselineAnswers.evaluationKey)-"
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
                var templated: [String: String] = [:]
                var variants: [String: DivergencePointsStage.Record] = [:]
                for source in sources {
                    let job: AnswerJob
                    var found: [DivergencePoint]?
                    switch source {
                    case let .points(_, _, record, answers):
                        job = answers
                        found = record.points
                    case let .endpoint(answers):
                        job = answers
                    }
                    let inputs = DivergencePointsStage.inputs(suite: suite, baseline: answers, variant: try job.answers())
                    let byForm = Dictionary(inputs.map { ("\($0.divergence.questionID)\u{1f}\($0.divergence.form)", $0) },
                                            uniquingKeysWith: { first, _ in first })
                    if found == nil {
                        var located: [DivergencePoint] = []
                        for input in inputs {
                            if let point = try await probe.locate(input.divergence) { located.append(point) }
                        }
                        found = located
                    }
                    var settled: [DivergencePoint] = []
                    for point in found ?? [] {
                        try Task.checkCancellation()
                        let key = "\(point.questionID)\u{1f}\(point.form)"
                        guard let (user, input) = byForm[key] else { continue }
                        if templated[key] == nil { templated[key] = try await client.applyTemplate(suite.messages(user: user)) }
                        let path = try await probe.walk(prompt: templated[key] ?? "", answer: input.baselineAnswer, from: point,
                                                        divergenceByte: DivergenceProbe.commonBytes(input.baselineAnswer, input.variantAnswer))
                        var point = DivergenceProbe.settle(point, input, baseline: path, variant: point.variantPath)
                        point.variantPath = nil
                        settled.append(point)
                    }
                    variants[source.variant] = DivergencePointsStage.Record(compared: inputs.count, points: settled)
                    context.progress.stage("divergence: \(source.variant): \(settled.count) points settled on the baseline's greedy path")
                }
                return Record(variants: variants)
            }
        }
    }
}
