import Foundation
import LlamaTools
import Synchronization
import Testing
@testable import Evaluation

/// When the runner starts requests, and what it writes when one fails. These are scheduling
/// properties of the runner alone, so a fake ``ChatEndpoint`` answers: it decides which answer
/// is slow and records every start, which a real server's timing would not let a test control.
/// `RunnerSlotsServerTests` checks the same property against a real llama-server.
struct RunnerSchedulingTests {
    private static func suite(_ count: Int) -> Evaluation.Suite {
        Suite(name: "scheduling", questions: (1...count).map { Question(id: "q\($0)", prompt: "P\($0)?") }, sha256: "suite-sha")
    }

    @Test(.timeLimit(.minutes(1)), arguments: [2, 3])
    func oneSlowAnswerDoesNotHoldBackTheOtherSlots(slots: Int) async throws {
        let suite = Self.suite(slots + 5)
        // The old sliding window started at most `slots − 1` later forms behind a slow first one.
        let laterStartsAwaited = slots + 2
        let endpoint = SchedulingEndpoint(slow: "P1?", laterStarts: laterStartsAwaited)
        let log = try AnswersLog(url: TestFiles.folder("scheduling").appending(path: "a.jsonl"))
        let runner = EvaluationRunner(suite: suite, client: endpoint, mode: .parallel, slots: slots)
        let records = try await runner.run(variantSHA256: "v", pass: 1, log: log) { _, _ in }

        let order = suite.forms().map(\.questionID)
        #expect(endpoint.slowSawLaterStarts >= laterStartsAwaited, "later forms started while the first was in flight")
        #expect(endpoint.maxInFlight == slots)
        #expect(Set(endpoint.starts) == Set(suite.forms().map(\.text)))
        #expect(records.map(\.questionID) == order)
        #expect(try log.existing().map(\.questionID) == order)
        #expect(records.map(\.answer) == suite.forms().map { "answer to \($0.text)" })
    }

    @Test(.timeLimit(.minutes(1)))
    func sequentialModeSendsOneAtATime() async throws {
        let suite = Self.suite(4)
        let endpoint = SchedulingEndpoint(slow: "P1?", laterStarts: 1, patience: .milliseconds(300))
        let log = try AnswersLog(url: TestFiles.folder("scheduling").appending(path: "a.jsonl"))
        let runner = EvaluationRunner(suite: suite, client: endpoint, mode: .sequential, slots: 4)
        let records = try await runner.run(variantSHA256: "v", pass: 1, log: log) { _, _ in }
        #expect(endpoint.maxInFlight == 1)
        #expect(endpoint.slowSawLaterStarts == 0)
        #expect(try log.existing() == records)
        #expect(records.map(\.questionID) == suite.forms().map(\.questionID))
    }

    /// Slots 2: P1 is written, P2 hangs, P3 finishes and is held behind P2, P4 fails. The error
    /// is thrown, P2 is cancelled, and only P1 is in the file (P3 would break the order).
    @Test(.timeLimit(.minutes(1)))
    func aFailedRequestCancelsTheOthersAndWritesNothingHeld() async throws {
        let suite = Self.suite(6)
        let endpoint = FailingEndpoint()
        let log = try AnswersLog(url: TestFiles.folder("scheduling").appending(path: "a.jsonl"))
        let runner = EvaluationRunner(suite: suite, client: endpoint, mode: .parallel, slots: 2)
        let progress = ProgressLog()
        await #expect(throws: FailingEndpoint.Failure.self) {
            _ = try await runner.run(variantSHA256: "v", pass: 1, log: log) { progress.record($0, $1) }
        }
        #expect(try log.existing().map(\.questionID) == ["q1"])
        #expect(endpoint.hangingWasCancelled)
        #expect(endpoint.starts.sorted() == ["P1?", "P2?", "P3?", "P4?"])
        #expect(progress.dones == [0, 1])
    }
}

/// Answers every prompt at once except `slow`, which waits until `laterStarts` other prompts
/// have started or `patience` has passed, so a runner that never starts them fails the test
/// instead of hanging it.
private final class SchedulingEndpoint: ChatEndpoint {
    private struct State {
        var starts: [String] = []
        var inFlight = 0
        var maxInFlight = 0
        var slowSawLaterStarts = 0
    }

    private let slow: String
    private let laterStarts: Int
    private let patience: Duration
    private let state = Mutex(State())

    init(slow: String, laterStarts: Int, patience: Duration = .seconds(5)) {
        self.slow = slow
        self.laterStarts = laterStarts
        self.patience = patience
    }

    var starts: [String] { state.withLock { $0.starts } }
    var maxInFlight: Int { state.withLock { $0.maxInFlight } }
    /// How many other prompts had started when the slow one answered.
    var slowSawLaterStarts: Int { state.withLock { $0.slowSawLaterStarts } }

    func chatStreamed(_ request: ChatRequest) async throws -> ChatResponse {
        let prompt = request.messages.last?.content ?? ""
        state.withLock {
            $0.starts.append(prompt)
            $0.inFlight += 1
            $0.maxInFlight = max($0.maxInFlight, $0.inFlight)
        }
        defer { state.withLock { $0.inFlight -= 1 } }
        if prompt == slow {
            let deadline = ContinuousClock.now + patience
            while state.withLock({ $0.starts.count - 1 }) < laterStarts, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            state.withLock { $0.slowSawLaterStarts = $0.starts.count - 1 }
        } else {
            // Long enough that requests overlap, so the in-flight count is really exercised.
            try await Task.sleep(for: .milliseconds(20))
        }
        return ChatResponse(text: "answer to \(prompt)", finishReason: "stop", promptTokens: 1, completionTokens: 1,
                            ttftSeconds: 0.01, wallSeconds: 0.02, timings: nil)
    }
}

/// P2 hangs until cancelled (10 s at most), P4 fails once P3 has answered, the rest answer at once.
private final class FailingEndpoint: ChatEndpoint {
    struct Failure: Error {}

    private struct State {
        var starts: [String] = []
        var answeredP3 = false
        var hangingWasCancelled = false
    }

    private let state = Mutex(State())

    var starts: [String] { state.withLock { $0.starts } }
    var hangingWasCancelled: Bool { state.withLock { $0.hangingWasCancelled } }

    func chatStreamed(_ request: ChatRequest) async throws -> ChatResponse {
        let prompt = request.messages.last?.content ?? ""
        state.withLock { $0.starts.append(prompt) }
        switch prompt {
        case "P2?":
            do {
                try await Task.sleep(for: .seconds(10))
            } catch {
                state.withLock { $0.hangingWasCancelled = true }
                throw error
            }
        case "P3?":
            state.withLock { $0.answeredP3 = true }
        case "P4?":
            #expect(state.withLock { $0.answeredP3 })
            throw Failure()
        default:
            break
        }
        return ChatResponse(text: "answer to \(prompt)", finishReason: "stop", promptTokens: 1, completionTokens: 1,
                            ttftSeconds: 0.01, wallSeconds: 0.01, timings: nil)
    }
}
