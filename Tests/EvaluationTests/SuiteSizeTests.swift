import Testing
@testable import Evaluation

@Suite struct SuiteSizeTests {
    @Test func aShareOfFivePercentNeeds73QuestionsToReadWithin() {
        // Wilson's upper bound of 0 of n is z²/(n + z²): 0.0500 at 73, 0.0507 at 72.
        #expect(SuiteSize.questionsToReadWithin(margin: 0.05) == 73)
        #expect(SuiteSize.questionsToReadWithin(margin: 0.10) == 35)
        #expect(!SuiteSize.canReadWithin(questions: 24, margin: 0.05))
        #expect(SuiteSize.canReadWithin(questions: 73, margin: 0.05))
        #expect(!SuiteSize.canReadWithin(questions: 72, margin: 0.05))
    }

    @Test func theSmallestDetectableLossIsTheFirstCountWhoseIntervalClearsTheMargin() {
        // Wilson 4 of 24 is [0.067, 0.359]; 3 of 24 is [0.043, 0.310], which still reaches below 0.05.
        #expect(SuiteSize.smallestDetectableLoss(questions: 24, margin: 0.05)?.count == 4)
        #expect(SuiteSize.smallestDetectableLoss(questions: 100, margin: 0.05)?.count == 10)
        #expect(SuiteSize.smallestDetectableLoss(questions: 1, margin: 0.9) == nil)
    }

    @Test func aCleanCensusLeavesTheRuleOfThree() {
        // 1 − 0.05^(1/n): the exact one-sided bound, about 3/n.
        #expect(abs(SuiteSize.unseenShareBound(questions: 24) - 0.117346) < 1e-6)
        #expect(abs(SuiteSize.unseenShareBound(questions: 200) - 0.014867) < 1e-6)
    }

    @Test func thePlanLinesSayWhatTwentyFourQuestionsCanDecide() {
        let lines = SuiteSize.lines(questions: 24, margins: .defaults)
        #expect(lines.first == "accuracy drop (margin 0.050): 24 questions cannot read a loss of zero within (73 needed), so a clean census settles it beside a domain KLD within; a loss reads past the margin (REJECTED) from 4 of 24 (17 %)")
        #expect(lines.contains("flips (margin 0.100): 24 questions cannot read a loss of zero within (35 needed), so a clean census settles it beside a domain KLD within; a loss reads past the margin (REJECTED) from 6 of 24 (25 %)"))
        #expect(lines.last == "beyond these 24 questions, a clean census leaves up to 12 % of questions that could lose a fact unseen (95 % one-sided)")
        #expect(SuiteSize.lines(questions: 100, margins: .defaults).first?.contains("read on its interval at 100 questions") == true)
    }
}
