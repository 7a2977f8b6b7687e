/// The answer's new content where no cue marks it: the words a careful reader underlines
/// because they answer the question, though they are neither a number, a code nor a name
/// ("Veltrazine is used for migraine prevention." → `migraine prevention`; "…25 mg twice
/// daily." → `twice daily`; 维特拉嗪用于预防偏头痛。→ `预防偏头痛`).
///
/// At most one such term per answer, from the first sentence that has one, since answers state
/// their answer first: the longest run there of
/// - English words in lower case, one space apart, that are no stop word (``EnglishStopWords``)
///   and that the question does not write (in any of its -s forms): 1 to 4 words, a single
///   word of at least 4 letters and no participle in -ed or -ing;
/// - or CJK characters that no pair of the question's characters covers, between function
///   characters (是, 的, 于 …) and framing words (用于, 包括, 通常 …): 2 to 8 characters;
///   English words score two a word, CJK characters one each.
///
/// Nothing another fact already took is part of a run, so the number and unit of "25 mg twice
/// daily" split it. This is the least sure kind of fact: the extractor keeps it last.
enum NewContentTerm {
    static func candidate(in text: AnswerText, question: QuestionText, taken: [Range<Int>]) -> FactCandidate? {
        var isTaken = Array(repeating: false, count: text.characters.count)
        for range in taken { for index in range { isTaken[index] = true } }
        let covered = question.coveredCJK(in: text)
        var best: (range: Range<Int>, score: Int)?
        var index = 0
        while index < text.characters.count {
            let character = text.characters[index]
            if isSentenceEnd(at: index, in: text), best != nil { break }
            var run: (range: Range<Int>, score: Int)?
            if AnswerText.isWordLetter(character), index == 0 || !AnswerText.isWordLetter(text.characters[index - 1]) {
                run = englishRun(at: index, in: text, question: question, isTaken: isTaken)
            } else if AnswerText.isCJK(character), let word = framingWord(at: index, in: text) {
                index += word.count
                continue
            } else if AnswerText.isCJK(character), !isTaken[index], !covered[index] {
                run = chineseRun(at: index, in: text, isTaken: isTaken, covered: covered)
            }
            if let found = run {
                if found.score > best?.score ?? 0 { best = found }
                index = found.range.upperBound
            } else {
                index += 1
            }
        }
        guard let best else { return nil }
        return FactCandidate(fact: .text(text.string(best.range)), kind: .term, range: best.range, rank: 2)
    }

    private static func isSentenceEnd(at index: Int, in text: AnswerText) -> Bool {
        let character = text.characters[index]
        if character.isNewline || "!?;。！？；".contains(character) { return true }
        return character == "." && (text[safe: index + 1].map(\.isWhitespace) ?? true)
    }

    /// The run of content words starting at the word at `start`, scored 2 per word, or nil.
    private static func englishRun(at start: Int, in text: AnswerText, question: QuestionText, isTaken: [Bool]) -> (range: Range<Int>, score: Int)? {
        var words: [Range<Int>] = []
        var index = start
        while true {
            var end = index
            while let character = text[safe: end], AnswerText.isWordLetter(character) || (character == "-" && (text[safe: end + 1].map(AnswerText.isWordLetter) ?? false)) {
                end += 1
            }
            let word = text.string(index..<end)
            guard end > index, word.first?.isLowercase ?? false, !EnglishStopWords.contains(word), !question.hasWord(word),
                  !(index..<end).contains(where: { isTaken[$0] }), !(text[safe: end].map(\.isNumber) ?? false) else { break }
            words.append(index..<end)
            guard text[safe: end] == " ", let next = text[safe: end + 1], AnswerText.isWordLetter(next) else { break }
            index = end + 1
        }
        guard let first = words.first, let last = words.last, words.count <= 4,
              words.count > 1 || (first.count >= 4 && !isVerbForm(text.string(first))) else {
            return words.isEmpty ? nil : (start..<(words.last?.upperBound ?? start), 0)
        }
        return (first.lowerBound..<last.upperBound, 2 * words.count)
    }

    /// A participle alone frames rather than states ("headquartered in Ljubljana", "moved to").
    private static func isVerbForm(_ word: String) -> Bool {
        word.hasSuffix("ed") || word.hasSuffix("ing")
    }

    /// The run of new CJK characters starting at `start`, up to a function character or a
    /// framing word, scored 1 per character, or nil where none starts there.
    private static func chineseRun(at start: Int, in text: AnswerText, isTaken: [Bool], covered: [Bool]) -> (range: Range<Int>, score: Int)? {
        var end = start
        while let character = text[safe: end], AnswerText.isCJK(character), !isTaken[end], !covered[end],
              !ChineseTermCues.isFunctionCharacter(character), framingWord(at: end, in: text) == nil {
            end += 1
        }
        guard end > start else { return nil }
        return (start..<end, (2...8).contains(end - start) ? end - start : 0)
    }

    private static func framingWord(at index: Int, in text: AnswerText) -> String? {
        let rest = text.string(index..<min(index + 2, text.characters.count))
        return framingWords.contains(rest) ? rest : nil
    }

    /// Words that frame the content rather than state it (包括, 通常, 属于 …).
    private static let framingWords: Set<String> = ["用于", "位于", "包括", "大约", "主要", "通常", "一般", "可以", "能够", "需要", "应该", "属于", "称为", "叫做"]
}
