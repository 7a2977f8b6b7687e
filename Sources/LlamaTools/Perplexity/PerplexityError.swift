/// Why a perplexity or KL-divergence run gave no result.
public enum PerplexityError: Error, Equatable, CustomStringConvertible, InputClassifiable {
    /// An input file is missing (`what`: "model", "corpus", "KLD base file").
    case missingInput(what: String, path: String)
    /// The corpus is too short for one chunk (llama-perplexity needs 2 × n_ctx tokens).
    case corpusTooShort(CorpusShortfall)
    /// KLD mode scored fewer than the 100 tokens llama-perplexity needs before it prints any
    /// statistics: `scored` = `chunks` × (`contextSize` − 1 − `contextSize`/2), from its
    /// "computing over N chunks, n_ctx=C" line.
    case tooFewScoredTokens(scored: Int, chunks: Int, contextSize: Int)
    /// The output lacks the summary the parser looks for (`expected` names it); `lastLines`
    /// are the output's last lines.
    case missingSummary(expected: String, lastLines: String)
    /// A statistic line is present but its number cannot be read (`label`, the printed text).
    case unreadableStatistic(label: String, text: String)
    /// llama-perplexity exited non-zero or was killed by a signal while doing `activity`
    /// ("measuring the perplexity of Q8_0.gguf"); `lastLines` of its log say why.
    case toolFailed(termination: ProcessTermination, activity: String, logFile: String, lastLines: String)

    /// True for a missing input file, a corpus too short and too few scored tokens: a longer
    /// corpus, a larger ctx or more chunks fix those. The rest are failures of the tool.
    public var isInputError: Bool {
        switch self {
        case .missingInput, .corpusTooShort, .tooFewScoredTokens: true
        case .missingSummary, .unreadableStatistic, .toolFailed: false
        }
    }

    public var description: String {
        switch self {
        case let .missingInput(what, path):
            "the \(what) \(path) does not exist"
        case let .corpusTooShort(shortfall):
            "llama-perplexity cannot use the corpus: \(shortfall)"
        case let .tooFewScoredTokens(scored, chunks, contextSize):
            "llama-perplexity scored only \(scored) tokens (\(chunks) chunk\(chunks == 1 ? "" : "s") × (ctx \(contextSize) − 1 − \(contextSize / 2))) and prints KL-divergence statistics only from 100 scored tokens on; \(Self.remedy(contextSize))"
        case let .missingSummary(expected, lastLines):
            "llama-perplexity's output has no \(expected); its last lines:\n\(lastLines)"
        case let .unreadableStatistic(label, text):
            "cannot read the number in llama-perplexity's \"\(label)\" line: \"\(text)\""
        case let .toolFailed(termination, activity, logFile, lastLines):
            "\(termination.sentence(tool: "llama-perplexity", activity: activity)) (log: \(logFile)); its last lines:\n\(lastLines)"
        }
    }

    /// The chunk count that reaches 100 scored tokens at this ctx, when one does.
    private static func remedy(_ contextSize: Int) -> String {
        let perChunk = contextSize - 1 - contextSize / 2
        guard perChunk > 0 else { return "raise ctx" }
        let chunks = (100 + perChunk - 1) / perChunk
        return "raise chunks to at least \(chunks) (with a corpus of at least \(chunks) × \(contextSize) tokens, as the KLD base holds only the chunks its corpus filled) or raise ctx"
    }
}
