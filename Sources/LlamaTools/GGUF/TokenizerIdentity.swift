/// What decides how a GGUF turns text into token ids, reduced to values that can be compared:
/// two files with equal identities tokenize every text alike, so their log-probabilities
/// (KL divergence, perplexity) are over the same tokens.
///
/// Read from the `tokenizer.ggml.*` metadata as llama.cpp's `src/llama-vocab.cpp` loads it.
///
/// The hashes are SHA-256, lower-case hex, of a metadata array's elements exactly as the file
/// stores them, without the array's element type and count (the count is `tokenCount`):
/// - a string array (`tokens`, `merges`): for each element in order, its byte length as an
///   8-byte little-endian integer, then its UTF-8 bytes. The length prefixes keep
///   ["ab", "c"] and ["a", "bc"] apart.
/// - a number array (`scores`: float32, `token_type`: int32): the little-endian values in order.
///
/// What is included besides the tokens depends on the tokenizer kind:
/// - with `tokenizer.ggml.merges` (BPE: "gpt2" and the like), the merges; with the tokens and
///   the pre-tokenizer they fix how plain text is split. Token types are left out: llama.cpp's
///   converter has changed across versions how it marks added tokens (control or
///   user-defined) for one and the same tokenizer.json, and a quant someone converted with
///   another version must not be refused for that alone.
/// - without merges (SentencePiece "llama", "t5"), the token scores and the token types: the
///   scores are what SentencePiece segments by, and the types mark the byte-fallback and
///   control tokens, so both change the ids a text becomes.
public struct TokenizerIdentity: Sendable, Equatable {
    /// `tokenizer.ggml.model`: "gpt2" (byte-level BPE), "llama" (SentencePiece), "bert" …;
    /// nil when absent.
    public var model: String?
    /// `tokenizer.ggml.pre`: the pre-tokenizer llama.cpp splits text with before BPE ("smollm",
    /// "llama-bpe", "qwen2" …); nil when absent (SentencePiece models have none).
    public var preTokenizer: String?
    /// Entries of `tokenizer.ggml.tokens`.
    public var tokenCount: Int
    /// SHA-256 of `tokenizer.ggml.tokens` (see the type's comment for the bytes hashed).
    public var tokensSHA256: String
    /// SHA-256 of `tokenizer.ggml.merges`; nil when the file has none.
    public var mergesSHA256: String?
    /// SHA-256 of `tokenizer.ggml.scores`; nil when absent or when the file has merges.
    public var scoresSHA256: String?
    /// SHA-256 of `tokenizer.ggml.token_type`; nil when absent or when the file has merges.
    public var tokenTypesSHA256: String?

    /// Memberwise.
    public init(model: String?, preTokenizer: String?, tokenCount: Int, tokensSHA256: String,
                mergesSHA256: String? = nil, scoresSHA256: String? = nil, tokenTypesSHA256: String? = nil) {
        self.model = model
        self.preTokenizer = preTokenizer
        self.tokenCount = tokenCount
        self.tokensSHA256 = tokensSHA256
        self.mergesSHA256 = mergesSHA256
        self.scoresSHA256 = scoresSHA256
        self.tokenTypesSHA256 = tokenTypesSHA256
    }

    /// The metadata keys read.
    enum Key {
        static let model = "tokenizer.ggml.model"
        static let preTokenizer = "tokenizer.ggml.pre"
        static let tokens = "tokenizer.ggml.tokens"
        static let merges = "tokenizer.ggml.merges"
        static let scores = "tokenizer.ggml.scores"
        static let tokenTypes = "tokenizer.ggml.token_type"
    }

    /// The identity from a file's scalar strings, array lengths and array digests; nil when the
    /// file has no token list (a GGUF whose vocabulary lives elsewhere).
    init?(strings: [String: String], lengths: [String: Int], digests: [String: String]) {
        guard let tokens = digests[Key.tokens], let count = lengths[Key.tokens] else { return nil }
        let merges = digests[Key.merges]
        self.init(model: strings[Key.model], preTokenizer: strings[Key.preTokenizer], tokenCount: count,
                  tokensSHA256: tokens, mergesSHA256: merges,
                  scoresSHA256: merges == nil ? digests[Key.scores] : nil,
                  tokenTypesSHA256: merges == nil ? digests[Key.tokenTypes] : nil)
    }
}
