import Testing
@testable import QuantOrchestrator

@Suite struct BaselineQualityNoteTests {
    @Test func aBaselineWithNoRightAnswerIsNamed() throws {
        let note = try #require(BaselineQualityNote.note(baseline: "F16", accuracy: 0, questions: 3))
        #expect(note.hasPrefix("the baseline F16 answered none of the 3 questions right"))
        #expect(note.contains("KLD alone"))
    }

    @Test func oneRightAnswerOrNoJudgedQuestionGivesNoNote() {
        #expect(BaselineQualityNote.note(baseline: "F16", accuracy: 1.0 / 3, questions: 3) == nil)
        #expect(BaselineQualityNote.note(baseline: "F16", accuracy: nil, questions: 0) == nil)
    }
}
