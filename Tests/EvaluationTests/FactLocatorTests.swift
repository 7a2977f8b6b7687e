import Testing
@testable import Evaluation

/// Where an answer states a key fact, in its own characters and UTF-8 bytes.
struct FactLocatorTests {
    private func stated(_ fact: KeyFact, in answer: String) -> [String] {
        FactLocator.statements(of: fact, in: answer).map { String(answer[$0.characters(in: answer)]) }
    }

    @Test func textFactsInAnotherCaseOrCompatibilityForm() {
        #expect(stated(.text("Paris"), in: "ＰＡＲＩＳ is the capital; PARIS, paris.") == ["ＰＡＲＩＳ", "PARIS", "paris"])
        #expect(FactLocator.statements(of: .text("Paris"), in: "ＰＡＲＩＳ is it").first?.utf8 == 0..<15)
        #expect(stated(.text("Straße"), in: "Die STRASSE ist lang") == ["STRASSE"])
        #expect(stated(.text("file"), in: "the ﬁle is open") == ["ﬁle"])
        #expect(stated(.text("C17H21ClN4O2"), in: "Formula:   c17h21cln4o2.") == ["c17h21cln4o2"])
        #expect(stated(.text("北京"), in: "首都是北京。") == ["北京"])
        #expect(stated(.text("Rome"), in: "Romeo and Juliet").isEmpty)
    }

    @Test func byteRangesCountTheOriginalText() {
        let answer = "  Café   AU LAIT costs"
        let statement = try! #require(FactLocator.statements(of: .text("café au lait"), in: answer).first)
        #expect(statement.utf8 == 2..<17)
        #expect(String(answer[statement.characters(in: answer)]) == "Café   AU LAIT")
    }

    @Test func numericFactsAtTheNumberRead() {
        #expect(stated(.number(value: 150, relTol: 0, unit: "mg"), in: "a dose of 150 mg daily") == ["150"])
        #expect(FactLocator.statements(of: .number(value: 150, relTol: 0, unit: "mg"), in: "a dose of 150 mg daily").first?.utf8 == 10..<13)
        #expect(stated(.number(value: 1000, relTol: 0, unit: nil), in: "It has 1,000 branches, not 1,000,000.") == ["1,000"])
        #expect(stated(.number(value: 4000, relTol: 0, unit: nil), in: "about four thousand of them") == ["four thousand"])
        #expect(stated(.number(value: 2_500_000, relTol: 0, unit: nil), in: "2.5 million people") == ["2.5 million"])
        #expect(stated(.number(value: 47, relTol: 0, unit: nil), in: "C47H51NO14").isEmpty)
        #expect(stated(.number(value: 853.9, relTol: 0.001, unit: nil), in: "Its weight: ８５４ g/mol") == ["８５４"])
    }

    @Test func statesExactlyWhatKeyFactMatcherFinds() {
        let facts: [KeyFact] = [.text("Paris"), .text("Rome"), .text("C47H51NO14"), .number(value: 1000, relTol: 0, unit: nil),
                                .number(value: 608, relTol: 0, unit: nil), .number(value: 30, relTol: 0, unit: nil)]
        let answers = ["Paris, not Rome.", "Romeo has C47H51NO14", "1,000,000 and 608", "thirty or 1000", "六千零八", "", "ＲＯＭＥ 30"]
        for answer in answers {
            for (fact, hit) in zip(facts, KeyFactMatcher.hits(for: facts, in: answer)) {
                #expect(FactLocator.statements(of: fact, in: answer).isEmpty == !hit.found, "\(fact.label) in \(answer)")
            }
        }
    }

    @Test func numberReadingsKeepWhatNumbersFinds() {
        let text = "-5 and 3.5e2, 1,234.5 x12 10-20 C47H51 four thousand 4.7万"
        #expect(NumberScanner.readings(in: text).map(\.value) == NumberScanner.numbers(in: text))
        #expect(NumberScanner.readings(in: "a 3.5e2 b").first?.scalars == 2..<7)
    }
}
