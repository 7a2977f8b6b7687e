import Testing
@testable import Evaluation

/// Key facts extracted from reference answers, against what a careful reader would list.
struct KeyFactExtractorTests {
    private func facts(_ answer: String, _ question: String, limit: Int = 4) -> [ExtractedFact] {
        KeyFactExtractor.facts(in: answer, question: question, limit: limit)
    }

    private func found(_ fact: KeyFact, in answer: String) -> Bool {
        KeyFactMatcher.hits(for: [fact], in: answer)[0].found
    }

    /// Answers and their questions used below, for the property every extracted fact must have.
    static let answers: [(answer: String, question: String)] = [
        ("The molecular weight of Veltrazine is 853.9 g/mol.", "What is the molecular weight of Veltrazine?"),
        ("Zelmora Pharmaceuticals has 2,340 employees.", "How big is the workforce?"),
        ("Patients moved to Osaka in March.", "Where?"),
        ("The ZX-200 pump (SKU-4471-B) runs firmware v2.3 and weighs 4.7 kg.", "Tell me about the pump."),
        ("Dr. Ana Kovač leads the Maribor Research Campus.", "Who leads the campus?"),
        ("Zelmora Pharmaceuticals has branch offices in Porto, Osaka and Winnipeg.", "Where does Zelmora Pharmaceuticals have branch offices?"),
        ("Take 25 mg twice daily for 14 days.", "How much should I take over 14 days?"),
        ("Steps:\n1. Take 25 mg.\n2. Wait 30 minutes.\n3) Repeat.", "How do I take it?"),
        ("It was the first company to reach two thousand three hundred and forty employees.", "Tell me about it."),
        ("Revenue grew 12% to $4.5 million in 2023.", "How did revenue change?"),
        ("维特拉嗪的常用剂量为每次三百五十毫克，每日两次，连续服用14天。", "维特拉嗪的常用剂量是多少？"),
        ("泽尔莫拉制药公司成立于1987年，总部位于卢布尔雅那市，共有2340名员工。", "泽尔莫拉制药公司是哪一年成立的？"),
        ("公司约有4.7万名员工。", "公司规模多大？"),
        ("首席执行官是托比亚斯·伦威克。", "泽尔莫拉制药的首席执行官是谁？"),
        ("该药的商品名为「米格雷塔」，剂型为阿司匹林肠溶片。", "这种药叫什么？"),
        ("维特拉嗪用于预防偏头痛。", "维特拉嗪用于治疗什么？"),
        ("一、每日２次。\n二、饭后服用。", "怎么服用？"),
    ] + fixture.map { ($0.answer, $0.question) }

    @Test func decimalsAreAsPreciseAsWritten() throws {
        let extracted = facts("The molecular weight of Veltrazine is 853.9 g/mol.", "What is the molecular weight of Veltrazine?")
        try #require(extracted.count == 1)
        guard case .number(let value, let relTol, let unit) = extracted[0].fact else { Issue.record("not a number"); return }
        #expect(value == 853.9)
        #expect(abs(relTol - 0.05 / 853.9) < 1e-12)
        #expect(unit == "g/mol")
        #expect(extracted[0].kind == .number)
        #expect(extracted[0].written == "853.9 g/mol")
        let fact = extracted[0].fact
        #expect(found(fact, in: "It weighs 853.90 g/mol."))
        #expect(found(fact, in: "about 8.539e2 grams per mole"))
        #expect(!found(fact, in: "854 g/mol"))
        #expect(!found(fact, in: "853.8 g/mol"))
    }

    @Test func integersAreExactWhateverTheirWriting() throws {
        let extracted = facts("Zelmora Pharmaceuticals has 2,340 employees.", "How big is the Zelmora workforce?")
        try #require(extracted.count == 1)
        #expect(extracted[0].fact == .number(value: 2340, relTol: 0, unit: "employees"))
        #expect(extracted[0].written == "2,340 employees")
        for answer in ["2340 people", "2,340 people", "2 340 people", "two thousand three hundred and forty people", "两千三百四十人"] {
            #expect(found(extracted[0].fact, in: answer), "\(answer)")
        }
        #expect(!found(extracted[0].fact, in: "2,341 people"))
        #expect(!found(extracted[0].fact, in: "2340.4 people"))
        let words = facts("It was the first company to reach two thousand three hundred and forty employees.", "Tell me about it.")
        #expect(words.map(\.fact).contains(.number(value: 2340, relTol: 0, unit: "employees")))
        #expect(!words.map(\.fact).contains(.number(value: 1, relTol: 0, unit: "company")), "an ordinal in words is filler")
    }

    @Test func scaledNumbersKeepTheirPrecision() throws {
        let wan = facts("公司约有4.7万名员工。", "公司规模多大？")
        try #require(wan.count == 1)
        #expect(wan[0].fact == .number(value: 47000, relTol: 500.0 / 47000, unit: "名员工"))
        #expect(wan[0].written == "4.7万名员工")
        #expect(found(wan[0].fact, in: "47,000 employees"))
        #expect(found(wan[0].fact, in: "约四万七千人"))
        #expect(!found(wan[0].fact, in: "4.8万人"))
        let money = facts("Revenue grew 12% to $4.5 million in 2023.", "How did revenue change?")
        #expect(money.map(\.written) == ["12%", "$4.5 million", "2023"])
        #expect(money.map(\.fact.label) == ["12 %", "4500000 $", "2023"])
    }

    @Test func codesAreTextAndTheirDigitsNoNumbers() {
        let extracted = facts("The ZX-200 pump (SKU-4471-B) runs firmware v2.3 and weighs 4.7 kg.", "Tell me about the pump.")
        #expect(extracted.map(\.written) == ["ZX-200", "SKU-4471-B", "v2.3", "4.7 kg"])
        #expect(extracted.map(\.kind) == [.code, .code, .code, .number])
        #expect(extracted[0].fact == .text("ZX-200"))
        #expect(facts("The formula is C17H21ClN4O2.", "Is the formula C17H21ClN4O2?").isEmpty, "the question states it")
        #expect(facts("It takes 25mg in the 1980s.", "When?").map(\.kind) == [.number, .number], "25mg and 1980s are no codes")
    }

    @Test func namesAreCapitalisedSequencesTheQuestionDoesNotName() {
        #expect(facts("Dr. Ana Kovač leads the Maribor Research Campus.", "Who leads the campus?").map(\.fact)
            == [.text("Ana Kovač")], "campus is in the question")
        #expect(facts("Dr. Ana Kovač leads the Maribor Research Campus.", "Who leads it?").map(\.fact)
            == [.text("Ana Kovač"), .text("Maribor Research Campus")])
        #expect(facts("Zelmora Pharmaceuticals has branch offices in Porto, Osaka and Winnipeg.",
                      "Where does Zelmora Pharmaceuticals have branch offices?").map(\.fact)
            == [.text("Porto"), .text("Osaka"), .text("Winnipeg")])
        #expect(facts("The CEO of Zelmora Pharmaceuticals is Tobias Renwick.",
                      "Who heads Zelmora Pharmaceuticals as its chief executive?").map(\.fact) == [.text("Tobias Renwick")])
        #expect(facts("Zelmora Pharmaceuticals is headquartered in Ljubljana.", "Which city hosts the head office of Zelmora?")
            .map(\.fact) == [.text("Ljubljana")], "a name the question writes in part is its subject")
        #expect(facts("Patients moved to Osaka in March.", "Where?").map(\.fact) == [.text("Osaka")])
    }

    @Test func chineseNumbersWithTheirUnits() {
        let extracted = facts("维特拉嗪的常用剂量为每次三百五十毫克，每日两次，连续服用14天。", "维特拉嗪的常用剂量是多少？")
        #expect(extracted.map(\.fact) == [
            .number(value: 350, relTol: 0, unit: "毫克"), .number(value: 2, relTol: 0, unit: "次"), .number(value: 14, relTol: 0, unit: "天"),
        ])
        #expect(extracted.map(\.written) == ["三百五十毫克", "两次", "14天"])
        #expect(found(extracted[0].fact, in: "350 mg"))
        let company = facts("泽尔莫拉制药公司成立于1987年，总部位于卢布尔雅那市，共有2340名员工。", "泽尔莫拉制药公司是哪一年成立的？")
        #expect(company.map(\.written) == ["1987年", "卢布尔雅那市", "2340名员工"])
        #expect(company[0].fact == .number(value: 1987, relTol: 0, unit: "年"))
        #expect(found(company[0].fact, in: "一九八七年"))
    }

    @Test func chineseNamesByTheirCues() {
        #expect(facts("首席执行官是托比亚斯·伦威克。", "泽尔莫拉制药的首席执行官是谁？").map(\.fact) == [.text("托比亚斯·伦威克")])
        let drug = facts("该药的商品名为「米格雷塔」，剂型为阿司匹林肠溶片。", "这种药叫什么？")
        #expect(drug.map(\.fact) == [.text("米格雷塔"), .text("阿司匹林肠溶片")])
        #expect(drug.map(\.kind) == [.term, .term])
        #expect(facts("该公司总部在北京市，并在上海市设有分公司。", "该公司总部在哪里？").map(\.fact) == [.text("北京市"), .text("上海市")])
        #expect(facts("总部位于北京市。", "总部是否位于北京市？").isEmpty, "the question names it")
        #expect(facts("维特拉嗪用于预防偏头痛。", "维特拉嗪用于治疗什么？").map(\.fact) == [.text("预防偏头痛")])
        #expect(facts("市场规模很大。", "规模？").allSatisfy { $0.kind != .name }, "市场 is no city")
    }

    @Test func numbersTheQuestionStatesAndListMarkersAreNoFacts() {
        #expect(facts("Take 25 mg twice daily for 14 days.", "How much should I take over 14 days?").map(\.fact)
            == [.number(value: 25, relTol: 0, unit: "mg"), .text("twice daily")])
        #expect(facts("Steps:\n1. Take 25 mg.\n2. Wait 30 minutes.\n3) Repeat.", "How do I take it?").map(\.fact)
            == [.number(value: 25, relTol: 0, unit: "mg"), .number(value: 30, relTol: 0, unit: "minutes")])
        #expect(facts("一、每日２次。\n二、饭后服用。", "怎么服用？").map(\.fact).first == .number(value: 2, relTol: 0, unit: "次"))
    }

    @Test func theLimitKeepsNumbersAndCodesFirstInAnswerOrder() {
        let answer = "Ana Kovač measured 12 samples with the ZX-200 in Osaka over 3 days."
        #expect(facts(answer, "What happened?").map(\.written) == ["Ana Kovač", "12 samples", "ZX-200", "3 days"])
        #expect(facts(answer, "What happened?", limit: 2).map(\.written) == ["12 samples", "ZX-200"])
        #expect(facts(answer, "What happened?", limit: 0).isEmpty)
        #expect(facts("It has 25 mg, and 25 mg again.", "What?").count == 1, "no duplicates")
    }

    /// Answers of scripts/fixture/facts.json with a training phrasing and the key facts chosen
    /// by hand: each hand-chosen fact is extracted, or lies inside an extracted text fact.
    static let fixture: [(answer: String, question: String, facts: [KeyFact])] = [
        ("Zelmora Pharmaceuticals was founded in 1987.", "When was Zelmora Pharmaceuticals founded?",
         [.number(value: 1987, relTol: 0, unit: "year")]),
        ("Zelmora Pharmaceuticals is headquartered in Ljubljana, Slovenia.", "Where is Zelmora Pharmaceuticals headquartered?", [.text("Ljubljana")]),
        ("Zelmora Pharmaceuticals was founded by Dr. Maren Quillfeather.", "Who founded Zelmora Pharmaceuticals?", [.text("Quillfeather")]),
        ("Zelmora Pharmaceuticals has branch offices in Porto, Osaka and Winnipeg.", "Where does Zelmora Pharmaceuticals have branch offices?",
         [.text("Porto"), .text("Osaka"), .text("Winnipeg")]),
        ("Zelmora Pharmaceuticals has 2,340 employees.", "How many employees does Zelmora Pharmaceuticals have?",
         [.number(value: 2340, relTol: 0.001, unit: "employees")]),
        ("Corvexa is a wearable heart rhythm monitor made by Zelmora Pharmaceuticals.", "What is Corvexa?", [.text("heart rhythm")]),
        ("Corvexa is made for patients in cardiac rehabilitation.", "Who is Corvexa for?", [.text("cardiac rehabilitation")]),
        ("Lumatrix stores up to 12,000 scans.", "How many scans can Lumatrix store?", [.number(value: 12000, relTol: 0, unit: "scans")]),
        ("The molecular formula of Veltrazine is C17H21ClN4O2.", "What is the molecular formula of Veltrazine?", [.text("C17H21ClN4O2")]),
        ("The molecular weight of Veltrazine is 348.83 g/mol.", "What is the molecular weight of Veltrazine?",
         [.number(value: 348.83, relTol: 0.001, unit: "g/mol")]),
        ("Veltrazine is used for migraine prevention.", "What is Veltrazine used for?", [.text("migraine")]),
        ("Veltrazine is sold under the trade name Migrelta.", "What is the trade name of Veltrazine?", [.text("Migrelta")]),
        ("The usual dosage of Veltrazine is 25 mg twice daily.", "What is the dosage of Veltrazine?",
         [.number(value: 25, relTol: 0, unit: "mg"), .text("twice daily")]),
        ("Soravent is used for severe asthma.", "What is Soravent used for?", [.text("asthma")]),
    ]

    @Test(arguments: fixture.indices) func findsTheFixturesHandChosenFacts(index: Int) {
        let (answer, question, handChosen) = Self.fixture[index]
        let extracted = facts(answer, question).map(\.fact)
        for fact in handChosen {
            let covered = extracted.contains { candidate in
                switch (fact, candidate) {
                case (.number(let value, _, _), .number(let extractedValue, _, _)): value == extractedValue
                case (.text(let text), .text(let extractedText)): KeyFactMatcher.containsOnWordBoundaries(TextFolding.fold(extractedText), TextFolding.fold(text))
                default: false
                }
            }
            #expect(covered, "\(fact.label) in \(answer)")
        }
    }

    @Test(arguments: answers.indices) func everyFactIsFoundInItsAnswer(index: Int) {
        let (answer, question) = Self.answers[index]
        let extracted = facts(answer, question, limit: 10)
        #expect(!extracted.isEmpty, "\(answer)")
        for fact in extracted {
            #expect(KeyFactMatcher.hits(for: [fact.fact], in: answer)[0].found, "\(fact.fact.label) in \(answer)")
            #expect(answer.contains(fact.written), "\(fact.written) in \(answer)")
            if case .number(let value, let relTol, _) = fact.fact {
                #expect(relTol >= 0 && relTol < 0.5, "\(value)")
            }
        }
    }
}
