import Testing
@testable import Evaluation

/// SQuAD v1.1 exact match / token F1 and rouge-score ROUGE-L, against values worked out by hand
/// from each definition.
struct TextMetricsTests {
    @Test func squadNormalisationFollowsTheScript() {
        #expect(SQuADNormalizer.tokens("The  Eiffel-Tower!") == ["eiffeltower"])
        #expect(SQuADNormalizer.tokens("Anthem of the theater, an end.") == ["anthem", "of", "theater", "end"])
        #expect(SQuADNormalizer.tokens("...!?") == [])
        #expect(SQuADNormalizer.normalize("  A   cat\tsat ") == "cat sat")
    }

    @Test func exactMatch() {
        #expect(ExactMatch.score(prediction: "The Paris!", reference: "paris") == 1)
        #expect(ExactMatch.score(prediction: "Paris, France", reference: "Paris") == 0)
        #expect(ExactMatch.score(prediction: "", reference: "Paris") == 0)
        // Both sides normalise to "": the script compares "" == "" and counts a match.
        #expect(ExactMatch.score(prediction: "", reference: "") == 1)
        #expect(ExactMatch.score(prediction: "?!.", reference: "") == 1)
    }

    @Test func tokenF1() {
        // pred: paris is capital of france (5 tokens, "the" dropped); shared 1 → P 1/5, R 1 → F1 1/3.
        #expect(abs(TokenF1.score(prediction: "Paris is the capital of France", reference: "Paris") - 1.0 / 3) < 1e-12)
        // pred: cat sat on mat; ref: cat on mat; shared 3 → P 3/4, R 1 → F1 6/7.
        #expect(abs(TokenF1.score(prediction: "the cat sat on the mat", reference: "a cat on a mat") - 6.0 / 7) < 1e-12)
        // Multiset intersection: x x y vs x y y shares min(2,1) + min(1,2) = 2 → P = R = 2/3.
        #expect(abs(TokenF1.score(prediction: "x x y", reference: "x y y") - 2.0 / 3) < 1e-12)
        #expect(TokenF1.score(prediction: "", reference: "Paris") == 0)
        #expect(TokenF1.score(prediction: "Paris", reference: "") == 0)
        // v1.1 returns 0 when nothing is shared, even for two empty answers.
        #expect(TokenF1.score(prediction: "!!!", reference: "...") == 0)
        #expect(TokenF1.score(prediction: "Paris.", reference: "paris") == 1)
    }

    @Test func chineseTokenisesPerCharacter() {
        #expect(SQuADNormalizer.tokens("紫杉醇（Taxol）。") == ["紫", "杉", "醇", "taxol"])
        #expect(ExactMatch.score(prediction: "紫杉醇。", reference: "紫杉醇") == 1)
        // pred 北京是中国的首都 (8 characters, 。 stripped), ref 首都是北京 (5), all 5 shared:
        // P 5/8, R 1 → F1 10/13.
        #expect(abs(TokenF1.score(prediction: "北京是中国的首都。", reference: "首都是北京") - 10.0 / 13) < 1e-12)
        // rouge-score alone would drop every character and score 0.
        // LCS of 北京是首都 / 首都是北京 is 2 → P = R = 2/5.
        #expect(abs(RougeL.fMeasure(prediction: "北京是首都", reference: "首都是北京") - 0.4) < 1e-12)
        #expect(RougeTokenizer.tokens("北京 is 首都!") == ["北", "京", "is", "首", "都"])
    }

    @Test func cjkPunctuationOnlyCountsAsPunctuationWhereDefined() {
        // In English text curly quotes are not stripped (SQuAD keeps them); in Chinese they are.
        #expect(SQuADNormalizer.tokens("“hello”") == ["“hello”"])
        #expect(SQuADNormalizer.tokens("“紫杉醇”") == ["紫", "杉", "醇"])
        // Full-width punctuation is always CJK punctuation.
        #expect(SQuADNormalizer.tokens("hello，world") == ["helloworld"])
    }

    @Test func rougeL() {
        // LCS "the cat on the mat" = 5 of 6 predicted, 5 of 5 reference → F = 10/11.
        #expect(abs(RougeL.fMeasure(prediction: "the cat sat on the mat", reference: "the cat on the mat") - 10.0 / 11) < 1e-12)
        let score = RougeL.score(prediction: "police killed the gunman", reference: "the gunman killed police")
        #expect(score.precision == 0.5 && score.recall == 0.5 && score.fMeasure == 0.5)
        // Longer than the reference: LCS 1 of 9 → P 1/9, R 1 → F 0.2.
        #expect(abs(RougeL.fMeasure(prediction: "Paris is the capital and largest city of France", reference: "Paris") - 0.2) < 1e-12)
        #expect(RougeL.fMeasure(prediction: "", reference: "Paris") == 0)
        #expect(RougeL.fMeasure(prediction: "!!! ...", reference: "?") == 0)
        #expect(RougeTokenizer.tokens("Hello, World-2! café") == ["hello", "world", "2", "caf"])
    }
}
