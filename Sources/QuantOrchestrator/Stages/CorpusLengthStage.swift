import Foundation
import LlamaTools

/// Corpus-length stage: checks, right after conversion and before any quantization, that the
/// perplexity corpus holds the tokens llama-perplexity will ask for, so a short corpus fails
/// in seconds with exit 2 instead of after the whole ladder was quantized.
///
/// llama-perplexity refuses fewer than `2 × ctx` tokens and evaluates `min(chunks,
/// tokens / ctx)` chunks, so the recipe's `ctx × max(chunks, 2)` tokens are needed. The count
/// comes from the real `llama-tokenize` on a GGUF of the model (only its vocabulary is read);
/// for a long corpus only a prefix (24 bytes per needed token, far more than any tokenizer
/// spends) is tokenized when it already holds enough. The count is recorded, so a re-run
/// launches nothing.
struct CorpusLengthStage: Stage {
    let settings: Recipe.Perplexity
    /// A GGUF of the model, for its tokenizer.
    let model: ArtifactRecord
    let recipeFile: URL
    let key: String

    /// What the check leaves behind.
    struct Record: Codable, Sendable, Equatable {
        var tokens: Int
        var whole: Bool
    }

    /// Generous bytes per token of the prefix tokenized first.
    static let prefixBytesPerToken = 24

    /// Tokens llama-perplexity needs for `ctx` and `chunks`.
    static func needed(ctx: Int, chunks: Int) -> Int { ctx * max(chunks, 2) }

    /// - Throws: `PipelineError.io` when the corpus cannot be read.
    init(settings: Recipe.Perplexity, model: ArtifactRecord, recipeFile: URL) throws {
        self.settings = settings
        self.model = model
        self.recipeFile = recipeFile
        let corpusSHA = try InputDigest.sha256(of: settings.corpus, what: "perplexity corpus")
        key = WorkFolder.key([model.sha256, corpusSHA, "\(Self.needed(ctx: settings.ctx, chunks: settings.chunks))"])
    }

    var recordName: String { "corpus-tokens-\(key)" }
    var label: String { "corpus length" }
    var needed: Int { Self.needed(ctx: settings.ctx, chunks: settings.chunks) }

    /// - Throws: `PipelineError.badInput` naming the corpus, its token count and the tokens needed.
    func reuse(_ record: Record, in context: RunContext) throws -> Record? {
        try enough(record)
    }

    func reusedLine(_ record: Record) -> String { "\(record.tokens)\(record.whole ? "" : "+") tokens, \(needed) needed" }

    /// - Throws: as ``reuse(_:in:)``; `PipelineError.toolFailed` when llama-tokenize fails.
    func run(in context: RunContext) async throws -> Record {
        try enough(try await count(in: context))
    }

    private func enough(_ record: Record) throws -> Record {
        guard record.tokens < needed else { return record }
        throw PipelineError.badInput("\(recipeFile.path): field 'perplexity.corpus': \(settings.corpus.path) tokenizes to \(record.tokens) tokens, but ctx \(settings.ctx) × \(max(settings.chunks, 2)) chunks needs \(needed) (llama-perplexity needs at least 2 × ctx and evaluates chunks of ctx tokens); expected a longer corpus, or lower perplexity.chunks or perplexity.ctx")
    }

    private func count(in context: RunContext) async throws -> Record {
        let data = try Data(contentsOf: settings.corpus, options: .mappedIfSafe)
        let prefixLength = needed * Self.prefixBytesPerToken
        if data.count > prefixLength {
            let cut = data.prefix(prefixLength).lastIndex(of: UInt8(ascii: "\n")) ?? prefixLength
            let prefix = context.folder.log("corpus-prefix.txt")
            try AtomicFile.write(data.prefix(cut), to: prefix)
            defer { try? FileManager.default.removeItem(at: prefix) }
            let tokens = try await tokens(in: prefix, context: context)
            if tokens >= needed { return Record(tokens: tokens, whole: false) }
        }
        return Record(tokens: try await tokens(in: settings.corpus, context: context), whole: true)
    }

    private func tokens(in text: URL, context: RunContext) async throws -> Int {
        do {
            return try await Tokenizer.countTokens(toolchain: context.toolchain, model: URL(fileURLWithPath: model.path), text: text,
                                                   logFile: context.folder.log("tokenize-corpus"), executor: context.executor)
        } catch let error as TokenizerError {
            throw PipelineError.toolFailed(error.description)
        }
    }
}
