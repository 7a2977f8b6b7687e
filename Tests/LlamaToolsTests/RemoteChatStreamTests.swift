import Foundation
import Testing
@testable import LlamaTools

/// Streams shaped as OpenAI and vLLM send them, fed to `RemoteChatStream` in arbitrary pieces.
struct RemoteChatStreamTests {
    static let openAI = """
        data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}],"usage":null}

        data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Par"},"finish_reason":null}],"usage":null}

        data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"is."},"finish_reason":"stop"}],"usage":null}

        data: {"id":"c1","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":2,"total_tokens":14}}

        data: [DONE]


        """

    static func fed(_ text: String, pieceSize: Int) -> RemoteChatStream {
        var stream = RemoteChatStream()
        let bytes = Array(text.utf8)
        for start in stride(from: 0, to: bytes.count, by: pieceSize) {
            stream.feed(bytes[start..<min(start + pieceSize, bytes.count)], at: .now)
        }
        stream.finish(at: .now)
        return stream
    }

    @Test(arguments: [1, 7, 4096])
    func collectsTextUsageAndFinishReason(pieceSize: Int) throws {
        let stream = Self.fed(Self.openAI, pieceSize: pieceSize)
        #expect(stream.problem == nil)
        #expect(stream.text == "Paris.")
        #expect(stream.finishReason == "stop")
        #expect(stream.usage?.promptTokens == 12 && stream.usage?.completionTokens == 2)
        #expect(stream.isDone)
        #expect(stream.firstContent != nil)
    }

    @Test func anErrorEventWithAStringCodeIsAProblem() {
        let stream = Self.fed(#"data: {"error":{"message":"model overloaded","type":"server_error","code":"overloaded"}}"# + "\n\n", pieceSize: 64)
        #expect(stream.problem == "the stream reported an error: model overloaded")
    }

    @Test func aReplyThatIsNotAStreamIsAProblemNamingItsStart() {
        let stream = Self.fed(#"{"error":{"code":401,"message":"Invalid API Key"}}"#, pieceSize: 64)
        #expect(stream.problem?.contains("ended without a finish_reason") == true)
        #expect(stream.problem?.contains("Invalid API Key") == true)
        #expect(String(decoding: stream.head, as: UTF8.self).hasPrefix(#"{"error""#))
    }

    @Test func anUndecodableChunkIsAProblem() {
        let stream = Self.fed("data: {\"choices\": 3}\n\n", pieceSize: 64)
        #expect(stream.problem?.hasPrefix("a chunk is not a chat.completion.chunk") == true)
    }

    @Test func anEmptyReplyIsAProblem() {
        #expect(Self.fed("", pieceSize: 1).problem == "the reply is empty")
    }
}
