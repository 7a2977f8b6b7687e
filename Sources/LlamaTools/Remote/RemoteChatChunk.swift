/// One `chat.completion.chunk` from an OpenAI-compatible server.
///
/// Like `ServerWireFormat.ChatChunk`, except that an error event's `code` is not decoded:
/// OpenAI sends a string there, llama-server a number, and only the message is reported.
struct RemoteChatChunk: Decodable {
    struct ErrorBody: Decodable {
        let message: String?
    }

    let choices: [ServerWireFormat.ChatChunk.Choice]?
    let usage: ServerWireFormat.Usage?
    let error: ErrorBody?
}
