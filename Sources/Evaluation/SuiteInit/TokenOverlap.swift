/// How much two questions share, for the paraphrase filter (docs/SUITE.md "Paraphrases"): the
/// Jaccard index of their word sets, |A ∩ B| / |A ∪ B|, after ``TextFolding``. A word is a run of
/// letters or digits; each CJK character is a word of its own, since CJK text has no spaces.
/// Source: Jaccard 1912; the tokenisation is ours.
public enum TokenOverlap {
    /// The Jaccard index in 0…1 (1 for two texts without words).
    public static func jaccard(_ first: String, _ second: String) -> Double {
        jaccard(words(first), words(second))
    }

    /// The Jaccard index of two word sets.
    public static func jaccard(_ first: Set<String>, _ second: Set<String>) -> Double {
        let union = first.union(second).count
        return union == 0 ? 1 : Double(first.intersection(second).count) / Double(union)
    }

    /// The folded words of `text`.
    public static func words(_ text: String) -> Set<String> {
        var words: Set<String> = []
        var current = String.UnicodeScalarView()
        func flush() {
            if !current.isEmpty { words.insert(String(current)) }
            current = String.UnicodeScalarView()
        }
        for scalar in TextFolding.fold(text).unicodeScalars {
            if CJKText.isCJK(scalar) {
                flush()
                words.insert(String(scalar))
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return words
    }
}
