/// The repetition-loop flag (docs/EVALUATION.md "Metrics"; the threshold is ours): an answer loops when
/// some n-gram of 1 to ``maximumN`` tokens occurs at least ``minimumRepeats`` times back to back
/// and those repeats cover at least ``minimumSpan`` tokens (``RougeTokenizer`` tokens).
///
/// So "the answer is the answer is the answer is" (3 × 3 tokens) loops, "very very very good"
/// (1 × 3 tokens) does not, and six identical tokens in a row do.
public enum LoopDetector {
    /// Longest n-gram considered.
    public static let maximumN = 16
    /// Back-to-back occurrences needed.
    public static let minimumRepeats = 3
    /// Tokens the repeats must cover together.
    public static let minimumSpan = 6

    /// Whether `answer` contains such a loop.
    public static func isLooping(_ answer: String) -> Bool {
        let tokens = RougeTokenizer.tokens(answer)
        for n in 1...maximumN where n * minimumRepeats <= tokens.count {
            var start = 0
            while start + 2 * n <= tokens.count {
                var repeats = 1
                while start + (repeats + 1) * n <= tokens.count,
                      tokens[(start + repeats * n)..<(start + (repeats + 1) * n)] == tokens[start..<start + n] {
                    repeats += 1
                }
                if repeats >= minimumRepeats, repeats * n >= minimumSpan {
                    return true
                }
                start += 1
            }
        }
        return false
    }
}
