import LlamaTools

/// Sends a suite's prompts to one variant's chat server and records the answers durably.
///
/// Each prompt goes out as a streamed chat request (so TTFT is measured) with the suite's system
/// prompt, temperature, seed and max tokens, plus `cache_prompt: false` where the server is our
/// own llama-server (docs/EVALUATION.md "Evaluation determinism"); a remote endpoint gets only standard
/// OpenAI fields. ``EvaluationMode/sequential`` sends one request at a time;
/// ``EvaluationMode/parallel`` starts the next form, in the suite's form order, as soon as fewer
/// than `slots` requests are in flight, so one long answer never leaves the other slots idle.
/// Either way answers are appended to the ``AnswersLog`` in the suite's form order: an answer
/// that finishes before an earlier one is held in memory until every earlier one is written, so
/// the file's order never depends on timing. Behind one slow answer every later form may finish,
/// so the held answers are bounded by the suite's size (the forms still to ask, less one), not by
/// `slots`; at most `slots` requests are ever in flight. Each line is fsynced as it is written,
/// so a crash, a dead server or a failed request loses only answers in flight or held, and the
/// next run asks those again.
///
/// ```swift
/// let runner = EvaluationRunner(suite: suite, client: server.client(), mode: .sequential, slots: 1)
/// let records = try await runner.run(variantSHA256: sha, pass: 1, log: log) { done, total in
///     print("\(done)/\(total)")
/// }
/// ```
public struct EvaluationRunner: Sendable {
    /// The suite.
    public let suite: Suite
    /// The variant's chat server: our own llama-server (`ServerClient`) or a remote
    /// OpenAI-compatible endpoint (`RemoteChatClient`).
    public let client: any ChatEndpoint
    /// Sequential or parallel.
    public let mode: EvaluationMode
    /// The server's slot count (`-np`): requests in flight in parallel mode.
    public let slots: Int

    /// Creates a runner; `slots` below 1 counts as 1.
    public init(suite: Suite, client: any ChatEndpoint, mode: EvaluationMode, slots: Int) {
        self.suite = suite
        self.client = client
        self.mode = mode
        self.slots = max(1, slots)
    }

    /// Sends every form not yet in `log` (resume key: suite sha256, variant sha256, question id,
    /// form, pass), appends each finished answer, and returns all records of this pass for this
    /// suite and variant (old and new) in the suite's form order.
    ///
    /// `progress(done, total)` is called once at the start (done = answers already in the log)
    /// and after each answer is written; total = the suite's form count.
    /// - Throws: ``AnswersLogError`` from the log; the client's `ServerError` or
    ///   `RemoteChatError` (or a `CancellationError`) when a request fails, after the requests
    ///   still in flight are cancelled — answers written before stay in the log, answers held
    ///   behind an unfinished earlier form are not written.
    public func run(variantSHA256: String, pass: Int, log: AnswersLog,
                    progress: @Sendable (_ done: Int, _ total: Int) -> Void) async throws -> [AnswerRecord] {
        let prompts = suite.forms()
        func key(_ prompt: Prompt) -> ResumeKey {
            ResumeKey(suiteSHA256: suite.sha256, variantSHA256: variantSHA256, questionID: prompt.questionID, form: prompt.form, pass: pass)
        }
        var answered: [ResumeKey: AnswerRecord] = [:]
        for record in try log.existing() where answered[record.resumeKey] == nil {
            answered[record.resumeKey] = record
        }
        let pending = prompts.filter { answered[key($0)] == nil }
        var done = prompts.count - pending.count
        progress(done, prompts.count)
        let concurrency = mode == .sequential ? 1 : slots
        try await withThrowingTaskGroup(of: (Int, AnswerRecord).self) { group in
            var nextToStart = 0
            var inFlight = 0
            var nextToWrite = 0
            var finished: [Int: AnswerRecord] = [:]
            while nextToWrite < pending.count {
                while nextToStart < pending.count, inFlight < concurrency {
                    let index = nextToStart
                    let prompt = pending[index]
                    group.addTask { (index, try await self.ask(prompt, variantSHA256: variantSHA256, pass: pass)) }
                    nextToStart += 1
                    inFlight += 1
                }
                guard let (index, record) = try await group.next() else { break }
                inFlight -= 1
                finished[index] = record
                while let record = finished.removeValue(forKey: nextToWrite) {
                    try log.append(record)
                    answered[record.resumeKey] = record
                    nextToWrite += 1
                    done += 1
                    progress(done, prompts.count)
                }
            }
        }
        return prompts.compactMap { answered[key($0)] }
    }

    /// The conversation sent for `prompt`: the suite's system prompt, if any, then the prompt.
    func messages(for prompt: Prompt) -> [ChatMessage] {
        suite.messages(user: prompt.text)
    }

    /// One streamed chat request and its record, fact hits included.
    private func ask(_ prompt: Prompt, variantSHA256: String, pass: Int) async throws -> AnswerRecord {
        let request = ChatRequest(messages: messages(for: prompt), temperature: suite.sampling.temperature, seed: suite.sampling.seed,
                                  maxTokens: suite.sampling.maxTokens, cachePrompt: false)
        let response = try await client.chatStreamed(request)
        return AnswerRecord(
            suiteSHA256: suite.sha256, variantSHA256: variantSHA256, questionID: prompt.questionID, form: prompt.form, pass: pass,
            prompt: prompt.text, answer: response.text, promptTokens: response.promptTokens,
            completionTokens: response.completionTokens, ttftS: response.ttftSeconds,
            promptTokensPerS: response.timings?.promptPerSecond, genTokensPerS: response.timings?.predictedPerSecond,
            finishReason: response.finishReason, facts: KeyFactMatcher.hits(for: prompt.keyFacts, in: response.text))
    }
}
