/// A corpus too short for one chunk, as llama-perplexity and llama-imatrix report it: both need
/// at least 2 × n_ctx tokens and print "you need at least N tokens … context of C" and "the data
/// file you provided tokenizes to only M tokens" (llama.cpp `tools/perplexity/perplexity.cpp`,
/// `tools/imatrix/imatrix.cpp`), then stop without a result.
public struct CorpusShortfall: Sendable, Equatable, CustomStringConvertible {
    /// Path of the corpus file.
    public var corpus: String
    /// The context size asked (`-c`), in tokens.
    public var contextSize: Int
    /// Tokens the tool needs (2 × `contextSize`).
    public var neededTokens: Int
    /// Tokens the corpus has, as the tool counted them; nil when it did not print the count.
    public var corpusTokens: Int?

    /// Memberwise.
    public init(corpus: String, contextSize: Int, neededTokens: Int, corpusTokens: Int?) {
        self.corpus = corpus
        self.contextSize = contextSize
        self.neededTokens = neededTokens
        self.corpusTokens = corpusTokens
    }

    /// The shortfall a tool's output reports for `corpus`; nil when it reports none.
    init?(output: String, corpus: String) {
        guard let needed = output.firstMatch(of: /you need at least (\d+) tokens .*context of (\d+)/),
              let neededTokens = Int(needed.1), let contextSize = Int(needed.2) else { return nil }
        let counted = output.firstMatch(of: /tokenizes to only (\d+) tokens/).flatMap { Int($0.1) }
        self.init(corpus: corpus, contextSize: contextSize, neededTokens: neededTokens, corpusTokens: counted)
    }

    /// What is short and the two ways out, e.g. "the corpus /data/c.txt tokenizes to only 23
    /// tokens, fewer than the 256 (2 × ctx 128) needed for one chunk; use a corpus of at least 256
    /// tokens or a ctx of at most 11".
    public var description: String {
        let has = corpusTokens.map { "tokenizes to only \($0) tokens" } ?? "tokenizes to too few tokens"
        let smallerContext = corpusTokens.map { "a ctx of at most \($0 / 2)" } ?? "a smaller ctx"
        return "the corpus \(corpus) \(has), fewer than the \(neededTokens) (2 × ctx \(contextSize)) needed for one chunk; use a corpus of at least \(neededTokens) tokens or \(smallerContext)"
    }
}
