/// Whether a GGUF made elsewhere (a published quant) can be evaluated against a baseline: KL
/// divergence and perplexity ratios compare log-probabilities token by token, so both files
/// must be of one architecture and turn every text into the same token ids.
///
/// Compared: `general.architecture`, the vocabulary size and the `TokenizerIdentity` (model,
/// pre-tokenizer, tokens, merges or scores and types). Not compared, because quants of one model
/// legitimately differ in them: the file type, the tensor types and sizes, `general.name`
/// (converters and uploaders name files their own way) and the chat template, which llama.cpp's
/// converter versions and uploaders edit without changing the model; which template each file
/// is served with is reported separately.
///
/// ```swift
/// let differences = GGUFCompatibility.differences(baseline: try GGUFInfo.read(f16), candidate: try GGUFInfo.read(published))
/// // ["architecture differs: \"llama\" in the baseline, \"qwen2\" in the candidate", …]
/// ```
public enum GGUFCompatibility {
    /// Every difference that makes `candidate` incomparable with `baseline`, each a sentence
    /// naming what differs and both values (hashes shortened to 12 hex digits); empty when the
    /// two are compatible. Token hashes are compared only when the vocabulary sizes agree: lists
    /// of different lengths differ anyway, and the size difference says more.
    public static func differences(baseline: GGUFInfo, candidate: GGUFInfo) -> [String] {
        var found: [String] = []
        func compare<T: Equatable>(_ what: String, _ base: T, _ other: T, _ show: (T) -> String) {
            if base != other { found.append("\(what) differs: \(show(base)) in the baseline, \(show(other)) in the candidate") }
        }
        compare("architecture", baseline.architecture, candidate.architecture, quoted)
        compare("vocabulary size", baseline.vocabularySize, candidate.vocabularySize) { $0.map { "\($0) tokens" } ?? "no token list" }
        guard let base = baseline.tokenizer, let other = candidate.tokenizer else { return found }
        compare("tokenizer model (tokenizer.ggml.model)", base.model, other.model, quoted)
        compare("pre-tokenizer (tokenizer.ggml.pre)", base.preTokenizer, other.preTokenizer, quoted)
        if base.tokenCount == other.tokenCount, base.tokensSHA256 != other.tokensSHA256 {
            found.append("tokenizer tokens differ: the same \(base.tokenCount) tokens in number but not the same strings (tokens hash \(short(base.tokensSHA256)) in the baseline, \(short(other.tokensSHA256)) in the candidate)")
        }
        compare("tokenizer merges hash (tokenizer.ggml.merges)", base.mergesSHA256, other.mergesSHA256, hash)
        compare("token scores hash (tokenizer.ggml.scores)", base.scoresSHA256, other.scoresSHA256, hash)
        compare("token types hash (tokenizer.ggml.token_type)", base.tokenTypesSHA256, other.tokenTypesSHA256, hash)
        return found
    }

    private static func quoted(_ value: String?) -> String {
        value.map { "\"\($0)\"" } ?? "none"
    }

    private static func hash(_ value: String?) -> String {
        value.map(short) ?? "none"
    }

    private static func short(_ hash: String) -> String {
        String(hash.prefix(12)) + "…"
    }
}
