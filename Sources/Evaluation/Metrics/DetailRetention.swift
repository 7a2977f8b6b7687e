/// Detail retention — OUR definition (docs/EVALUATION.md "Metrics"; no published metric matches the
/// write-up's observation that quantised models "lose detail"): the share of the baseline
/// answer's detail items that the variant's answer to the same prompt keeps.
///
/// Detail items of a text, without duplicates:
/// - numbers, read as for numeric key facts (``NumberScanner``) and compared numerically:
///   "1,000", "one thousand" and 一千 all keep 1000;
/// - in text without CJK: capitalised word sequences not at a sentence start — runs of words
///   whose first letter is upper-case, the sentence's first word excluded, a run broken after
///   a word with trailing punctuation ("The Eiffel Tower is in Paris, France." → "Eiffel Tower",
///   "Paris", "France");
/// - in text with CJK characters: Latin terms — maximal runs of words of ASCII letters, digits,
///   `-` and `'` that contain a letter ("紫杉醇（Taxol）" → "Taxol").
/// A term is kept when it occurs in the variant's answer on word boundaries after NFKC + case
/// folding (as ``KeyFactMatcher`` finds text facts). A baseline answer without detail items has
/// no retention (nil) and is left out of the mean.
public enum DetailRetention {
    /// A detail item.
    public enum Item: Hashable, Sendable {
        /// A number.
        case number(Double)
        /// A name or term, as written.
        case term(String)
    }

    /// The detail items of `text`, in order of first appearance.
    public static func items(in text: String) -> [Item] {
        var items: [Item] = NumberScanner.numbers(in: TextFolding.fold(text)).map(Item.number)
        let terms = CJKText.containsCJK(text) ? latinTerms(in: text) : capitalisedSequences(in: text)
        items += terms.map(Item.term)
        var seen = Set<Item>()
        return items.filter { seen.insert(normalised($0)).inserted }
    }

    /// Share of `baseline`'s items kept in `variant`, or nil when `baseline` has none.
    public static func retention(baseline: String, variant: String) -> Double? {
        let wanted = items(in: baseline)
        guard !wanted.isEmpty else { return nil }
        let folded = TextFolding.fold(variant)
        let numbers = NumberScanner.numbers(in: folded)
        let kept = wanted.filter { item in
            switch item {
            case .number(let value):
                return numbers.contains { KeyFactMatcher.matches($0, value, relTol: 1e-9) }
            case .term(let term):
                return KeyFactMatcher.containsOnWordBoundaries(folded, TextFolding.fold(term))
            }
        }
        return Double(kept.count) / Double(wanted.count)
    }

    private static func normalised(_ item: Item) -> Item {
        if case .term(let term) = item { return .term(TextFolding.fold(term)) }
        return item
    }

    private static func capitalisedSequences(in text: String) -> [String] {
        var result: [String] = []
        for sentence in SentenceSplitter.sentences(text) {
            var run: [String] = []
            func finish() {
                if !run.isEmpty { result.append(run.joined(separator: " ")) }
                run.removeAll()
            }
            for (position, rawWord) in sentence.split(whereSeparator: \.isWhitespace).enumerated() {
                let word = String(rawWord).trimmingCharacters(where: { $0.isPunctuation || $0.isSymbol })
                let endsClause = rawWord.last.map { $0.isPunctuation } ?? false
                if position > 0, let first = word.first, first.isUppercase {
                    run.append(word)
                } else {
                    finish()
                }
                if endsClause { finish() }
            }
            finish()
        }
        return result
    }

    private static func latinTerms(in text: String) -> [String] {
        var result: [String] = []
        var current = ""
        func finish() {
            let term = current.trimmingWhitespace()
            if term.contains(where: { $0.isASCII && $0.isLetter }) { result.append(term) }
            current = ""
        }
        for character in text {
            if character.isASCII && (character.isLetter || character.isNumber || character == "-" || character == "'") {
                current.append(character)
            } else if character == " ", !current.isEmpty {
                current.append(character)
            } else {
                finish()
            }
        }
        finish()
        return result
    }
}

extension String {
    /// The text without leading and trailing characters matching `predicate`.
    func trimmingCharacters(where predicate: (Character) -> Bool) -> String {
        guard let first = firstIndex(where: { !predicate($0) }), let last = lastIndex(where: { !predicate($0) }) else { return "" }
        return String(self[first...last])
    }
}
