import Foundation

/// Why a perplexity or KL-divergence run gave no result.
public enum PerplexityError: Error, Equatable, CustomStringConvertible {
    /// An input file is missing (`what`: "model", "corpus", "KLD base file").
    case missingInput(what: String, path: String)
    /// The corpus is too short for one chunk: llama-perplexity needs 2 × n_ctx tokens
    /// (`needed`, `available` as it printed them).
    case corpusTooShort(needed: Int?, available: Int?)
    /// KLD mode scored fewer than the 100 tokens llama-perplexity needs before it prints any
    /// statistics (`scored` when known: chunks × (n_ctx − n_ctx/2 − 1)).
    case tooFewScoredTokens(scored: Int?)
    /// The output lacks the summary the parser looks for (`expected` names it); `lastLines`
    /// are the output's last lines.
    case missingSummary(expected: String, lastLines: String)
    /// A statistic line is present but its number cannot be read (`label`, the printed text).
    case unreadableStatistic(label: String, text: String)
    /// llama-perplexity exited non-zero or was killed by a signal while doing `activity`
    /// ("measuring the perplexity of Q8_0.gguf"); `lastLines` of its log say why.
    case toolFailed(termination: ProcessTermination, activity: String, logFile: String, lastLines: String)

    public var description: String {
        switch self {
        case let .missingInput(what, path):
            "the \(what) \(path) does not exist"
        case let .corpusTooShort(needed, available):
            "the corpus is too short for this context size: llama-perplexity needs \(needed.map(String.init) ?? "2 × ctx") tokens and the corpus has \(available.map(String.init) ?? "fewer"); use a longer corpus or a smaller ctx"
        case let .tooFewScoredTokens(scored):
            "llama-perplexity scored \(scored.map { "only \($0)" } ?? "too few") tokens and prints KL-divergence statistics only from 100 on; raise chunks or ctx (each chunk scores ctx − ctx/2 − 1 tokens)"
        case let .missingSummary(expected, lastLines):
            "llama-perplexity's output has no \(expected); its last lines:\n\(lastLines)"
        case let .unreadableStatistic(label, text):
            "cannot read the number in llama-perplexity's \"\(label)\" line: \"\(text)\""
        case let .toolFailed(termination, activity, logFile, lastLines):
            "\(termination.sentence(tool: "llama-perplexity", activity: activity)) (log: \(logFile)); its last lines:\n\(lastLines)"
        }
    }
}
