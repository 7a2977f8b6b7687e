import Evaluation
import Foundation
import LlamaTools
import Reports

/// Per-variant stage: serve the GGUF with llama-server, run the suite against it (resuming
/// from its answers file), stop the server, then measure KL divergence against the baseline.
///
/// The server is started only when answers are missing or its load time, peak memory and chat
/// template were never recorded, so a re-run after success launches nothing. Before the first
/// question, every prompt is checked to fit the server's context (a bad suite fails naming the
/// question, exit 2, instead of an HTTP 400 mid-suite). KLD runs after the server has
/// stopped so the two never compete for the same cores.
struct VariantEvaluationStage {
    let toolchain: Toolchain
    let folder: WorkFolder
    let records: StageRecords
    let ledger: ToolLedger
    let recipe: Recipe
    let suite: Suite
    let evaluationKey: String

    /// What serving a variant measured.
    struct ServeRecord: Codable, Sendable, Equatable {
        /// Launch → /health 200, in seconds.
        var loadSeconds: Double
        /// VmHWM of the server process, in bytes.
        var peakRSSBytes: Int?
        /// Slots the server ran with.
        var slots: Int
        /// The chat template the server applied; nil in records written before it was kept,
        /// which makes the stage serve the variant once more to learn it.
        var chatTemplate: ChatTemplateInfo?

        enum CodingKeys: String, CodingKey {
            case loadSeconds = "load_s", peakRSSBytes = "peak_rss_bytes", slots, chatTemplate = "chat_template"
        }
    }

    /// Everything measured for one variant.
    struct Outcome: Sendable {
        var answers: [AnswerRecord]
        /// The baseline's second pass in parallel mode (the noise floor), else nil.
        var secondPass: [AnswerRecord]?
        var serve: ServeRecord
        /// Nil for the baseline (its KLD against itself is zero by construction).
        var kld: KLDResult?
        /// The answers file (for the results repository).
        var answersFile: URL
        /// Wall time of serving and answering, in seconds; nil when everything was reused.
        var answerSeconds: Double?
        /// Wall time of the KLD run, in seconds; nil when reused or for the baseline.
        var kldSeconds: Double?
    }

    /// Slots actually used: one in sequential mode (so the whole context serves each request).
    var slots: Int { recipe.evaluation.mode == .sequential ? 1 : recipe.server.slots }

    func run(type: QuantType, artifact: ArtifactRecord, isBaseline: Bool, kldBase: KLDBaseStage.Record,
             progress: ProgressReporter) async throws -> Outcome {
        let answersURL = folder.answers(type.name, evaluationKey: evaluationKey)
        let log = try AnswersLog(url: answersURL)
        let passes = isBaseline && recipe.evaluation.mode == .parallel ? [1, 2] : [1]
        let total = suite.forms().count
        let serveName = "serve-\(type.name)-\(artifact.sha256.prefix(12))-\(evaluationKey)"
        var serve = records.load(ServeRecord.self, serveName)
        let answered = try answeredCounts(log, variantSHA256: artifact.sha256, passes: passes)

        var answerSeconds: Double?
        if serve?.chatTemplate == nil || passes.contains(where: { answered[$0, default: 0] < total }) {
            let start = ContinuousClock.now
            serve = try await serveAndAnswer(type: type, artifact: artifact, log: log, passes: passes, total: total, progress: progress)
            try records.save(serve, serveName)
            answerSeconds = start.duration(to: .now).seconds
        } else {
            progress.stage("\(type.name): reused \(total * passes.count) answers")
        }
        guard let serve else { throw PipelineError.io("no serve record for \(type.name)") }

        let all = try log.existing()
        let first = SuiteAnswers.pick(from: all, suite: suite, variantSHA256: artifact.sha256, pass: 1)
        let second = passes.count > 1 ? SuiteAnswers.pick(from: all, suite: suite, variantSHA256: artifact.sha256, pass: 2) : nil
        let kldStart = ContinuousClock.now
        var kld: KLDResult?
        var kldSeconds: Double?
        if !isBaseline {
            let measured = try await klDivergence(type: type, artifact: artifact, kldBase: kldBase, progress: progress)
            kld = measured.result
            kldSeconds = measured.ran ? kldStart.duration(to: .now).seconds : nil
        }
        return Outcome(answers: first, secondPass: second, serve: serve, kld: kld, answersFile: answersURL,
                       answerSeconds: answerSeconds, kldSeconds: kldSeconds)
    }

    private func answeredCounts(_ log: AnswersLog, variantSHA256: String, passes: [Int]) throws -> [Int: Int] {
        var counts: [Int: Set<String>] = [:]
        for record in try log.existing() where record.suiteSHA256 == suite.sha256 && record.variantSHA256 == variantSHA256 {
            counts[record.pass, default: []].insert("\(record.questionID)\u{1f}\(record.form)")
        }
        return counts.mapValues(\.count)
    }

    private func serveAndAnswer(type: QuantType, artifact: ArtifactRecord, log: AnswersLog, passes: [Int], total: Int,
                                progress: ProgressReporter) async throws -> ServeRecord {
        let configuration = ServerConfiguration(
            model: URL(fileURLWithPath: artifact.path), contextSize: recipe.server.ctx, slots: slots,
            threads: recipe.server.threads, gpuLayers: recipe.server.gpuLayers,
            logFile: folder.log("server-\(type.name)"))
        let suite = self.suite
        let mode = recipe.evaluation.mode
        let slots = self.slots
        let suitePath = recipe.evaluation.suite.path
        return try await ledger.timed("llama-server \(type.name)") {
            try await ServerProcess.withServer(toolchain: toolchain, configuration: configuration) { server in
                progress.stage("\(type.name): llama-server ready in \(String(format: "%.1f", server.loadSeconds)) s on port \(server.port)")
                let runner = EvaluationRunner(suite: suite, client: server.client(), mode: mode, slots: slots)
                let template = try await ServedChatTemplate.of(model: URL(fileURLWithPath: artifact.path), client: server.client())
                do { try await runner.checkPromptsFit() } catch let tooLong as PromptTooLong {
                    throw PipelineError.badInput("\(suitePath): \(tooLong)")
                }
                for pass in passes {
                    let label = pass == 1 ? type.name : "\(type.name) (noise-floor pass)"
                    _ = try await runner.run(variantSHA256: artifact.sha256, pass: pass, log: log) { done, total in
                        progress.questions(label, done: done, total: total)
                    }
                    progress.stage("\(label): \(total) answers")
                }
                return ServeRecord(loadSeconds: server.loadSeconds, peakRSSBytes: server.peakRSSBytes(), slots: slots,
                                   chatTemplate: template)
            }
        }
    }

    private func klDivergence(type: QuantType, artifact: ArtifactRecord, kldBase: KLDBaseStage.Record,
                              progress: ProgressReporter) async throws -> (result: KLDResult, ran: Bool) {
        let name = "kld-\(type.name)-\(artifact.sha256.prefix(12))-\(kldBase.key)"
        if let record = records.load(KLDResult.self, name) {
            return (record, false)
        }
        let result = try await ledger.timed("llama-perplexity --kl-divergence \(type.name)") {
            try await Perplexity.klDivergence(toolchain: toolchain, model: URL(fileURLWithPath: artifact.path),
                                              baseFile: URL(fileURLWithPath: kldBase.base.path), contextSize: recipe.perplexity.ctx,
                                              chunks: recipe.perplexity.chunks, threads: recipe.server.threads,
                                              logFile: folder.log("kld-\(type.name)"))
        }
        try records.save(result, name)
        progress.stage("\(type.name): mean KLD \(result.kldMean), PPL ratio \(result.pplRatio)")
        return (result, true)
    }
}
