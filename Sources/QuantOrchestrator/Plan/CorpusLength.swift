import Foundation
import LlamaTools

/// Checks, right after conversion and before any quantization, that the perplexity corpus
/// holds the tokens llama-perplexity will ask for, so a short corpus fails in seconds with
/// exit 2 instead of after the whole ladder was quantized.
///
/// llama-perplexity refuses fewer than `2 × ctx` tokens and evaluates `min(chunks,
/// tokens / ctx)` chunks, so the recipe's `ctx × max(chunks, 2)` tokens are needed. The count
/// comes from the real `llama-tokenize` on the master GGUF; for a long corpus only a prefix
/// (24 bytes per needed token, far more than any tokenizer spends) is tokenized when it
/// already holds enough. The count is recorded, so a re-run launches nothing.
struct CorpusLength {
    let toolchain: Toolchain
    let folder: WorkFolder
    let records: StageRecords

    /// What the check leaves behind.
    struct Record: Codable, Sendable {
        var tokens: Int
        var whole: Bool
    }

    /// Generous bytes per token of the prefix tokenized first.
    static let prefixBytesPerToken = 24

    /// Tokens llama-perplexity needs for `ctx` and `chunks`.
    static func needed(ctx: Int, chunks: Int) -> Int { ctx * max(chunks, 2) }

    /// - Throws: `PipelineError.badInput` naming the corpus, its token count and the tokens
    ///   needed; `PipelineError.toolFailed` when llama-tokenize fails.
    func check(_ settings: Recipe.Perplexity, master: ArtifactRecord, recipeFile: URL) async throws {
        let needed = Self.needed(ctx: settings.ctx, chunks: settings.chunks)
        let corpusSHA = try FileDigest.sha256(of: settings.corpus)
        let name = "corpus-tokens-\(WorkFolder.key([master.sha256, corpusSHA, "\(needed)"]))"
        var record = records.load(Record.self, name)
        if record == nil {
            record = try await count(settings.corpus, needed: needed, master: master)
            try records.save(record, name)
        }
        guard let record, record.tokens < needed else { return }
        throw PipelineError.badInput("\(recipeFile.path): field 'perplexity.corpus': \(settings.corpus.path) tokenizes to \(record.tokens) tokens, but ctx \(settings.ctx) × \(max(settings.chunks, 2)) chunks needs \(needed) (llama-perplexity needs at least 2 × ctx and evaluates chunks of ctx tokens); expected a longer corpus, or lower perplexity.chunks or perplexity.ctx")
    }

    private func count(_ corpus: URL, needed: Int, master: ArtifactRecord) async throws -> Record {
        let data = try Data(contentsOf: corpus, options: .mappedIfSafe)
        let prefixLength = needed * Self.prefixBytesPerToken
        if data.count > prefixLength {
            let cut = data.prefix(prefixLength).lastIndex(of: UInt8(ascii: "\n")) ?? prefixLength
            let prefix = folder.log("corpus-prefix.txt")
            try AtomicFile.write(data.prefix(cut), to: prefix)
            defer { try? FileManager.default.removeItem(at: prefix) }
            let tokens = try await tokens(in: prefix, master: master)
            if tokens >= needed { return Record(tokens: tokens, whole: false) }
        }
        return Record(tokens: try await tokens(in: corpus, master: master), whole: true)
    }

    private func tokens(in text: URL, master: ArtifactRecord) async throws -> Int {
        do {
            return try await Tokenizer.countTokens(toolchain: toolchain, model: URL(fileURLWithPath: master.path), text: text,
                                                   logFile: folder.log("tokenize-corpus"))
        } catch let error as TokenizerError {
            throw PipelineError.toolFailed(error.description)
        }
    }
}
