/// The question a reference answers, in the forms the extractors compare with: a fact the
/// question already states is no fact the model must recall.
struct QuestionText {
    let folded: String
    /// Its words of alphabetic letters, folded.
    let words: Set<String>
    /// Its words written in lower case, lower-cased: a word the question writes in lower case
    /// is no name where an answer's sentence opens with it.
    let lowerCaseWords: Set<String>
    let numbers: [Double]
    /// Its adjacent pairs of CJK characters, folded: Chinese has no word boundaries, so a pair
    /// of characters the question also writes marks the answer's text as the question's.
    let cjkPairs: Set<String>

    init(_ question: String) {
        folded = TextFolding.fold(question)
        words = Set(folded.split { !AnswerText.isWordLetter($0) }.map(String.init))
        lowerCaseWords = Set(question.split { !AnswerText.isWordLetter($0) }
            .filter { $0.first?.isLowercase ?? false }.map { $0.lowercased() })
        numbers = NumberScanner.numbers(in: folded)
        let characters = Array(folded)
        cjkPairs = Set(zip(characters, characters.dropFirst())
            .filter { AnswerText.isCJK($0.0) && AnswerText.isCJK($0.1) }
            .map { String([$0.0, $0.1]) })
    }

    /// Whether the question contains `text` on word boundaries, as ``KeyFactMatcher`` would find it.
    func states(_ text: String) -> Bool {
        KeyFactMatcher.containsOnWordBoundaries(folded, TextFolding.fold(text))
    }

    /// Whether the question has the word, or its form with or without a plural or third-person -s
    /// ("stores" and "store", "doses" and "dose").
    func hasWord(_ word: String) -> Bool {
        let word = TextFolding.fold(word)
        if words.contains(word) || words.contains(word + "s") || words.contains(word + "es") { return true }
        if word.hasSuffix("es"), words.contains(String(word.dropLast(2))) { return true }
        return word.hasSuffix("s") && words.contains(String(word.dropLast()))
    }

    /// Which of the answer's characters lie in a pair of CJK characters the question also writes.
    func coveredCJK(in text: AnswerText) -> [Bool] {
        var covered = Array(repeating: false, count: text.characters.count)
        for index in text.characters.indices.dropLast() {
            let pair = TextFolding.fold(String(text.characters[index...(index + 1)]))
            if cjkPairs.contains(pair) {
                covered[index] = true
                covered[index + 1] = true
            }
        }
        return covered
    }
}
