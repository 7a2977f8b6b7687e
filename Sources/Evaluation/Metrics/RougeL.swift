/// ROUGE-L (Lin 2004, "ROUGE: A Package for Automatic Evaluation of Summaries", §3.1) as Google's
/// rouge-score computes it (`rouge_scorer._score_lcs`), on ``RougeTokenizer`` tokens.
///
/// LCS = length of the longest common subsequence of the token lists; precision = LCS /
/// prediction tokens, recall = LCS / reference tokens, F = 2PR / (P + R) (0 when P + R = 0).
/// When either side has no tokens, all three are 0, as in the source.
public enum RougeL {
    /// Precision, recall and F-measure, each in 0…1.
    public struct Score: Sendable, Equatable {
        /// LCS / prediction tokens.
        public var precision: Double
        /// LCS / reference tokens.
        public var recall: Double
        /// 2PR / (P + R).
        public var fMeasure: Double
    }

    /// The full score.
    public static func score(prediction: String, reference: String) -> Score {
        let predicted = RougeTokenizer.tokens(prediction)
        let expected = RougeTokenizer.tokens(reference)
        guard !predicted.isEmpty, !expected.isEmpty else { return Score(precision: 0, recall: 0, fMeasure: 0) }
        let common = Double(lcsLength(predicted, expected))
        let precision = common / Double(predicted.count)
        let recall = common / Double(expected.count)
        let f = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
        return Score(precision: precision, recall: recall, fMeasure: f)
    }

    /// The F-measure, the figure reports use. Symmetric in its arguments.
    public static func fMeasure(prediction: String, reference: String) -> Double {
        score(prediction: prediction, reference: reference).fMeasure
    }

    /// Dynamic programming over two rows: O(m·n) time, O(n) memory.
    static func lcsLength(_ a: [String], _ b: [String]) -> Int {
        var previous = [Int](repeating: 0, count: b.count + 1)
        var current = previous
        for x in a {
            for (j, y) in b.enumerated() {
                current[j + 1] = x == y ? previous[j] + 1 : max(previous[j + 1], current[j])
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
