/// Whether a server still sees the start of a prompt as long as the suite's worst case: a chat
/// prompt that opens with a code word, runs on with neutral filler and ends by asking for the
/// code word, answered greedily.
///
/// The prompt is sized so that it and its answer take `targetTokens` (the suite's longest
/// prompt plus its `max_tokens`): the code word then sits as far back as the first token of
/// the longest question does when its answer ends. A server whose slot is shorter refuses the
/// prompt (this build answers HTTP 400 `exceed_context_size_error`) or, with context shift
/// enabled, drops its start; either way the code word is not found.
///
/// Tokens are counted as the server counts a chat prompt: its chat template applied
/// (`POST /apply-template`), then `POST /tokenize` with special tokens added.
public struct TruncationProbe: Codable, Sendable, Equatable {
    /// The code word the prompt opens with.
    public static let codeWord = "QX-7361"
    /// Tokens the probe's answer may take (`max_tokens`), kept out of the prompt's share of
    /// `targetTokens`; enough for the code word and a few words around it.
    public static let answerTokens = 16

    /// The code word this probe used.
    public var marker: String
    /// Prompt plus answer tokens the probe was sized for: the suite's longest prompt plus its
    /// `max_tokens`.
    public var targetTokens: Int
    /// Tokens of the probe's chat-templated prompt, BOS included: the most that, with
    /// `answerTokens`, fit `targetTokens` (more when the bare question alone exceeds it).
    public var promptTokens: Int
    /// The server's greedy answer; nil when it refused the prompt.
    public var answer: String?
    /// The body of the server's HTTP 400 when it refused the prompt (over its context).
    public var refusal: String?
    /// Whether `answer` contains `marker` (case-insensitive).
    public var found: Bool

    enum CodingKeys: String, CodingKey {
        case marker, answer, refusal, found
        case targetTokens = "target_tokens", promptTokens = "prompt_tokens"
    }

    /// A probe result as documented on the properties.
    public init(marker: String = TruncationProbe.codeWord, targetTokens: Int, promptTokens: Int,
                answer: String?, refusal: String? = nil, found: Bool) {
        self.marker = marker
        self.targetTokens = targetTokens
        self.promptTokens = promptTokens
        self.answer = answer
        self.refusal = refusal
        self.found = found
    }

    /// Sizes the prompt on `client`'s own tokenizer and template, sends it (temperature 0,
    /// seed 42, `answerTokens`, no cached prefix) and looks for the code word.
    /// - Parameter targetTokens: the suite's longest prompt in tokens plus its `max_tokens`.
    /// - Throws: `client`'s `ServerError` for anything but the HTTP 400 of a prompt over the
    ///   context, which is recorded as `refusal`; `CancellationError`.
    public static func run(client: ServerClient, targetTokens: Int) async throws -> TruncationProbe {
        let budget = targetTokens - answerTokens
        let sentences = try await fillerLength(client: client, budget: budget)
        let messages = Self.messages(fillerSentences: sentences)
        let promptTokens = try await client.promptTokens(messages)
        let request = ChatRequest(messages: messages, temperature: 0, seed: 42, maxTokens: answerTokens)
        do {
            let answer = try await client.chat(request).text
            return TruncationProbe(targetTokens: targetTokens, promptTokens: promptTokens, answer: answer,
                                   found: answer.localizedCaseInsensitiveContains(codeWord))
        } catch let ServerError.httpStatus(_, status, body) where status == 400 {
            return TruncationProbe(targetTokens: targetTokens, promptTokens: promptTokens, answer: nil, refusal: body, found: false)
        }
    }

    /// The probe's one user message with `fillerSentences` sentences of filler.
    static func messages(fillerSentences: Int) -> [ChatMessage] {
        let content = "The code word is \(codeWord). Remember it.\n\n\(TruncationFiller.text(sentences: fillerSentences))\n\n"
            + "What is the code word given at the start? Reply with the code word only."
        return [ChatMessage(role: "user", content: content)]
    }

    /// The most filler sentences whose prompt stays within `budget` tokens (0 when even the
    /// bare question does not): a linear estimate from one filler cycle, then a search
    /// around it, since the count only grows with the filler.
    private static func fillerLength(client: ServerClient, budget: Int) async throws -> Int {
        let bare = try await client.promptTokens(messages(fillerSentences: 0))
        guard bare < budget else { return 0 }
        let cycle = TruncationFiller.sentences.count
        let perSentence = max(1.0, Double(try await client.promptTokens(messages(fillerSentences: cycle)) - bare) / Double(cycle))
        var fits = 0
        var over: Int?
        var guess = max(1, Int(Double(budget - bare) / perSentence))
        while over.map({ $0 - fits > 1 }) ?? true {
            if try await client.promptTokens(messages(fillerSentences: guess)) <= budget {
                fits = guess
                guess = over.map { (fits + $0) / 2 } ?? fits + max(1, fits / 8)
            } else {
                over = guess
                guess = (fits + guess) / 2
            }
        }
        return fits
    }
}
