import Evaluation
import Foundation
import LlamaTools

/// Domain corpus stage: the baseline's own answers to the suite's original forms, each
/// formatted as the baseline's server formats that conversation (`/apply-template` of system
/// prompt, user prompt and the answer as an assistant prefill, so the text ends with the
/// answer and no end-of-turn marker), joined by newlines into one text file. Domain KLD is
/// llama-perplexity's KL divergence over this file: the text the fine-tune is about.
///
/// Runs inside the baseline's serve stage, after its answers. The file's tokens are counted
/// with llama-tokenize as llama-perplexity counts them (BOS added, special-token text not
/// parsed: llama-perplexity tokenizes its corpus that way, so the template's markers are
/// scored as the plain text they spell) to choose the window (``window``).
struct DomainCorpusStage: Stage {
    let job: AnswerJob
    let client: ServerClient
    let baseline: ArtifactRecord
    let output: URL
    /// The generic corpus's window (`perplexity.ctx`): the domain window is never larger.
    let maxContext: Int

    /// What the stage leaves: the file, its size in tokens and the window chosen.
    struct Record: Codable, Sendable, Equatable {
        var corpus: ArtifactRecord
        /// Conversations in the file (original forms the baseline answered).
        var conversations: Int
        /// Share of the file's characters that are answer text.
        var answerShare: Double
        /// Tokens of the file as llama-perplexity counts them.
        var tokens: Int
        /// The window (`-c`) and chunks chosen; nil when the file is too short for
        /// llama-perplexity's 2 × ctx and 100 scored tokens at the smallest window.
        var window: Window?

        enum CodingKeys: String, CodingKey {
            case corpus, conversations, tokens, window
            case answerShare = "answer_share"
        }
    }

    /// llama-perplexity's window over the domain corpus.
    struct Window: Codable, Sendable, Equatable {
        var ctx: Int
        var chunks: Int
        /// Tokens scored: chunks × (ctx − 1 − ctx/2), the second half of each window.
        var scoredTokens: Int
        /// Share of the file's tokens that are scored.
        var scoredShare: Double

        enum CodingKeys: String, CodingKey {
            case ctx, chunks
            case scoredTokens = "scored_tokens"
            case scoredShare = "scored_share"
        }
    }

    var recordName: String { "domain-corpus-\(baseline.sha256.prefix(12))-\(job.evaluationKey)" }
    var label: String { "domain corpus" }

    func reuse(_ record: Record, in context: RunContext) throws -> Record? {
        guard let corpus = try context.records.verified(record.corpus, .whenChanged, label: label, progress: context.progress) else { return nil }
        var seen = record
        seen.corpus = corpus
        return seen
    }

    func reusedLine(_ record: Record) -> String { "reused (\(record.conversations) conversations, \(record.tokens) tokens)" }

    func run(in context: RunContext) async throws -> Record {
        let start = ContinuousClock.now
        var conversations: [String] = []
        var answerCharacters = 0
        for record in try job.answers() where record.form == "original" && !record.answer.isEmpty {
            let messages = job.suite.messages(user: record.prompt) + [ChatMessage(role: "assistant", content: record.answer)]
            conversations.append(try await client.applyTemplate(messages))
            answerCharacters += record.answer.count
        }
        let text = conversations.joined(separator: "\n") + "\n"
        try AtomicFile.write(Data(text.utf8), to: output)
        let tokens = try await Tokenizer.countTokens(toolchain: context.toolchain, model: URL(fileURLWithPath: baseline.path), text: output,
                                                     logFile: context.folder.log("domain-corpus"), executor: context.executor)
        let record = Record(corpus: try ArtifactRecord.of(output, toolSeconds: start.duration(to: .now).seconds),
                            conversations: conversations.count, answerShare: Double(answerCharacters) / Double(max(1, text.count)),
                            tokens: tokens, window: Self.window(tokens: tokens, conversations: conversations.count, maxContext: maxContext))
        context.progress.stage("domain corpus: \(conversations.count) conversations of the baseline, \(tokens) tokens"
                               + (record.window.map { ", window \($0.ctx) × \($0.chunks) chunks (\(Int(($0.scoredShare * 100).rounded())) % of tokens scored)" } ?? ", too short for llama-perplexity"))
        return record
    }

    /// The largest power-of-two window from 64 up to `maxContext` that `tokens` hold twice
    /// (64 when even that does not fit): the windows llama-perplexity and llama-imatrix take of
    /// a small domain text.
    static func context(tokens: Int, maxContext: Int) -> Int {
        var ctx = 64
        while ctx * 2 <= maxContext, ctx * 4 <= tokens { ctx *= 2 }
        return ctx
    }

    /// llama-perplexity's window over the domain corpus: the smallest power of two from 64 whose
    /// scored half holds a mean conversation (2 × tokens / conversations), up to `maxContext`
    /// and to what the file holds twice (llama-perplexity's requirement). Each chunk then scores
    /// about one answer, so the chunks' mean KLDs are, near enough, per-question values: the
    /// units of the verdict's interval (``MeanEstimate``), as many as the suite has questions
    /// rather than the two or three a large window leaves. Nil when the chunks would score fewer
    /// than 100 tokens (llama-perplexity then prints no KL-divergence statistics).
    static func window(tokens: Int, conversations: Int, maxContext: Int) -> Window? {
        var ctx = 64
        let perConversation = 2 * tokens / max(1, conversations)
        while ctx < perConversation, ctx * 2 <= maxContext, ctx * 4 <= tokens { ctx *= 2 }
        let chunks = tokens / ctx
        let scored = chunks * (ctx - 1 - ctx / 2)
        guard chunks >= 2, scored >= 100 else { return nil }
        return Window(ctx: ctx, chunks: chunks, scoredTokens: scored, scoredShare: Double(scored) / Double(tokens))
    }
}
