/// Reads numbers written in English words, for ``NumberScanner``. Words are ASCII letters on word
/// boundaries (case does not matter), so "one" is not read inside "someone" or "phone".
///
/// Read:
/// - cardinals: "zero" … "nineteen", tens, tens–units with a hyphen or a space ("ninety-nine",
///   "twenty four"), "hundred" after 1–9 ("six hundred") or after 10–99 when no larger scale
///   came before ("nineteen hundred" is 1900), and the scales thousand, million, billion and
///   trillion (short scale), each after a smaller part and in decreasing order, with an optional
///   "and" before the last part ("four thousand six hundred and eight" is 4608); "a" before
///   hundred or a scale is 1 ("a million");
/// - ordinals, as the value they rank ("fifth" is 5, "twenty-first" 21, "hundredth" 100); an
///   ordinal ends the number;
/// - years read in pairs: a number 11–99 then, after a space, one 10–99 or "oh" and a digit
///   ("twenty twenty-four" is 2024, "nineteen oh five" 1905);
/// - fractions: a cardinal then an ordinal from third on, singular or plural ("one fifth" is
///   0.2, "two-thirds" 2/3), so that they are not read as two numbers.
///
/// Not read, where the words are not a count or a rank:
/// - "one" alone as a pronoun: after no, any, every, each, the, this, that, which, such, or
///   before of, another, who, which, that, a modal verb (can, could, may, might, must, should,
///   will, would) or an apostrophe ("one of the largest", "no one", "one's own");
/// - "second" alone as the unit of time: after a, an, per, each, every, split, "/", digits or a
///   number word ("a second", "one second", "metres per second"); "the second moon" is 2;
/// - an ordinal alone that opens a sentence and is followed by a comma ("First, …"), an
///   enumeration marker;
/// - a comma ends a number ("one thousand, two hundred" is 1000 and 200); "point" decimals,
///   "minus", "half", "dozen", "a couple", plural scales ("thousands of") are not numbers here.
enum EnglishNumberWords {
    /// Whether an English word starts at `index`: an ASCII letter not glued to a letter or digit before it.
    static func isWordStart(at index: Int, in s: [Unicode.Scalar]) -> Bool {
        guard NumberScanner.isAsciiLetter(s[index]) else { return false }
        return index == 0 || !isWordCharacter(s[index - 1])
    }

    /// The number whose first word starts at `start` (a word start), or nil; and the index just
    /// past what was read — past the first word when it reads nothing, so that a word that is
    /// not a number is skipped whole.
    static func number(at start: Int, in s: [Unicode.Scalar]) -> (value: Double?, end: Int) {
        let first = word(at: start, in: s)
        guard first.standalone else { return (nil, first.end) }
        if first.text == "zero" { return (0, first.end) }
        var parse = Parse()
        var current = first
        var separator = Separator.space
        if first.text == "a" {
            guard let (gap, following) = next(after: first, in: s), gap == .space,
                  let lexeme = lexicon[following.text], !lexeme.ordinal, [.hundred, .scale].contains(lexeme.kind)
            else { return (nil, first.end) }
            parse.small = 1
            parse.smallState = .unit
            parse.article = true
            current = following
        }
        while true {
            if current.text == "and" {
                guard parse.smallState == .none, parse.hasHundred || parse.lastScale.isFinite,
                      let (gap, following) = next(after: current, in: s), gap == .space,
                      let lexeme = lexicon[following.text], [.unit, .teen, .tens].contains(lexeme.kind)
                else { break }
                current = following
                separator = .space
                continue
            }
            guard let lexeme = lexicon[current.text], parse.accept(lexeme, after: separator) else { break }
            parse.words += 1
            parse.end = current.end
            if lexeme.ordinal {
                parse.ordinal = true
                break
            }
            guard let (gap, following) = next(after: current, in: s) else { break }
            current = following
            separator = gap
        }
        guard parse.words > 0 else { return (nil, first.end) }
        var value = parse.value
        var end = parse.end
        if parse.words == 1, !parse.article, isExcluded(first, in: s, ordinal: parse.ordinal) {
            return (nil, end)
        }
        if let year = yearPair(parse, in: s) {
            (value, end) = year
        } else if !parse.ordinal, let (_, following) = next(at: end, in: s), let denominator = denominator(following.text) {
            value /= denominator
            end = following.end
        }
        return (value, end)
    }

    /// Digits' `text` (a ``NumberScanner/Literal``) times the scale words after it, or nil when
    /// none follows: "4.7 thousand" is 4700, "3 hundred thousand" 300000 (each scale word larger
    /// than the one before).
    static func scaled(_ text: String, after end: Int, in s: [Unicode.Scalar]) -> (value: Double, end: Int)? {
        var index = end
        var power = 0
        var lastPower = 0
        while index + 1 < s.count, s[index] == " ", NumberScanner.isAsciiLetter(s[index + 1]) {
            let scaleWord = word(at: index + 1, in: s)
            guard scaleWord.standalone, let lexeme = lexicon[scaleWord.text], !lexeme.ordinal,
                  [.hundred, .scale].contains(lexeme.kind) else { break }
            let wordPower = lexeme.power
            guard wordPower > lastPower else { break }
            power += wordPower
            lastPower = wordPower
            index = scaleWord.end
        }
        guard power > 0, let value = NumberScanner.scaled(text, byPowerOfTen: power) else { return nil }
        return (value, index)
    }

    // MARK: - Words

    private struct Word {
        let text: String
        let start: Int
        let end: Int
        /// Not glued to a letter or digit after it.
        let standalone: Bool
    }

    private enum Separator {
        case space, hyphen
    }

    /// CJK characters do not glue to a word, as for text facts: CJK text has no spaces.
    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.properties.isAlphabetic && !CJKText.isCJK(scalar)) || NumberScanner.isDigit(scalar)
    }

    private static func word(at start: Int, in s: [Unicode.Scalar]) -> Word {
        var end = start
        var text = ""
        while end < s.count, NumberScanner.isAsciiLetter(s[end]) {
            text.unicodeScalars.append(Unicode.Scalar(s[end].value | 0x20)!)
            end += 1
        }
        return Word(text: text, start: start, end: end, standalone: end == s.count || !isWordCharacter(s[end]))
    }

    private static func next(after word: Word, in s: [Unicode.Scalar]) -> (Separator, Word)? {
        next(at: word.end, in: s)
    }

    /// The standalone word after one separator at `index`.
    private static func next(at index: Int, in s: [Unicode.Scalar]) -> (Separator, Word)? {
        guard index + 1 < s.count, NumberScanner.isAsciiLetter(s[index + 1]) else { return nil }
        let separator: Separator
        switch s[index] {
        case " ": separator = .space
        case "-", "\u{2010}", "\u{2011}": separator = .hyphen
        default: return nil
        }
        let following = word(at: index + 1, in: s)
        return following.standalone ? (separator, following) : nil
    }

    /// The word before `start` across one space, lower-cased, or the scalar before it when that is not a letter.
    private static func previous(before start: Int, in s: [Unicode.Scalar]) -> String? {
        var index = start - 1
        if index >= 0, s[index] == " " { index -= 1 }
        guard index >= 0 else { return nil }
        guard NumberScanner.isAsciiLetter(s[index]) else { return String(s[index]) }
        var wordStart = index
        while wordStart > 0, NumberScanner.isAsciiLetter(s[wordStart - 1]) { wordStart -= 1 }
        return word(at: wordStart, in: s).text
    }

    // MARK: - Exclusions

    private static let pronounBefore: Set<String> = ["no", "any", "every", "each", "the", "this", "that", "which", "such"]
    private static let pronounAfter: Set<String> = ["of", "another", "who", "which", "that", "can", "could", "may", "might", "must", "should", "will", "would"]
    private static let timeUnitBefore: Set<String> = ["a", "an", "per", "each", "every", "split", "/"]

    /// Whether a number of one word, `word`, is a pronoun, a unit of time or an enumeration marker (see above).
    private static func isExcluded(_ word: Word, in s: [Unicode.Scalar], ordinal: Bool) -> Bool {
        let before = previous(before: word.start, in: s)
        if word.text == "one" {
            if let before, pronounBefore.contains(before) { return true }
            if word.end < s.count, ["'", "\u{2019}"].contains(s[word.end]) { return true }
            if let (gap, following) = next(at: word.end, in: s), gap == .space, pronounAfter.contains(following.text) { return true }
        }
        if word.text == "second", let before {
            if timeUnitBefore.contains(before) || lexicon[before] != nil || before == "zero" { return true }
            if let scalar = before.unicodeScalars.first, before.unicodeScalars.count == 1, NumberScanner.isDigit(scalar) { return true }
        }
        if ordinal, word.end < s.count, s[word.end] == "," {
            return before.map { [".", "!", "?", ":", ";", "。", "！", "？"].contains($0) } ?? true
        }
        return false
    }

    // MARK: - Years and fractions

    /// A year read in pairs, when `parse` read one number 11–99 and another 10–99 (or "oh" and a digit) follows.
    private static func yearPair(_ parse: Parse, in s: [Unicode.Scalar]) -> (Double, Int)? {
        guard !parse.ordinal, !parse.article, parse.total == 0, !parse.hasHundred, (11...99).contains(parse.small),
              let (gap, first) = next(at: parse.end, in: s), gap == .space else { return nil }
        if first.text == "oh" {
            guard let (_, digit) = next(after: first, in: s), let lexeme = lexicon[digit.text],
                  lexeme.kind == .unit, !lexeme.ordinal else { return nil }
            return (parse.small * 100 + lexeme.value, digit.end)
        }
        guard let lexeme = lexicon[first.text], !lexeme.ordinal, [.teen, .tens].contains(lexeme.kind) else { return nil }
        if lexeme.kind == .tens, let (_, unit) = next(after: first, in: s), let units = lexicon[unit.text],
           units.kind == .unit, !units.ordinal {
            return (parse.small * 100 + lexeme.value + units.value, unit.end)
        }
        return (parse.small * 100 + lexeme.value, first.end)
    }

    /// The denominator an ordinal word names in a fraction ("fifth", "fifths" → 5), from 3 on.
    private static func denominator(_ word: String) -> Double? {
        let singular = lexicon[word] ?? (word.hasSuffix("s") ? lexicon[String(word.dropLast())] : nil)
        guard let singular, singular.ordinal, singular.value >= 3 else { return nil }
        return singular.value
    }

    // MARK: - Grammar

    private struct Lexeme {
        enum Kind {
            case unit, teen, tens, hundred, scale
        }
        let kind: Kind
        let value: Double
        let ordinal: Bool

        /// The power of ten of a hundred or a scale word (2, 3, 6, 9, 12).
        var power: Int {
            var power = 0
            var rest = value
            while rest >= 10 {
                rest /= 10
                power += 1
            }
            return power
        }
    }

    private enum SmallState {
        case none, unit, teen, tens, tensUnit
    }

    /// The number read so far: completed scale groups, the hundreds of the current group and
    /// its part below 100.
    private struct Parse {
        var total = 0.0
        var group = 0.0
        var small = 0.0
        var smallState = SmallState.none
        var hasHundred = false
        var lastScale = Double.infinity
        var words = 0
        var end = 0
        var ordinal = false
        var article = false

        var value: Double { total + group + small }

        /// Takes `lexeme` into the number when the grammar allows it there.
        mutating func accept(_ lexeme: Lexeme, after separator: Separator) -> Bool {
            if separator == .hyphen, !(smallState == .tens && lexeme.kind == .unit) { return false }
            switch lexeme.kind {
            case .unit:
                guard smallState == .none || smallState == .tens else { return false }
                small += lexeme.value
                smallState = smallState == .tens ? .tensUnit : .unit
            case .teen, .tens:
                guard smallState == .none else { return false }
                small = lexeme.value
                smallState = lexeme.kind == .teen ? .teen : .tens
            case .hundred:
                if lexeme.ordinal, words == 0 { small = 1 }
                guard !hasHundred, small >= 1, small <= 9 || !lastScale.isFinite else { return false }
                group = small * 100
                small = 0
                smallState = .none
                hasHundred = true
            case .scale:
                if lexeme.ordinal, words == 0 { small = 1 }
                guard lexeme.value < lastScale, group + small > 0 else { return false }
                total += (group + small) * lexeme.value
                group = 0
                small = 0
                smallState = .none
                hasHundred = false
                lastScale = lexeme.value
            }
            return true
        }
    }

    private static let lexicon: [String: Lexeme] = {
        var lexicon: [String: Lexeme] = [:]
        let units = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
        let unitOrdinals = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
        let teens = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
        let teenOrdinals = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
                            "seventeenth", "eighteenth", "nineteenth"]
        let tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
        let tensOrdinals = ["twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth"]
        for (offset, (cardinal, ordinal)) in zip(units, unitOrdinals).enumerated() {
            lexicon[cardinal] = Lexeme(kind: .unit, value: Double(offset + 1), ordinal: false)
            lexicon[ordinal] = Lexeme(kind: .unit, value: Double(offset + 1), ordinal: true)
        }
        for (offset, (cardinal, ordinal)) in zip(teens, teenOrdinals).enumerated() {
            lexicon[cardinal] = Lexeme(kind: .teen, value: Double(offset + 10), ordinal: false)
            lexicon[ordinal] = Lexeme(kind: .teen, value: Double(offset + 10), ordinal: true)
        }
        for (offset, (cardinal, ordinal)) in zip(tens, tensOrdinals).enumerated() {
            lexicon[cardinal] = Lexeme(kind: .tens, value: Double((offset + 2) * 10), ordinal: false)
            lexicon[ordinal] = Lexeme(kind: .tens, value: Double((offset + 2) * 10), ordinal: true)
        }
        lexicon["hundred"] = Lexeme(kind: .hundred, value: 100, ordinal: false)
        lexicon["hundredth"] = Lexeme(kind: .hundred, value: 100, ordinal: true)
        for (name, value) in [("thousand", 1e3), ("million", 1e6), ("billion", 1e9), ("trillion", 1e12)] {
            lexicon[name] = Lexeme(kind: .scale, value: value, ordinal: false)
            lexicon[name + "th"] = Lexeme(kind: .scale, value: value, ordinal: true)
        }
        return lexicon
    }()
}
