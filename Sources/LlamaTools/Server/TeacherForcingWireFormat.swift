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
    /// the pre-sampling top `n_probs`. `samplers: []` leaves greedy selection alone; the
    /// reported probabilities come from the logits either way (`post_sampling_probs: false`).
    struct NextTokenBody: Encodable {
        let prompt: [Int]
        let nProbs: Int
        let nPredict = 1
        let temperature = 0.0
        let cachePrompt = true
        let samplers: [String] = []
        let postSamplingProbs = false

        enum CodingKeys: String, CodingKey {
            case prompt, temperature, samplers
            case nProbs = "n_probs", nPredict = "n_predict", cachePrompt = "cache_prompt", postSamplingProbs = "post_sampling_probs"
        }
    }
}
