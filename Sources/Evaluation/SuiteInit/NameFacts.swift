/// Proper names in alphabetic script: sequences of capitalised words (`Ljubljana`, `Maribor
/// Research Campus`, `Tobias Renwick`, `University of Ljubljana`, `Johnson & Johnson`), in
/// English text and as Latin words inside Chinese text.
///
/// A sequence joins capitalised words (acronyms included) separated by one space, and across
/// one lower-case connector (`of`, `de`, `van`, `von`, `der`, `la`, `&` …) between two of them;
/// a comma or `and` ends it, so "Porto, Osaka and Winnipeg" are three names.
/// - A title before a name is not part of it (`Dr. Ana Kovač` is `Ana Kovač`): an answer
///   naming her without the title states the same fact.
/// - A word that opens a sentence is capitalised anyway: it starts no name when it is a stop
///   word (`The`, `It`, `In`, ``EnglishStopWords``) or is written in lower case elsewhere in
///   the answer or question, or opens a heading ("Steps:").
/// - Months, weekdays and job titles (`March`, `CEO`) are no names.
/// - A name the question writes, even one word of it, is the question's subject, not a fact:
///   "Zelmora Pharmaceuticals" is no fact of an answer to "Where is Zelmora based?". A name
///   with connectors is split there first, so "CEO of Zelmora Pharmaceuticals" loses only its
///   known part.
enum NameFacts {
    static func candidates(in text: AnswerText, question: QuestionText) -> [FactCandidate] {
        let words = words(in: text)
        let lowerCase = Set(words.filter { $0.text.first?.isLowercase ?? false }.map { $0.text.lowercased() })
            .union(question.lowerCaseWords)
        var candidates: [FactCandidate] = []
        var index = 0
        while index < words.count {
            guard words[index].isCapitalised else {
                index += 1
                continue
            }
            var sequence = [index]
            var next = index + 1
            while next < words.count {
                if words[next].isCapitalised, text.isSingleSpace(between: words[next - 1], and: words[next]) {
                    sequence.append(next)
                    next += 1
                } else if next + 1 < words.count, connectors.contains(words[next].text),
                          words[next + 1].isCapitalised, text.isSingleSpace(between: words[next - 1], and: words[next]),
                          text.isSingleSpace(between: words[next], and: words[next + 1]) {
                    sequence += [next, next + 1]
                    next += 2
                } else {
                    break
                }
            }
            index = next
            candidates += names(in: sequence.map { words[$0] }, text: text, question: question, lowerCase: lowerCase)
        }
        return candidates
    }

    /// A word of letters (with inner apostrophes and hyphens), and the connector `&`.
    struct Word {
        let range: Range<Int>
        let text: String
        var isCapitalised: Bool { text.first?.isUppercase ?? false }
    }

    private static let connectors: Set<String> = ["of", "de", "da", "del", "della", "di", "du", "van", "von", "der", "den", "la", "le", "y", "&"]
    private static let titles: Set<String> = ["dr", "mr", "mrs", "ms", "prof", "professor", "sir", "dame"]

    private static func words(in text: AnswerText) -> [Word] {
        let characters = text.characters
        var words: [Word] = []
        var index = 0
        while index < characters.count {
            if characters[index] == "&" {
                words.append(Word(range: index..<(index + 1), text: "&"))
                index += 1
                continue
            }
            guard AnswerText.isWordLetter(characters[index]), !(text[safe: index - 1].map(isGlue) ?? false) else {
                index += 1
                continue
            }
            var end = index + 1
            while end < characters.count {
                if AnswerText.isWordLetter(characters[end]) {
                    end += 1
                } else if "'’-".contains(characters[end]), text[safe: end + 1].map(AnswerText.isWordLetter) ?? false {
                    end += 2
                } else {
                    break
                }
            }
            // Letters glued to digits are a code or a unit (C17H21, 25mg), not a word.
            if !(text[safe: end].map(isGlue) ?? false) {
                words.append(Word(range: index..<end, text: text.string(index..<end)))
            }
            index = end
        }
        return words
    }

    private static func isGlue(_ character: Character) -> Bool {
        character.isNumber || AnswerText.isWordLetter(character)
    }

    /// The names in one capitalised sequence, after titles, sentence openers and the question's
    /// words are taken off.
    private static func names(in sequence: [Word], text: AnswerText, question: QuestionText, lowerCase: Set<String>) -> [FactCandidate] {
        var sequence = sequence
        var opensSentence = text.opensSentence(at: sequence[0].range.lowerBound)
        while let first = sequence.first {
            if titles.contains(first.text.lowercased()) {
                sequence.removeFirst()
                opensSentence = false
            } else if opensSentence, EnglishStopWords.opensSentenceOnly(first.text) || lowerCase.contains(first.text.lowercased())
                        || (sequence.count == 1 && text[safe: first.range.upperBound] == ":") {
                sequence.removeFirst()
                opensSentence = false
            } else if connectors.contains(first.text) {
                sequence.removeFirst()
            } else {
                break
            }
        }
        while let last = sequence.last, connectors.contains(last.text) { sequence.removeLast() }
        guard !sequence.isEmpty else { return [] }
        // "Zelmora's" is the question's "Zelmora".
        let known = { (words: ArraySlice<Word>) in
            words.contains { word in
                let folded = TextFolding.fold(word.text)
                return question.words.contains(folded) || ["'s", "’s"].contains { folded.hasSuffix($0) && question.words.contains(String(folded.dropLast(2))) }
            }
        }
        let parts = known(sequence[...]) ? sequence.split { connectors.contains($0.text) } : [sequence[...]]
        return parts.compactMap { part in
            // Initials alone ("J." of "J. R. R. Tolk") name nobody.
            guard let first = part.first, let last = part.last, !known(part),
                  !part.allSatisfy({ EnglishStopWords.isNeverName($0.text) || $0.text.count == 1 }) else { return nil }
            let range = first.range.lowerBound..<last.range.upperBound
            return FactCandidate(fact: .text(text.string(range)), kind: .name, range: range, rank: 1)
        }
    }
}

extension AnswerText {
    /// Whether only one space separates the two words.
    func isSingleSpace(between left: NameFacts.Word, and right: NameFacts.Word) -> Bool {
        right.range.lowerBound == left.range.upperBound + 1 && characters[left.range.upperBound] == " "
    }

    /// Whether the text at `index` opens a sentence: nothing but spaces, quotes, brackets and
    /// bullets since the start, a line break, a sentence's end (`.` `!` `?` `:` `;` `。` …) or a
    /// list marker at the start of a line.
    func opensSentence(at index: Int) -> Bool {
        var before = index - 1
        while let character = self[safe: before], !character.isNewline, " \t\"“‘'([（【*•-".contains(character) {
            before -= 1
        }
        guard let character = self[safe: before] else { return true }
        if character == ")" || character == "）" {
            // A list marker: "3) Repeat", "(b) Store".
            var marker = before - 1
            while let inside = self[safe: marker], inside.isLetter || inside.isNumber, before - marker <= 3 { marker -= 1 }
            if self[safe: marker] == "(" || self[safe: marker] == "（" { marker -= 1 }
            return self[safe: marker].map(\.isNewline) ?? true
        }
        return character.isNewline || ".!?:;。！？：；".contains(character)
    }
}
