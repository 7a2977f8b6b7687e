/// Answer normalisation of the SQuAD v1.1 evaluation script (Rajpurkar et al. 2016,
/// `evaluate-v1.1.py`, `normalize_answer`), with the mixed CJK tokenisation of docs/EVALUATION.md "Metrics".
///
/// In the source's order: lower-case; remove ASCII punctuation (Python's `string.punctuation`);
/// replace the words a, an, the (whole words, as `\b(a|an|the)\b`) by a space; split on
/// whitespace. Mixed tokenisation adds: CJK punctuation (``CJKText``) is removed with the ASCII
/// punctuation, and each CJK character becomes a token of its own. On text without CJK the
/// tokens are exactly the source's `normalize_answer(s).split()`.
public enum SQuADNormalizer {
    private static let asciiPunctuation = Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars)
    private static let articles: Set<String> = ["a", "an", "the"]

    /// The normalised tokens of `text`.
    ///
    /// `"The  Eiffel-Tower!"` → `["eiffeltower"]` (the hyphen goes without leaving a space, as in
    /// the source); `"紫杉醇。"` → `["紫", "杉", "醇"]`.
    public static func tokens(_ text: String) -> [String] {
        let cjkText = CJKText.containsCJK(text)
        let stripped = String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter {
            !asciiPunctuation.contains($0) && !CJKText.isCJKPunctuation($0, inCJKText: cjkText)
        }))
        return splitCJK(removingArticles(stripped).split(whereSeparator: \.isWhitespace).map(String.init))
    }

    /// The normalised answer as the source returns it: the tokens joined by single spaces.
    public static func normalize(_ text: String) -> String {
        tokens(text).joined(separator: " ")
    }

    /// Python's `re.sub(r'\b(a|an|the)\b', ' ', text)`: a maximal run of word characters
    /// (Python's Unicode `\w`: `str.isalnum()` characters — letters and numbers — and `_`) equal
    /// to an article becomes a space.
    private static func removingArticles(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        var word = String.UnicodeScalarView()
        func flush() {
            if articles.contains(String(word)) {
                output.append(" ")
            } else {
                output.append(contentsOf: word)
            }
            word.removeAll()
        }
        for scalar in text.unicodeScalars {
            if isWordCharacter(scalar) {
                word.append(scalar)
            } else {
                flush()
                output.append(scalar)
            }
        }
        flush()
        return String(output)
    }

    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return true
        default:
            return scalar == "_" || scalar.properties.numericType != nil
        }
    }

    private static func splitCJK(_ tokens: [String]) -> [String] {
        var result: [String] = []
        for token in tokens {
            var run = String.UnicodeScalarView()
            for scalar in token.unicodeScalars {
                if CJKText.isCJK(scalar) {
                    if !run.isEmpty { result.append(String(run)); run.removeAll() }
                    result.append(String(scalar))
                } else {
                    run.append(scalar)
                }
            }
            if !run.isEmpty { result.append(String(run)) }
        }
        return result
    }
}
