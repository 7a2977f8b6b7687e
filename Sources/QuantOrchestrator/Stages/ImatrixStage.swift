import Evaluation
import Foundation
import LlamaTools

/// Importance-matrix stage (optional): `llama-imatrix` with the master GGUF, so the quantizer
/// keeps the weights that matter most for the corpus's text.
///
/// The corpus is the recipe's file, or with `corpus: domain` the domain itself
/// (``DomainImatrixCorpus``): the baseline's answers to the suite as the conversations its
/// server formats (the domain corpus), the suite's references, and an optional file of the
/// user's, written beside the matrix. A domain corpus is small, so its window is fitted to it:
/// at most `ctx`, at most half its tokens (llama-imatrix needs two windows), and as many
/// chunks as it holds up to `chunks`.
struct ImatrixStage: Stage {
    let master: ArtifactRecord
    let settings: Recipe.Imatrix
    let input: Input
    let output: URL
    let key: String

    /// Where the text comes from.
    enum Input: Sendable {
        /// The recipe's file, with its sha256.
        case file(URL, sha256: String)
        /// The domain corpus's parts, and where they are joined.
        case domain(DomainImatrixCorpus, text: URL)
    }

    /// - Throws: `PipelineError.io` when a user's file cannot be read.
    init(master: ArtifactRecord, settings: Recipe.Imatrix, domain: DomainImatrixCorpus?, folder: WorkFolder) throws {
        self.master = master
        self.settings = settings
        switch settings.corpus {
        case let .file(url):
            let sha256 = try InputDigest.sha256(of: url, what: "imatrix corpus")
            key = WorkFolder.key([master.sha256, sha256, "\(settings.ctx)", "\(settings.chunks)"])
            input = .file(url, sha256: sha256)
        case .domain:
            guard let domain else { throw PipelineError.io("the domain imatrix corpus is not there yet") }
            key = WorkFolder.key([master.sha256, "domain", try domain.key(), "\(settings.ctx)", "\(settings.chunks)"])
            input = .domain(domain, text: folder.importanceMatrix(key: key).deletingPathExtension().appendingPathExtension("txt"))
        }
        output = folder.importanceMatrix(key: key)
    }

    var recordName: String { "imatrix-\(key)" }
    var label: String { "imatrix" }

    func reuse(_ record: ArtifactRecord, in context: RunContext) throws -> ArtifactRecord? {
        try context.records.verified(record, .whenChanged, label: label, progress: context.progress)
    }

    func run(in context: RunContext) async throws -> ArtifactRecord {
        let start = ContinuousClock.now
        let model = URL(fileURLWithPath: master.path)
        let corpus: URL
        var window = (ctx: settings.ctx, chunks: settings.chunks)
        var what = ""
        switch input {
        case let .file(url, _):
            corpus = url
        case let .domain(domain, text):
            let parts = try domain.write(to: text)
            let tokens = try await Tokenizer.countTokens(toolchain: context.toolchain, model: model, text: text,
                                                         logFile: context.folder.log("imatrix"), executor: context.executor)
            guard let fitted = DomainImatrixCorpus.window(tokens: tokens, maxContext: settings.ctx, maxChunks: settings.chunks) else {
                throw PipelineError.badInput("imatrix: corpus: domain holds \(tokens) tokens (\(parts)), fewer than llama-imatrix needs for two windows of 64: add questions or references to the suite, or an extra file")
            }
            window = fitted
            corpus = text
            what = " of the domain (\(parts), \(tokens) tokens)"
        }
        try await context.ledger.timed("llama-imatrix") {
            try await Quantizer.computeImportanceMatrix(toolchain: context.toolchain, model: model, corpus: corpus, output: output,
                                                        contextSize: window.ctx, chunks: window.chunks, threads: context.threads,
                                                        logFile: context.folder.log("imatrix"), executor: context.executor)
        }
        let record = try ArtifactRecord.of(output, toolSeconds: start.duration(to: .now).seconds)
        context.progress.stage("imatrix\(what): \(window.chunks) chunks of \(window.ctx) tokens in \(String(format: "%.1f", record.toolSeconds)) s")
        return record
    }
}
