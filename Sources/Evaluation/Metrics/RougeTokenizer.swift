/// The tokeniser of Google's rouge-score (`rouge_score/tokenize.py`, without stemming), with the
/// mixed CJK tokenisation of docs/EVALUATION.md "Metrics".
///
/// The source lower-cases, replaces every run of characters outside `[a-z0-9]` by a space and
/// splits. Mixed tokenisation keeps each CJK character (``CJKText``) as a token of its own
/// instead of dropping it; other characters outside `[a-z0-9]` still separate tokens. The same
/// tokens feed distinct-n, rep-n and the loop flag.
public enum RougeTokenizer {
    /// Tokens of `text`: `"Hello, World-2!"` → `["hello", "world", "2"]`; `"北京是首都"` →
    /// `["北", "京", "是", "首", "都"]`.
    public static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var run = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                run.append(scalar)
                continue
            }
            if !run.isEmpty {
                tokens.append(String(run))
                run.removeAll()
            }
            if CJKText.isCJK(scalar) {
                tokens.append(String(scalar))
            }
        }
        if !run.isEmpty { tokens.append(String(run)) }
        return tokens
    }
}
