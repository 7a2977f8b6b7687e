/// Unique-sentence ratio (named in the write-up; the definition is ours): within one answer, the
/// number of distinct sentences over the number of sentences (``SentenceSplitter``; sentences
/// compared after NFKC + case folding). 1 means no sentence is repeated; an answer stuck in a
/// loop scores low. The scorer averages it over answers that have a sentence.
public enum UniqueSentenceRatio {
    /// distinct / all in 0…1, or nil when the answer has no sentence.
    public static func ratio(_ answer: String) -> Double? {
        let sentences = SentenceSplitter.sentences(answer).map(TextFolding.fold)
        guard !sentences.isEmpty else { return nil }
        return Double(Set(sentences).count) / Double(sentences.count)
    }
}
