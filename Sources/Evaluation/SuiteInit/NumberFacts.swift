import Foundation

/// The numbers of an answer as numeric facts, read by ``NumberScanner`` in the NFKC text, the
/// way ``KeyFactMatcher`` reads the model's answer: digits, English number words, Chinese
/// numerals, with scale words and characters (`4.7万`, `2.5 million`).
///
/// Tolerance: a number is as precise as its last written digit.
/// - Written as an integer (`25`, `2,340`, `1987`, `三百五十`, `two thousand three hundred and
///   forty`, `3万`): `rel_tol` 0. Every other way of writing the same integer reads as exactly
///   that value, so 0 accepts "2340", "2,340", "2 340", "two thousand three hundred and forty"
///   and 两千三百四十, and rejects 2341 — and unlike half a unit (0.5/2340) it also rejects
///   2340.4, which states another number.
/// - Written with decimals (`853.9`, `4.7万`, `2.5 million`, `8.539e2`, `三点五`): half a unit of
///   the last written digit, relative to the value: 853.9 → 0.05/853.9, 4.7万 → 500/47000, so
///   853.90 and 8.539e2 match, 854 and 853.8 do not, and 47,000 matches 4.7万.
/// - Fractions in words (`two-thirds`): 0.01, so that 0.67 and 0.667 match.
///
/// Unit: the word or symbol right after the number, with at most one space (`mg`, `g/mol`,
/// `%`, `°C`, `days`, `employees`), a Chinese unit or measure word and its noun (`毫克`, `天`,
/// `年`, `名员工`), or a currency sign before it (`$`, `€`, `¥`); 百分之 before it is `%`. A label
/// only, as in suites.
///
/// Not facts: list markers (`1.` `2)` `一、` at the start of a line), ordinals in words
/// (`first`, `second`, 第一 — "the first company to…" is filler; `5th` and 第3 in digits are
/// kept), and numbers the question states (the answer repeating them is nothing recalled).
enum NumberFacts {
    static func candidates(in text: AnswerText, question: QuestionText) -> [FactCandidate] {
        NumberScanner.readings(in: text.normalized).compactMap { reading in
            let range = text.characterRange(ofScalars: reading.scalars)
            guard !isOrdinalWord(range, in: text), !isListMarker(range, in: text) else { return nil }
            let relTol = tolerance(of: reading, in: text)
            guard !question.numbers.contains(where: { KeyFactMatcher.matches($0, reading.value, relTol: relTol) }) else {
                return nil
            }
            let (unit, written) = unit(around: range, in: text)
            return FactCandidate(fact: .number(value: reading.value, relTol: relTol, unit: unit),
                                 kind: .number, range: written, rank: 0)
        }
    }

    // MARK: - Tolerance

    private static func tolerance(of reading: NumberScanner.Reading, in text: AnswerText) -> Double {
        guard reading.value != 0 else { return 0 }
        let scalars = text.scalars
        if let first = reading.scalars.first(where: { NumberScanner.isDigit(scalars[$0]) }),
           let literal = NumberScanner.literal(at: first, in: scalars) {
            let parts = literal.text.split(separator: "e", maxSplits: 1)
            let decimals = parts[0].split(separator: ".", maxSplits: 1).dropFirst().first?.count ?? 0
            let exponent = parts.count == 2 ? Int(parts[1]) ?? 0 : 0
            guard decimals > 0 || exponent != 0, literal.value != 0 else { return 0 }
            let scale = reading.value / literal.value
            return halfUnit(at: exponent - decimals, times: abs(scale), of: reading.value)
        }
        if let point = reading.scalars.first(where: { scalars[$0] == "点" }) {
            var index = point + 1
            while index < reading.scalars.upperBound, ChineseNumerals.isNumeral(scalars[index]),
                  !ChineseNumerals.isUnit(scalars[index]) {
                index += 1
            }
            let decimals = index - point - 1
            let power = scalars[index..<reading.scalars.upperBound].reduce(0) { $0 + (scalePowers[$1] ?? 0) }
            return halfUnit(at: power - decimals, times: 1, of: reading.value)
        }
        return reading.value == reading.value.rounded() ? 0 : 0.01
    }

    private static let scalePowers: [Unicode.Scalar: Int] = ["万": 4, "萬": 4, "亿": 8, "億": 8]

    private static func halfUnit(at power: Int, times scale: Double, of value: Double) -> Double {
        0.5 * pow(10, Double(power)) * scale / abs(value)
    }

    // MARK: - Not facts

    /// "first", "twenty-second", 第一: ordinals in words, mostly filler ("the first to…").
    private static func isOrdinalWord(_ range: Range<Int>, in text: AnswerText) -> Bool {
        let written = text.string(range).lowercased()
        if written.allSatisfy({ $0.isLetter || $0 == "-" }), !written.contains(where: AnswerText.isCJK) {
            return ["st", "nd", "rd", "th"].contains { written.hasSuffix($0) }
        }
        return text[safe: range.lowerBound - 1] == "第" && !written.contains(where: \.isASCII)
    }

    /// A number that opens a line and is followed by `.` `)` `、` (`1.`, `(2)`, `一、`).
    private static func isListMarker(_ range: Range<Int>, in text: AnswerText) -> Bool {
        guard range.count <= 3, let after = text[safe: range.upperBound], markerEnds.contains(after) else { return false }
        var index = range.lowerBound - 1
        while let character = text[safe: index], character == " " || character == "\t" || character == "(" || character == "（" {
            index -= 1
        }
        guard text[safe: index].map(\.isNewline) ?? true else { return false }
        return !(text[safe: range.upperBound + 1].map(\.isNumber) ?? false)
    }

    private static let markerEnds: Set<Character> = [".", ")", "、", "．", "）"]

    // MARK: - Unit

    /// The unit and the characters of the number with it, from a currency sign before it to the
    /// unit after it.
    private static func unit(around range: Range<Int>, in text: AnswerText) -> (String?, Range<Int>) {
        if let before = text[safe: range.lowerBound - 1], currencies.contains(before) {
            return (String(before), (range.lowerBound - 1)..<range.upperBound)
        }
        if range.lowerBound >= 3, text.string((range.lowerBound - 3)..<range.lowerBound) == "百分之" {
            return ("%", (range.lowerBound - 3)..<range.upperBound)
        }
        var start = range.upperBound
        if let space = text[safe: start], space == " " || space == "\u{00A0}" || space == "\u{2009}" || space == "\u{202F}" {
            start += 1
        }
        guard let first = text[safe: start] else { return (nil, range) }
        let end: Int?
        if symbols.contains(first) {
            end = start + 1
        } else if first == "°" {
            end = text[safe: start + 1].map { "CFcf".contains($0) } ?? false ? start + 2 : start + 1
        } else if AnswerText.isCJK(first) {
            end = chineseUnitEnd(at: start, in: text)
        } else if AnswerText.isWordLetter(first) {
            end = latinUnitEnd(at: start, in: text)
        } else {
            end = nil
        }
        guard let end else { return (nil, range) }
        return (text.string(start..<end), range.lowerBound..<end)
    }

    private static let currencies: Set<Character> = ["$", "€", "£", "¥", "￥", "₹", "₩"]
    private static let symbols: Set<Character> = ["%", "‰", "℃", "℉", "％"]

    /// Letters, then more letters after each `/` (`mg`, `g/mol`, `mg/kg/day`, `employees`); not a
    /// stop word ("in 1987 and"), nor a capitalised word that starts the next name ("in 1987
    /// Zelmora…"), unless short as symbols are (`IU`, `GB`).
    private static func latinUnitEnd(at start: Int, in text: AnswerText) -> Int? {
        var end = start
        while true {
            while let character = text[safe: end], AnswerText.isWordLetter(character) { end += 1 }
            guard text[safe: end] == "/", let next = text[safe: end + 1], AnswerText.isWordLetter(next) else { break }
            end += 1
        }
        guard !(text[safe: end].map { $0.isNumber } ?? false) else { return nil }
        let word = text.string(start..<end)
        let firstWord = word.split(separator: "/").first.map(String.init) ?? word
        guard !EnglishStopWords.contains(firstWord) else { return nil }
        guard word.first?.isLowercase ?? false || word.first == "µ" || word.first == "μ" || word.count <= 3 else { return nil }
        return end
    }

    /// A Chinese unit (`毫克`, `天`, `年`), or a measure word with the noun after it, up to four
    /// characters and not past a function character (`名员工`, `家分公司`).
    private static func chineseUnitEnd(at start: Int, in text: AnswerText) -> Int? {
        let rest = text.string(start..<min(start + 4, text.characters.count))
        guard let unit = chineseUnits.filter({ rest.hasPrefix($0) }).max(by: { $0.count < $1.count }) else { return nil }
        var end = start + unit.count
        if measureWords.contains(unit) {
            let nounStart = end
            while end - nounStart < 4, let character = text[safe: end], AnswerText.isCJK(character),
                  !ChineseTermCues.isFunctionCharacter(character),
                  !character.unicodeScalars.contains(where: ChineseNumerals.isNumeral) {
                end += 1
            }
        }
        return end
    }

    private static let measureWords: Set<String> = [
        "名", "个", "家", "位", "座", "所", "台", "件", "种", "项", "条", "款", "间", "份", "只", "例", "户", "张", "套", "篇", "部",
    ]

    private static let chineseUnits: Set<String> = measureWords.union([
        "毫克", "微克", "克", "千克", "公斤", "斤", "吨", "毫升", "升", "毫米", "厘米", "米", "公里", "千米", "平方米", "平方公里",
        "公顷", "亩", "小时", "分钟", "秒钟", "秒", "天", "日", "周", "星期", "个月", "月", "年", "岁", "次", "倍", "片", "粒",
        "支", "瓶", "盒", "袋", "剂", "元", "美元", "欧元", "英镑", "日元", "人民币", "度", "摄氏度", "人", "毫摩尔", "摩尔",
        "伏", "瓦", "千瓦", "赫兹", "字节",
    ])
}
