/// seq-rep-n (Welleck et al. 2019, "Neural Text Generation with Unlikelihood Training", §5.1):
/// the share of an answer's n-grams that are repeats, 1 − |distinct n-grams| / |n-grams|, on
/// ``RougeTokenizer`` tokens. 0 for an answer that never repeats an n-gram.
public enum RepetitionN {
    /// seq-rep-n in 0…1, or nil when the answer has fewer than n tokens.
    public static func score(_ answer: String, n: Int) -> Double? {
        let tokens = RougeTokenizer.tokens(answer)
        guard n > 0, tokens.count >= n else { return nil }
        let grams = (0...(tokens.count - n)).map { Array(tokens[$0..<$0 + n]) }
        return 1 - Double(Set(grams).count) / Double(grams.count)
    }
}
