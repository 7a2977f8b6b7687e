/// Reads Chinese numerals, for ``NumberScanner``: a run of numeral characters — digits 零 〇 一 … 九
/// and 两, the units 十 百 千 and the scales 万 (10⁴) and 亿 (10⁸), with their traditional and
/// financial forms (兩 萬 億, 壹 贰 … 玖 拾 佰 仟) — and the digits that mix with them.
///
/// Read:
/// - positional numerals: 九十九 is 99, 六千零八 6008 (零 or 〇 marks skipped places), 一百零五 105,
///   三亿五千万 350000000; 十 at the start is 10 (十五 is 15, 十万 100000); a trailing digit after
///   百, 千, 万 or 亿 counts in the next lower place, as it is spoken (两千五 is 2500, 一万二 12000);
/// - 两 for 2 before 百, 千, 万 or 亿 (两千 is 2000) and alone (两个 is 2), never as the units digit;
/// - digits read one by one, as years are (二〇二四年 and 二零二四 are 2024): three or more
///   digits, or two when one is 〇 or 零 or 年 follows (九八年 is 98);
/// - digits with unit and scale characters: 4.7万 is 47000, 3千万 30000000,
///   1亿2000万 120000000, 3万5000 and 3万5 35000;
/// - decimals with 点 after a positional numeral or one digit, before an optional scale: 三点五 is
///   3.5, 零点五 0.5, 三点五亿 350000000 — but in times (三点五分, 十二点三十分) hours and minutes
///   are read apart: 3 and 5, 12 and 30.
///
/// Not read, where the characters do not state one number:
/// - two adjacent digits without 〇 or 年, alone or before a unit, are an approximation: 三四个
///   ("three or four"), 七八十, 两三千;
/// - a unit other than 十 at the start has no count: 百分之五十 is 50, and 千万 ("by all means"),
///   万一 ("in case") and 几千 ("some thousands") are no number;
/// - numerals beside 几 ("some") are an approximation: 几十 ("dozens"), 十几 ("ten-odd"), 三十几;
/// - 一 alone in words where it is not a count: 一样 一些 一定 一起 一般 一直 一旦 一切 一致 一共
///   一下 一边 一向 一律 一再 一点, and after 统 or 之 (之一, "one of", as English "one of");
/// - 负 for a sign, 兆 (10⁶ or 10¹² by region).
/// 第 before a numeral makes an ordinal, which is read as its number (第五 is 5).
enum ChineseNumerals {
    /// Whether `scalar` is a Chinese digit or unit character.
    static func isNumeral(_ scalar: Unicode.Scalar) -> Bool {
        digit(scalar) != nil || unitPower(scalar) != nil
    }

    /// Whether `scalar` is one of 十 百 千 万 亿 (or their other forms).
    static func isUnit(_ scalar: Unicode.Scalar) -> Bool {
        unitPower(scalar) != nil
    }

    /// The number in the run of numerals (and mixed digits) starting at `start`, or nil where the
    /// run states no one number (above); and the index just past the run, so that none of it
    /// is read again. `literal` reads digits, as ``NumberScanner`` does.
    static func number(at start: Int, in s: [Unicode.Scalar],
                       literal: (Int, [Unicode.Scalar]) -> NumberScanner.Literal?) -> (value: Double?, end: Int) {
        var tokens: [Token] = []
        var index = start
        while index < s.count {
            if let power = unitPower(s[index]) {
                tokens.append(.unit(power))
                index += 1
            } else if let value = digit(s[index]) {
                tokens.append(value == 0 ? .zero : .digit(Coefficient(value: Double(value), text: String(value), isLiang: ["两", "兩"].contains(s[index]))))
                index += 1
            } else if index == start || NumberScanner.isDigit(s[index]), let digits = literal(index, s),
                      index == start || (digits.end < s.count && isUnit(s[digits.end])) || isScale(tokens.last) {
                tokens.append(.digit(Coefficient(value: digits.value, text: digits.text, isLiang: false, isLiteral: true)))
                index = digits.end
            } else {
                break
            }
        }
        if (start > 0 && s[start - 1] == "几") || (index < s.count && s[index] == "几") { return (nil, index) }
        let hasUnit = tokens.contains(where: { if case .unit = $0 { true } else { false } })
        if let fraction = decimalPart(at: index, in: s) {
            guard let integer = hasUnit ? positional(tokens) : singleDigit(tokens), integer == integer.rounded() else {
                return (nil, fraction.end)
            }
            var end = fraction.end
            var power = 0
            while end < s.count, let scale = unitPower(s[end]), scale >= 4, scale > power {
                power += scale
                end += 1
            }
            return (NumberScanner.scaled("\(Int(integer)).\(fraction.digits)", byPowerOfTen: power), end)
        }
        let value = hasUnit ? positional(tokens) : digitByDigit(tokens, start: start, end: index, in: s)
        return (value, index)
    }

    /// The digits after 点 at `index` (三点五 is 3.5), unless 分 or 十 百 千 follow them: 三点五分 and
    /// 十二点三十分 are times, 3:05 and 12:30.
    private static func decimalPart(at index: Int, in s: [Unicode.Scalar]) -> (digits: String, end: Int)? {
        guard index < s.count, s[index] == "点" else { return nil }
        var end = index + 1
        var digits = ""
        while end < s.count, let value = digit(s[end]), !["两", "兩"].contains(s[end]) {
            digits += String(value)
            end += 1
        }
        guard !digits.isEmpty, end == s.count || (s[end] != "分" && !(1...3).contains(unitPower(s[end]) ?? 0)) else { return nil }
        return (digits, end)
    }

    /// The value of a run of one digit (not 两), as the integer part of a decimal.
    private static func singleDigit(_ tokens: [Token]) -> Double? {
        switch tokens.first {
        case .zero where tokens.count == 1: 0
        case .digit(let coefficient) where tokens.count == 1 && !coefficient.isLiang && !coefficient.isLiteral: coefficient.value
        default: nil
        }
    }

    // MARK: - Characters

    private enum Token {
        case digit(Coefficient)
        case zero
        case unit(Int)
    }

    /// A count before a unit: a Chinese digit or digits, with the text ``NumberScanner/scaled(_:byPowerOfTen:)`` reads.
    private struct Coefficient {
        let value: Double
        let text: String
        let isLiang: Bool
        var isLiteral = false

        static let one = Coefficient(value: 1, text: "1", isLiang: false)

        /// Whether it is one digit, which after a unit counts in the next lower place.
        var isSingleDigit: Bool { value >= 1 && value <= 9 && value == value.rounded() && (!isLiteral || text.count == 1) }

        func times(powerOfTen power: Int) -> Double {
            NumberScanner.scaled(text, byPowerOfTen: power) ?? value
        }
    }

    private static func isScale(_ token: Token?) -> Bool {
        if case .unit(let power) = token { return power >= 4 }
        return false
    }

    private static func digit(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "零", "〇": 0
        case "一", "壹": 1
        case "二", "两", "兩", "贰", "貳": 2
        case "三", "叁", "參": 3
        case "四", "肆": 4
        case "五", "伍": 5
        case "六", "陆", "陸": 6
        case "七", "柒": 7
        case "八", "捌": 8
        case "九", "玖": 9
        default: nil
        }
    }

    private static func unitPower(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "十", "拾": 1
        case "百", "佰": 2
        case "千", "仟": 3
        case "万", "萬": 4
        case "亿", "億": 8
        default: nil
        }
    }

    // MARK: - Readings

    private static let wordsAfterOne: Set<Unicode.Scalar> = ["样", "些", "定", "起", "般", "直", "旦", "切", "致", "共", "下", "边", "向", "律", "再", "点"]
    private static let wordsBeforeOne: Set<Unicode.Scalar> = ["统", "之"]

    /// Digits without units: one digit, or digits read one by one (see above).
    private static func digitByDigit(_ tokens: [Token], start: Int, end: Int, in s: [Unicode.Scalar]) -> Double? {
        var digits = ""
        var hasZero = false
        var hasLiang = false
        for token in tokens {
            switch token {
            case .zero:
                digits += "0"
                hasZero = true
            case .digit(let coefficient):
                digits += coefficient.text
                hasLiang = hasLiang || coefficient.isLiang
            case .unit:
                return nil
            }
        }
        if tokens.count == 1 {
            if digits == "1", (end < s.count && wordsAfterOne.contains(s[end])) || (start > 0 && wordsBeforeOne.contains(s[start - 1])) {
                return nil
            }
            return Double(digits)
        }
        guard !hasLiang, tokens.count >= 3 || hasZero || (end < s.count && s[end] == "年") else { return nil }
        return Double(digits)
    }

    /// A positional numeral: 万 and 亿 close parts, 十 百 千 count within a part in descending order.
    private static func positional(_ tokens: [Token]) -> Double? {
        var aboveYi = 0.0
        var wan = 0.0
        var section = 0.0
        var pending: Coefficient?
        var lastSmall = 4
        var lastUnit: Int?
        var afterZero = false
        for (position, token) in tokens.enumerated() {
            switch token {
            case .zero:
                guard pending == nil else { return nil }
                afterZero = true
                lastUnit = nil
            case .digit(let coefficient):
                guard pending == nil else { return nil }
                pending = coefficient
            case .unit(let power) where power <= 3:
                guard let coefficient = pending ?? (power == 1 && position == 0 ? .one : nil),
                      !(coefficient.isLiang && power == 1), power < lastSmall else { return nil }
                section += coefficient.times(powerOfTen: power)
                lastSmall = power
                pending = nil
                lastUnit = power
                afterZero = false
            case .unit(let power):
                // A digit right after 百 or 千 before a scale (两千五万) has no place of its own.
                if pending != nil, let lastUnit, (2...3).contains(lastUnit), !afterZero { return nil }
                // Digits alone before the scale are scaled as written (4.7万 is exactly 47000).
                let exact = pending.flatMap { section == 0 && (power == 4 || wan == 0) ? $0.times(powerOfTen: power) : nil }
                if power == 4 {
                    guard wan == 0 else { return nil }
                    wan = exact ?? (section + (pending?.value ?? 0)) * 1e4
                    guard wan > 0 else { return nil }
                } else {
                    guard aboveYi == 0 else { return nil }
                    aboveYi = exact ?? (wan + section + (pending?.value ?? 0)) * 1e8
                    wan = 0
                    guard aboveYi > 0 else { return nil }
                }
                section = 0
                pending = nil
                lastSmall = 4
                lastUnit = power
                afterZero = false
            }
        }
        var tail = 0.0
        if let pending {
            guard !pending.isLiang else { return nil }
            if let lastUnit, lastUnit >= 2, !afterZero, pending.isSingleDigit {
                tail = pending.times(powerOfTen: lastUnit - 1)
            } else {
                tail = pending.value
            }
        }
        return aboveYi + wan + section + tail
    }
}
