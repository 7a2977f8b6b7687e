/// The JSON body of a streamed `POST …/chat/completions` to a remote endpoint.
///
/// Only fields of the OpenAI chat completions API: hosted APIs reject unknown ones, so
/// llama.cpp's `cache_prompt` in `ChatRequest` is not sent.
struct RemoteChatBody: Encodable {
    let model: String
    let messages: [ChatMessage]
    let temperature: Double
    let seed: Int
    let maxTokens: Int
    let stream = true
    let streamOptions = ServerWireFormat.StreamOptions()

    init(model: String, request: ChatRequest) {
        self.model = model
        messages = request.messages
        temperature = request.temperature
        seed = request.seed
        maxTokens = request.maxTokens
    }

    enum CodingKeys: String, CodingKey {
        case model, messages, temperature, seed, stream
        case maxTokens = "max_tokens", streamOptions = "stream_options"
    }
}
