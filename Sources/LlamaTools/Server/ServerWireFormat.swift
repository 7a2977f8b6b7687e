/// The JSON shapes llama-server sends and expects, as observed from this build (11434);
/// decoded here and turned into the public value types by `ServerClient`.
enum ServerWireFormat {
    struct Usage: Decodable {
        let promptTokens: Int
        let completionTokens: Int

        enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens", completionTokens = "completion_tokens"
        }
    }

    struct ChatReply: Decodable {
        struct Choice: Decodable {
            struct Message: Decodable { let content: String? }
            let message: Message
            let finishReason: String?

            enum CodingKeys: String, CodingKey {
                case message, finishReason = "finish_reason"
            }
        }
        let choices: [Choice]
        let usage: Usage?
        let timings: ServerTimings?
    }

    /// One `chat.completion.chunk`; the last carries `usage` (with `include_usage`) and `timings`.
    /// An error during generation arrives as a chunk with only `error`.
    struct ChatChunk: Decodable {
        struct Choice: Decodable {
            struct Delta: Decodable { let content: String? }
            let delta: Delta?
            let finishReason: String?

            enum CodingKeys: String, CodingKey {
                case delta, finishReason = "finish_reason"
            }
        }
        let choices: [Choice]?
        let usage: Usage?
        let timings: ServerTimings?
        let error: ErrorBody?
    }

    struct ErrorBody: Decodable {
        let code: Int?
        let message: String?
    }

    struct StreamOptions: Encodable {
        let includeUsage = true

        enum CodingKeys: String, CodingKey { case includeUsage = "include_usage" }
    }

    struct StreamedChatBody: Encodable {
        let base: ChatRequest.Body
        let streamOptions = StreamOptions()

        func encode(to encoder: any Encoder) throws {
            try base.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(streamOptions, forKey: .streamOptions)
        }

        enum CodingKeys: String, CodingKey { case streamOptions = "stream_options" }
    }

    struct CompletionBody: Encodable {
        let prompt: String
        let nPredict: Int
        let nProbs: Int
        let temperature: Double
        let seed: Int
        let cachePrompt = false

        enum CodingKeys: String, CodingKey {
            case prompt, temperature, seed
            case nPredict = "n_predict", nProbs = "n_probs", cachePrompt = "cache_prompt"
        }
    }

    struct CompletionReply: Decodable {
        let content: String
        let stopType: String?
        let tokensPredicted: Int
        let tokensEvaluated: Int
        let completionProbabilities: [CompletionResponse.TokenProbability]?
        let timings: ServerTimings?

        enum CodingKeys: String, CodingKey {
            case content, timings
            case stopType = "stop_type", tokensPredicted = "tokens_predicted", tokensEvaluated = "tokens_evaluated"
            case completionProbabilities = "completion_probabilities"
        }
    }

    struct PropsReply: Decodable {
        struct Settings: Decodable {
            let nCtx: Int

            enum CodingKeys: String, CodingKey { case nCtx = "n_ctx" }
        }
        let defaultGenerationSettings: Settings
        let totalSlots: Int
        let modelPath: String
        let buildInfo: String?
        let chatTemplate: String?

        enum CodingKeys: String, CodingKey {
            case defaultGenerationSettings = "default_generation_settings", totalSlots = "total_slots"
            case modelPath = "model_path", buildInfo = "build_info", chatTemplate = "chat_template"
        }
    }

    struct TokenizeBody: Encodable {
        let content: String
        let addSpecial: Bool

        enum CodingKeys: String, CodingKey { case content, addSpecial = "add_special" }
    }

    struct ApplyTemplateBody: Encodable { let messages: [ChatMessage] }

    struct ApplyTemplateReply: Decodable { let prompt: String }

    struct TokenizeReply: Decodable { let tokens: [Int] }
}
