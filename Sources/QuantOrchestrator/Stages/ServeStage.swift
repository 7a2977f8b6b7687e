import Evaluation
import Foundation
import LlamaTools
import Reports

/// Serve stage: one local variant's GGUF served by llama-server while its answer stages run,
/// measuring load time, peak memory and the chat template applied; the baseline's also
/// writes the domain corpus from its answers (``DomainCorpusStage``); every one is probed
/// after its answers (``ProbeStage``), and every other variant's answers are set against the
/// baseline's token by token (``DivergencePointsStage``).
///
/// Before the first question every prompt is checked to fit the server's context, so a bad
/// suite fails naming the question (exit 2) instead of an HTTP 400 mid-suite. Reused when its
/// record holds the chat template and every answer pass is complete, so a re-run after
/// success launches nothing.
struct ServeStage: Stage {
    let variant: String
    let artifact: ArtifactRecord
    let jobs: [AnswerJob]
    let server: Recipe.Server
    /// The suite file, for the message of a prompt that does not fit.
    let suiteFile: URL
    /// For the baseline: where its answers become the domain corpus; nil for other variants.
    let domainCorpus: DomainCorpusPlan?
    /// The baseline's pass-1 answers, teacher-forced on this server (``ProbeStage``).
    let baselineAnswers: AnswerJob
    /// The baseline's probe; nil when this is the baseline.
    let baselineProbe: ProbeStage.Record?

    /// Where the baseline's domain corpus goes, and the largest window it may use.
    struct DomainCorpusPlan: Sendable {
        let output: URL
        let maxContext: Int
    }

    /// What serving a variant measured.
    struct Record: Codable, Sendable, Equatable {
        /// Launch → /health 200, in seconds.
        var loadSeconds: Double
        /// VmHWM of the server process, in bytes.
        var peakRSSBytes: Int?
        /// GPU memory the server held at the end of its work, bytes (``GPUMemory``); nil on a
        /// CPU build, with no layers offloaded, and in records written before it was measured.
        var peakVRAMBytes: Int?
        /// Where `peakVRAMBytes` comes from: "nvidia-smi", or "server log" (its CUDA buffers,
        /// which leave out the CUDA context).
        var vramSource: String?
        /// Slots the server ran with.
        var slots: Int
        /// The chat template the server applied; nil in records written before it was kept,
        /// which makes the stage serve the variant once more to learn it.
        var chatTemplate: ChatTemplateInfo?
        /// The baseline's domain corpus; nil for other variants and in older records.
        var domainCorpus: DomainCorpusStage.Record?
        /// The server probe and fact-token evidence; nil in older records, which makes the
        /// stage serve the variant once more to probe it.
        var probe: ProbeStage.Record?
        /// Where this variant's answers part from the baseline's; nil for the baseline, and in
        /// older records of other variants, which makes the stage serve the variant once more.
        var divergence: DivergencePointsStage.Record?

        enum CodingKeys: String, CodingKey {
            case loadSeconds = "load_s", peakRSSBytes = "peak_rss_bytes", peakVRAMBytes = "peak_vram_bytes", vramSource = "vram_source", slots, chatTemplate = "chat_template"
            case domainCorpus = "domain_corpus", probe, divergence
        }
    }

    var slots: Int { jobs.first?.slots ?? 1 }
    /// Single-slot servers sharing the suite (`evaluation.replicas`).
    var replicas: Int { jobs.first?.replicas ?? 1 }
    var recordName: String { "serve-\(variant)-\(artifact.sha256.prefix(12))-\(jobs.first?.evaluationKey ?? "")" }
    var label: String { "serve \(variant)" }

    func reuse(_ record: Record, in context: RunContext) throws -> Record? {
        guard record.chatTemplate != nil, record.probe != nil else { return nil }
        var record = record
        if baselineProbe != nil, let job = jobs.first {
            // The copy in this record counts only while it is the divergence stage's current one.
            let name = DivergencePointsStage.recordName(variant: variant, artifact: artifact, baselineAnswers: baselineAnswers, variantAnswers: job)
            guard let divergence = context.records.load(DivergencePointsStage.Record.self, name) else { return nil }
            record.divergence = divergence
        }
        if domainCorpus != nil {
            guard let corpus = record.domainCorpus,
                  try context.records.verified(corpus.corpus, .whenChanged, label: "domain corpus", progress: context.progress) != nil else { return nil }
        }
        return try jobs.allSatisfy { try $0.isComplete() } ? record : nil
    }

    func reusedLine(_ record: Record) -> String {
        "reused \(jobs.reduce(0) { $0 + $1.suite.forms().count }) answers"
    }

    /// One server's settings per replica: the first logs to `server-<variant>`, the others to
    /// `server-<variant>-replica<k>`; the recipe's threads are shared among them.
    func configurations(in context: RunContext) -> [ServerConfiguration] {
        (0..<replicas).map { index in
            ServerConfiguration(
                model: URL(fileURLWithPath: artifact.path), contextSize: server.ctx, slots: slots,
                threads: max(1, server.threads / replicas), gpuLayers: server.gpuLayers,
                logFile: context.folder.log("server-\(variant)" + (index == 0 ? "" : "-replica\(index + 1)")),
                // The CUDA buffer lines, the VRAM figure's fallback, are logged only at this verbosity.
                extraArguments: server.gpuLayers > 0 ? ServerLogDeviceBuffers.verbosityArguments : [])
        }
    }

    func run(in context: RunContext) async throws -> Record {
        let configurations = configurations(in: context)
        let (variant, artifact, jobs, suiteFile, slots, domainCorpus) = (variant, artifact, jobs, suiteFile, slots, domainCorpus)
        let (baselineAnswers, baselineProbe) = (self.baselineAnswers, self.baselineProbe)
        return try await context.ledger.timed("llama-server \(variant)") {
            try await Self.withServers(configurations[...], started: [], context: context) { servers in
                let server = servers[0]
                let configuration = configurations[0]
                context.progress.stage("\(variant): llama-server ready in \(String(format: "%.1f", server.loadSeconds)) s on port \(server.port)"
                                       + (servers.count > 1 ? " (+ \(servers.count - 1) replica\(servers.count == 2 ? "" : "s") on \(servers.dropFirst().map { "\($0.port)" }.joined(separator: ", ")))" : ""))
                let client = server.client()
                let answering: any ChatEndpoint = servers.count > 1 ? ReplicaPool(servers.map { $0.client() }) : client
                let template = try await ServedChatTemplate.of(model: URL(fileURLWithPath: artifact.path), client: client)
                var longestPrompt = 0
                if let first = jobs.first {
                    do {
                        longestPrompt = try await EvaluationRunner(suite: first.suite, client: client, mode: first.mode, slots: slots).checkPromptsFit()
                    } catch let tooLong as PromptTooLong {
                        throw PipelineError.badInput("\(suiteFile.path): \(tooLong)")
                    }
                }
                for job in jobs { _ = try await context.cached(AnswerStage(job: job, endpoint: answering)) }
                var corpus: DomainCorpusStage.Record?
                if let plan = domainCorpus, let job = jobs.first {
                    corpus = try await context.cached(DomainCorpusStage(job: job, client: client, baseline: artifact, output: plan.output,
                                                                        maxContext: plan.maxContext))
                }
                let probe = try await context.cached(ProbeStage(variant: variant, artifact: artifact, client: client, baselineAnswers: baselineAnswers,
                                                                baselineProbe: baselineProbe, longestPromptTokens: longestPrompt))
                var divergence: DivergencePointsStage.Record?
                if baselineProbe != nil, let job = jobs.first {
                    divergence = try await context.cached(DivergencePointsStage(variant: variant, artifact: artifact, client: client,
                                                                                baselineAnswers: baselineAnswers, variantAnswers: job))
                }
                let vram = configuration.gpuLayers > 0 ? await GPUMemory.read(processID: server.processID, logFile: configuration.logFile) : nil
                // One server's peak, the largest: what max_memory budgets and what a single-server
                // run of the same variant reuses from this record.
                return Record(loadSeconds: servers.map(\.loadSeconds).max() ?? server.loadSeconds,
                              peakRSSBytes: servers.compactMap { $0.peakRSSBytes() }.max(), peakVRAMBytes: vram?.bytes,
                              vramSource: vram?.source.rawValue, slots: slots, chatTemplate: template,
                              domainCorpus: corpus, probe: probe, divergence: divergence)
            }
        }
    }

    /// Starts one server per configuration, each inside the one before it, and runs `body`
    /// with all of them; every server stops when `body` ends or throws.
    private static func withServers<T: Sendable>(_ configurations: ArraySlice<ServerConfiguration>, started: [RunningServer], context: RunContext,
                                                 _ body: @escaping @Sendable ([RunningServer]) async throws -> T) async throws -> T {
        guard let first = configurations.first else { return try await body(started) }
        return try await context.executor.withServer(toolchain: context.toolchain, configuration: first) { server in
            try await withServers(configurations.dropFirst(), started: started + [server], context: context, body)
        }
    }
}
