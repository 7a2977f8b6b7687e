/// Terms the answer marks by quoting or bracketing them: `“Migrelta”`, `"Calmivo"`, `「阿司匹林」`,
/// `『…』`, `《药品管理法》`, `〈…〉`, `【…】`. Chinese writing marks names and titles this way
/// where English would capitalise them, and in either language a quoted term is one the writer
/// singled out.
///
/// The term is the text inside the marks, trimmed: one line, 1 to 24 characters, at most five
/// words, without sentence punctuation or commas (a quoted sentence is a quotation, not a term). Single
/// quotes are not read: `’` is also the apostrophe. A term the question contains is not a fact.
enum QuotedTerms {
    static func candidates(in text: AnswerText, question: QuestionText) -> [FactCandidate] {
        let characters = text.characters
        var candidates: [FactCandidate] = []
        var index = 0
        while index < characters.count {
            guard let close = pairs[characters[index]],
                  let end = characters[(index + 1)...].prefix(maximumLength + 2).firstIndex(of: close) else {
                index += 1
                continue
            }
            let inside = characters[(index + 1)..<end]
            let lower = inside.firstIndex { !$0.isWhitespace } ?? end
            let upper = (inside.lastIndex { !$0.isWhitespace } ?? index) + 1
            let range = lower..<max(lower, upper)
            let term = text.string(range)
            if isTerm(term), !question.states(term) {
                candidates.append(FactCandidate(fact: .text(term), kind: .term, range: range, rank: 1))
            }
            index = end + 1
        }
        return candidates
    }

    private static let maximumLength = 24
    private static let pairs: [Character: Character] = [
        "“": "”", "\"": "\"", "「": "」", "『": "』", "《": "》", "〈": "〉", "【": "】",
    ]

    private static func isTerm(_ term: String) -> Bool {
        guard (1...maximumLength).contains(term.count), term.contains(where: { $0.isLetter || $0.isNumber }) else { return false }
        guard !term.contains(where: { $0.isNewline || sentencePunctuation.contains($0) }), !term.contains(". "), term.last != "." else {
            return false
        }
        return term.split(separator: " ").count <= 5
    }

    private static let sentencePunctuation: Set<Character> = ["!", "?", ";", "。", "！", "？", "；", "，", ","]
}
