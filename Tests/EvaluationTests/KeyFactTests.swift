import Testing
@testable import Evaluation

/// Key facts after NFKC + case folding, numbers matched numerically.
struct KeyFactTests {
    private func found(_ fact: KeyFact, in answer: String) -> Bool {
        KeyFactMatcher.hits(for: [fact], in: answer)[0].found
    }

    @Test func numbersWrittenDifferently() {
        let weight = KeyFact.number(value: 853.9, relTol: 0, unit: "g/mol")
        #expect(found(weight, in: "Its molecular weight is 853.90 g/mol."))
        #expect(found(weight, in: "853.9"))
        #expect(found(weight, in: "about 8.539e2 grams per mole"))
        #expect(found(weight, in: "８５３.９ g/mol"))
        #expect(!found(weight, in: "854 g/mol"))
        #expect(found(.number(value: 853.9, relTol: 0.001, unit: nil), in: "854 g/mol"))
        #expect(!found(.number(value: 853.9, relTol: 0.001, unit: nil), in: "860 g/mol"))
        let thousand = KeyFact.number(value: 1000, relTol: 0, unit: nil)
        #expect(found(thousand, in: "It has 1,000 branches."))
        #expect(found(thousand, in: "It has 1000 branches."))
        #expect(!found(thousand, in: "It has 1,000,000 branches."))
        #expect(!found(thousand, in: ""))
        #expect(weight.label == "853.9 g/mol")
        #expect(thousand.label == "1000")
    }

    @Test func numberScanner() {
        #expect(NumberScanner.numbers(in: "-5 and 3.5e2, 1,234.5 x12 10-20 C47H51") == [-5, 350, 1234.5, 10, 20])
        #expect(NumberScanner.numbers(in: "1,2,3 and 853,9") == [1, 2, 3, 853, 9])
        #expect(NumberScanner.numbers(in: "分子量是853.9。") == [853.9])
    }

    @Test func textFactsFoldAndRespectWordBoundaries() {
        #expect(found(.text("C47H51NO14"), in: "Its formula is c47h51no14."))
        #expect(!found(.number(value: 47, relTol: 0, unit: nil), in: "C47H51NO14"))
        #expect(found(.text("Paris"), in: "ＰＡＲＩＳ is the capital."))
        #expect(found(.text("Straße"), in: "STRASSE 5"))
        #expect(!found(.text("Rome"), in: "Romeo and Juliet"))
        #expect(found(.text("Rome"), in: "Romeo lived near Rome."))
        #expect(found(.text("carbon dioxide"), in: "Plants absorb carbon\n  dioxide."))
        #expect(found(.text("北京"), in: "首都是北京。"))
        #expect(found(.text("Taxol"), in: "紫杉醇Taxol的"))
        #expect(!found(.text("Paris"), in: ""))
        #expect(!found(.text("Paris"), in: "...!"))
    }

    @Test func correctnessRule() {
        let hits = [FactHit(fact: "a", found: true), FactHit(fact: "b", found: false)]
        #expect(Correctness.judge(hits: hits, answer: "x", reference: "x") == false)
        #expect(Correctness.judge(hits: [FactHit(fact: "a", found: true)], answer: "x", reference: "y") == true)
        #expect(Correctness.judge(hits: [], answer: "The Paris.", reference: "paris") == true)
        #expect(Correctness.judge(hits: [], answer: "Rome", reference: "paris") == false)
        #expect(Correctness.judge(hits: [], answer: "Rome", reference: nil) == nil)
        #expect(Correctness.keyFactRecall(hits) == 0.5)
        #expect(Correctness.keyFactRecall([]) == nil)
    }
}
