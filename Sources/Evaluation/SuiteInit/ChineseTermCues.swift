/// Names and terms in Chinese text, found by the cues Chinese writing has where English has
/// capitals:
/// - a suffix that ends place and organisation names (`市 省 县 区 州 镇 村 岛 公司 集团 医院
///   大学 学院 研究所 研究院 中心 银行 协会 基金会 实验室 委员会`): a ``ExtractedFact/Kind/name``
///   (`卢布尔雅那市`, `泽尔莫拉制药公司`);
/// - a suffix that ends drug and product names (`片 胶囊 注射液 颗粒 口服液 软膏 乳膏 滴眼液
///   喷雾剂 糖浆 贴剂 疫苗`): a ``ExtractedFact/Kind/term`` (`阿司匹林肠溶片`);
/// - a transliterated foreign name, its parts joined by a middle dot: a name (`托比亚斯·伦威克`).
///
/// A name runs left from its suffix over CJK characters, at most eight, and stops at a function
/// character (的 是 在 于 和 …), a numeral, punctuation, or a character the question also writes
/// (``QuestionText/coveredCJK(in:)``), so "总部位于卢布尔雅那市" gives 卢布尔雅那市 and the
/// question's subject is not swept in. A suffix glued to a following character that makes
/// another word is no suffix (市场 "market", 区别 "difference"): only a function character,
/// punctuation, non-CJK text or one of a few verbs (位于, 成立, 总部 …) may follow it.
/// A suffix needs two characters before it: 中国, 地区 and 分公司 are no names.
/// Latin words and codes inside Chinese text are read by ``NameFacts`` and ``CodeFacts``.
enum ChineseTermCues {
    static func candidates(in text: AnswerText, question: QuestionText) -> [FactCandidate] {
        guard text.characters.contains(where: AnswerText.isCJK) else { return [] }
        let covered = question.coveredCJK(in: text)
        return dottedNames(in: text, covered: covered) + suffixed(in: text, covered: covered)
            .filter { candidate in
                if case .text(let term) = candidate.fact { return !question.states(term) }
                return true
            }
    }

    /// Characters that end a term on their side: particles, prepositions, copulas, conjunctions.
    static func isFunctionCharacter(_ character: Character) -> Bool {
        functionCharacters.contains(character)
    }

    private static let functionCharacters: Set<Character> = [
        "的", "地", "得", "是", "在", "于", "和", "与", "及", "或", "为", "有", "被", "把", "将", "从", "到", "由", "对",
        "向", "了", "也", "都", "就", "而", "以", "并", "其", "该", "此", "这", "每", "各", "约", "达", "共", "即", "给",
        "让", "使", "用", "经", "之", "等", "内", "后", "前", "时", "着", "过", "吗", "呢", "吧", "啊", "所",
    ]

    private static let nameSuffixes = [
        "市", "省", "县", "区", "州", "镇", "村", "岛", "公司", "集团", "医院", "大学", "学院", "研究所", "研究院", "中心",
        "银行", "协会", "基金会", "实验室", "委员会",
    ]
    private static let productSuffixes = [
        "片", "胶囊", "注射液", "颗粒", "口服液", "软膏", "乳膏", "滴眼液", "喷雾剂", "糖浆", "贴剂", "疫苗",
    ]
    /// Verbs that may follow a name directly: 公司总部, 大学成立, 市位于.
    private static let followingVerbs: Set<Character> = ["位", "成", "总", "设", "拥", "生", "开", "研", "推", "主", "创", "建", "是"]
    private static let dots: Set<Character> = ["·", "•", "・", "‧"]
    private static let maximumStem = 8

    private static func isStemCharacter(_ character: Character) -> Bool {
        AnswerText.isCJK(character) && !isFunctionCharacter(character)
            && !character.unicodeScalars.contains(where: ChineseNumerals.isNumeral)
    }

    /// The start of the stem that runs left from `end` (exclusive), at most `maximum` characters.
    private static func stemStart(before end: Int, in text: AnswerText, covered: [Bool], maximum: Int) -> Int {
        var start = end
        while start > 0, end - start < maximum, isStemCharacter(text.characters[start - 1]), !covered[start - 1] {
            start -= 1
        }
        return start
    }

    private static func dottedNames(in text: AnswerText, covered: [Bool]) -> [FactCandidate] {
        var candidates: [FactCandidate] = []
        for (index, character) in text.characters.enumerated() where dots.contains(character) {
            let start = stemStart(before: index, in: text, covered: covered, maximum: 5)
            var end = index + 1
            while end < text.characters.count, end - index <= 5, isStemCharacter(text.characters[end]) || dots.contains(text.characters[end]), !covered[end] {
                end += 1
            }
            guard start < index, end > index + 1, candidates.last.map({ $0.range.upperBound <= start }) ?? true else { continue }
            candidates.append(FactCandidate(fact: .text(text.string(start..<end)), kind: .name, range: start..<end, rank: 1))
        }
        return candidates
    }

    private static func suffixed(in text: AnswerText, covered: [Bool]) -> [FactCandidate] {
        var candidates: [FactCandidate] = []
        let suffixes = (nameSuffixes.map { ($0, ExtractedFact.Kind.name) } + productSuffixes.map { ($0, .term) })
            .sorted { $0.0.count > $1.0.count }
        var index = 0
        while index < text.characters.count {
            guard AnswerText.isCJK(text.characters[index]),
                  let (suffix, kind) = suffixes.first(where: { text.string(index..<min(index + $0.0.count, text.characters.count)) == $0.0 }) else {
                index += 1
                continue
            }
            let end = index + suffix.count
            let start = stemStart(before: index, in: text, covered: covered, maximum: maximumStem)
            let followed = text[safe: end].map { !AnswerText.isCJK($0) || isFunctionCharacter($0) || followingVerbs.contains($0) } ?? true
            if followed, index - start >= 2 {
                candidates.append(FactCandidate(fact: .text(text.string(start..<end)), kind: kind, range: start..<end, rank: 1))
            }
            index = end
        }
        return candidates
    }
}
