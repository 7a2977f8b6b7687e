/// The JSON shapes of the teacher-forcing requests, as observed from build 11434.
extension ServerWireFormat {
    /// `POST /tokenize` with `with_pieces: true`.
    struct PiecedTokenizeBody: Encodable {
        let content: String
        let addSpecial: Bool
        let parseSpecial: Bool
        let withPieces = true

        enum CodingKeys: String, CodingKey {
            case content, addSpecial = "add_special", parseSpecial = "parse_special", withPieces = "with_pieces"
        }
    }

    /// `{"tokens": [{"id": 56, "piece": "H"}, {"id": 17097, "piece": [32, 230]}]}`: a piece is a
    /// string when its bytes are valid UTF-8, else an array of byte values.
    struct PiecedTokenizeReply: Decodable {
        struct Token: Decodable {
            let id: Int
            let bytes: [UInt8]

            enum CodingKeys: String, CodingKey { case id, piece }

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                id = try container.decode(Int.self, forKey: .id)
                if let text = try? container.decode(String.self, forKey: .piece) {
                    bytes = Array(text.utf8)
                } else {
                    bytes = try container.decode([UInt8].self, forKey: .piece)
                }
            }
        }
        let tokens: [Token]
    }

    /// `POST /completion` for one position: the prompt as token ids, one token predicted, and
    /// the top `n_probs` from the logits before sampling (`post_sampling_probs: false`), which no
    /// sampler changes.
    ///
    /// What is sampled is pinned to the token(s) of "a" by a large logit bias, greedily
    /// (`samplers: ["temperature"]` at 0): the server leaves out `completion_probabilities`
    /// when the sampled token ends inside a UTF-8 sequence (tools/server/server-context.cpp,
    /// `process_token`), which the model's own choice often does in CJK text (13 of 33
    /// positions of a Japanese and Chinese sentence on SmolLM2). The bias only acts on the
    /// sampler's copy of the logits, so the reported candidates stay the model's own.
    struct NextTokenBody: Encodable {
        let prompt: [Int]
        let nProbs: Int
        let nPredict = 1
        let temperature = 0.0
        let cachePrompt = true
        let samplers = ["temperature"]
        let logitBias = [PinnedToken()]
        let postSamplingProbs = false

        enum CodingKeys: String, CodingKey {
            case prompt, temperature, samplers
            case nProbs = "n_probs", nPredict = "n_predict", cachePrompt = "cache_prompt", logitBias = "logit_bias"
            case postSamplingProbs = "post_sampling_probs"
        }
    }

    /// `["a", 1000]`: a `logit_bias` entry by text, whose tokens are whole ASCII characters.
    struct PinnedToken: Encodable {
        func encode(to encoder: any Encoder) throws {
            var container = encoder.unkeyedContainer()
            try container.encode("a")
            try container.encode(1000.0)
        }
    }
}
