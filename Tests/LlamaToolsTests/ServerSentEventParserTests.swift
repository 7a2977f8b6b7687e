import Testing
@testable import LlamaTools

@Suite struct ServerSentEventParserTests {
    @Test func eventsSplitAcrossChunksAndLineEndings() {
        var parser = ServerSentEventParser()
        var events: [String] = []
        for chunk in ["da", "ta: {\"a\":1}\r", "\n\r\n: ping\n\ndata: x\ndata:y\n", "\n", "event: e\ndata: [DONE]\n\n"] {
            events += parser.feed(Array(chunk.utf8))
        }
        #expect(events == ["{\"a\":1}", "x\ny", "[DONE]"])
        #expect(parser.finish() == nil)
    }

    @Test func multiByteCharacterSplitBetweenChunks() {
        var parser = ServerSentEventParser()
        let bytes = Array("data: É\n\n".utf8)
        let split = bytes.firstIndex(of: 0xC3)! + 1
        #expect(parser.feed(bytes[..<split]).isEmpty)
        #expect(parser.feed(bytes[split...]) == ["É"])
    }

    @Test func unterminatedEventIsDeliveredAtFinish() {
        var parser = ServerSentEventParser()
        #expect(parser.feed(Array("data: tail".utf8)).isEmpty)
        #expect(parser.finish() == "tail")
    }
}
