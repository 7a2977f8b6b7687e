import Testing
@testable import QuantOrchestrator

/// The domain KLD's window: each chunk scores about one answer, so the chunks are the
/// question-sized units of the verdict's interval.
@Suite struct DomainCorpusWindowTests {
    @Test func theDemosTwentyFourAnswersGetNineQuestionSizedChunks() {
        // The demo's corpus: 24 conversations, 1256 tokens, 52 a conversation: a 128-token
        // window scores 63 tokens, about one answer; a 512 window left 2 chunks.
        let window = DomainCorpusStage.window(tokens: 1256, conversations: 24, maxContext: 512)
        #expect(window?.ctx == 128)
        #expect(window?.chunks == 9)
        #expect(window?.scoredTokens == 9 * 63)
    }

    @Test func longAnswersGetLargerWindowsUpToTheGenericOne() {
        #expect(DomainCorpusStage.window(tokens: 40_000, conversations: 100, maxContext: 512)?.ctx == 512)
        #expect(DomainCorpusStage.window(tokens: 40_000, conversations: 100, maxContext: 2048)?.ctx == 1024)
    }

    @Test func aCorpusTooShortForTwoChunksOrAHundredScoredTokensHasNone() {
        #expect(DomainCorpusStage.window(tokens: 120, conversations: 2, maxContext: 512) == nil)
        #expect(DomainCorpusStage.window(tokens: 300, conversations: 6, maxContext: 512)?.chunks == 2)
    }
}
