import Testing
@testable import Evaluation

/// Diversity, repetition and baseline-comparison metrics against hand-computed values.
struct AnswerMetricsTests {
    @Test func distinctN() {
        // Tokens [a b a b] and [a c]: unigrams 3 distinct of 6; bigrams ab ba ab ac → 3 of 4;
        // trigrams aba bab → 2 of 2 (the two-token answer has none).
        let answers = ["a b a b", "A, c!"]
        #expect(DistinctN.score(answers, n: 1) == 0.5)
        #expect(DistinctN.score(answers, n: 2) == 0.75)
        #expect(DistinctN.score(answers, n: 3) == 1)
        #expect(DistinctN.score(["", "..."], n: 1) == nil)
    }

    @Test func repetitionAndLoops() {
        // Bigrams ab ba ab: 2 distinct of 3 → 1 − 2/3.
        #expect(abs(RepetitionN.score("a b a b", n: 2)! - 1.0 / 3) < 1e-12)
        #expect(RepetitionN.score("a", n: 2) == nil)
        #expect(RepetitionN.score("one two three", n: 2) == 0)
        #expect(LoopDetector.isLooping("the answer is the answer is the answer is"))
        #expect(!LoopDetector.isLooping("very very very good"))
        #expect(LoopDetector.isLooping("no no no no no no"))
        #expect(!LoopDetector.isLooping("no no no no no"))
        #expect(!LoopDetector.isLooping(""))
        #expect(LoopDetector.isLooping("北京北京北京"))
    }

    @Test func sentences() {
        #expect(SentenceSplitter.sentences("It costs 853.9 dollars. Next!\nLast") == ["It costs 853.9 dollars.", "Next!", "Last"])
        #expect(SentenceSplitter.sentences("北京是首都。上海很大。") == ["北京是首都。", "上海很大。"])
        #expect(abs(UniqueSentenceRatio.ratio("Paris is nice. paris is  nice. Rome too.")! - 2.0 / 3) < 1e-12)
        #expect(UniqueSentenceRatio.ratio("") == nil)
        #expect(UniqueSentenceRatio.ratio("One sentence only") == 1)
    }

    @Test func detailRetention() {
        let baseline = "The Eiffel Tower is in Paris, France. It is 330 metres tall."
        #expect(DetailRetention.items(in: baseline) == [.number(330), .term("Eiffel Tower"), .term("Paris"), .term("France")])
        // Keeps 330, Eiffel Tower, Paris; loses France → 3/4.
        #expect(DetailRetention.retention(baseline: baseline, variant: "The eiffel tower stands in Paris and is 330 m high.") == 0.75)
        #expect(DetailRetention.retention(baseline: baseline, variant: "") == 0)
        #expect(DetailRetention.retention(baseline: "no details here.", variant: "x") == nil)
        // Chinese: numbers and Latin terms only; 853.90 keeps 853.9, Taxol is lost → 1/2.
        #expect(DetailRetention.items(in: "紫杉醇（Taxol）的分子量是853.9。") == [.number(853.9), .term("Taxol")])
        #expect(DetailRetention.retention(baseline: "紫杉醇（Taxol）的分子量是853.9。", variant: "紫杉醇的分子量约为853.90") == 0.5)
        #expect(DetailRetention.retention(baseline: "It has 1,000 branches.", variant: "It has 1000.") == 1)
    }

    @Test func lengthRatio() {
        #expect(LengthRatio.ratio(pairs: [(10, 5), (10, 10)]) == 0.75)
        #expect(LengthRatio.ratio(pairs: [(0, 5)]) == nil)
    }

    @Test func flips() {
        let flips = Flips(baseline: ["a": true, "b": true, "c": false, "d": false, "e": true],
                          variant: ["a": true, "b": false, "c": true, "d": false, "x": true])
        #expect(flips.n == 4 && flips.correctToWrong == 1 && flips.wrongToCorrect == 1 && flips.total == 2)
        // n = 2 discordant, tail (1 + 2)/4 → 2 · 0.75 capped at 1.
        #expect(flips.mcNemarP == 1)
    }

    @Test func consistencyRobustnessBias() {
        #expect(ParaphraseConsistency.agreement([true, true, nil]) == true)
        #expect(ParaphraseConsistency.agreement([true, false]) == false)
        #expect(ParaphraseConsistency.agreement([true, nil]) == nil)
        #expect(ParaphraseConsistency.similarity(["Paris is the capital", "paris is the capital!"]) == 1)
        // Pairs: (A,B) 1, (A,C) 0, (B,C) 0 → 1/3.
        #expect(abs(ParaphraseConsistency.similarity(["x y", "x y", "z"])! - 1.0 / 3) < 1e-12)
        #expect(ParaphraseConsistency.similarity(["only"]) == nil)
        #expect(RobustnessRatio.ratio(noisyCorrect: 1, noisyTotal: 2, cleanCorrect: 2, cleanTotal: 2) == 0.5)
        #expect(RobustnessRatio.ratio(noisyCorrect: 1, noisyTotal: 2, cleanCorrect: 0, cleanTotal: 2) == nil)
        #expect(BiasGap.gap([1, 0.5, 0.75]) == 0.5)
        #expect(BiasGap.gap([1]) == nil)
        #expect(BiasSimilarity.similarity(["a b c d", "a b x d"]) == 0.75)
    }
}
