/// Codes of letters and digits: chemical formulas (`C17H21ClN4O2`), model and SKU codes
/// (`ZX-200`, `SKU-4471-B`), versions (`v2.3`), vitamin and standard names (`B12`, `COVID-19`).
///
/// A code is a run of ASCII letters and digits, joined inside by `-` `.` `_` `/`, in which a
/// digit follows a letter. So `25mg`, `5th`, `1980s` and `3D` are numbers with a unit or
/// suffix (``NumberFacts`` reads them), `8.5e2` is a number, and `g/mol` has no digit.
/// A code the question contains is not a fact.
enum CodeFacts {
    static func candidates(in text: AnswerText, question: QuestionText) -> [FactCandidate] {
        let characters = text.characters
        var candidates: [FactCandidate] = []
        var index = 0
        while index < characters.count {
            guard AnswerText.isASCIIAlphanumeric(characters[index]),
                  !(text[safe: index - 1].map(isGluedBefore) ?? false) else {
                index += 1
                continue
            }
            var end = index + 1
            while end < characters.count {
                if AnswerText.isASCIIAlphanumeric(characters[end]) {
                    end += 1
                } else if joiners.contains(characters[end]), text[safe: end + 1].map(AnswerText.isASCIIAlphanumeric) ?? false {
                    end += 2
                } else {
                    break
                }
            }
            let code = text.string(index..<end)
            if isCode(code), !(text[safe: end].map(AnswerText.isWordLetter) ?? false), !question.states(code) {
                candidates.append(FactCandidate(fact: .text(code), kind: .code, range: index..<end, rank: 0))
            }
            index = end
        }
        return candidates
    }

    private static let joiners: Set<Character> = ["-", ".", "_", "/"]

    /// A letter or digit before a run makes it part of a longer word ("Kovač2" is no code).
    private static func isGluedBefore(_ character: Character) -> Bool {
        AnswerText.isWordLetter(character) || character.isNumber
    }

    private static func isCode(_ token: String) -> Bool {
        guard Double(token) == nil else { return false }
        var seenLetter = false
        for character in token {
            if character.isLetter {
                seenLetter = true
            } else if character.isNumber, seenLetter {
                return true
            }
        }
        return false
    }
}
