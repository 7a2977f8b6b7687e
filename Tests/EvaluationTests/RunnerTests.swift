import Foundation
import LlamaTools
import MetricKeys
import Testing
@testable import Evaluation

/// The runner against a real llama-server serving the real SmolLM2-135M.
@Suite(.serialized, .enabled(if: RealServer.available, "needs the bootstrap's toolchain.json"))
struct RunnerTests {
    private func run(_ suite: Evaluation.Suite, mode: EvaluationMode, slots: Int, folder: URL,
                     logs: [AnswersLog], pass: Int = 1, progress: ProgressLog = ProgressLog()) async throws -> [[AnswerRecord]] {
        try await ServerProcess.withServer(toolchain: Toolchain.locate(explicit: nil),
                                           configuration: RealServer.configuration(slots: slots, folder: folder)) { server in
            let runner = EvaluationRunner(suite: suite, client: server.client(timeout: .seconds(120)), mode: mode, slots: slots)
            var results: [[AnswerRecord]] = []
            for log in logs {
                results.append(try await runner.run(variantSHA256: "variant", pass: pass, log: log) { progress.record($0, $1) })
            }
            return results
        }
    }

    @Test(.timeLimit(.minutes(5)))
    func sequentialRunsGiveByteIdenticalAnswersInSuiteOrder() async throws {
        let folder = try TestFiles.folder("sequential")
        let suite = try Suite.load(from: TestFiles.write(RealServer.smallSuite))
        let logs = try [AnswersLog(url: folder.appending(path: "a.jsonl")), AnswersLog(url: folder.appending(path: "b.jsonl"))]
        let progress = ProgressLog()
        let results = try await run(suite, mode: .sequential, slots: 1, folder: folder, logs: logs, progress: progress)
        let forms = suite.forms()
        #expect(results[0].map { "\($0.questionID) \($0.form)" } == forms.map { "\($0.questionID) \($0.form)" })
        #expect(results[0].map(\.answer) == results[1].map(\.answer))
        #expect(try logs[0].existing() == results[0])
        #expect(try logs[1].existing() == results[1])
        #expect(progress.dones == Array(0...forms.count) + Array(0...forms.count))
        #expect(progress.totals == [forms.count])
        for record in results[0] {
            #expect(!record.answer.isEmpty)
            #expect(record.completionTokens > 0 && record.completionTokens <= 32)
            #expect(record.promptTokens > 0)
            #expect(record.ttftS != nil && record.genTokensPerS != nil && record.promptTokensPerS != nil)
            #expect(["stop", "length"].contains(record.finishReason ?? ""))
            #expect(record.suiteSHA256 == suite.sha256 && record.variantSHA256 == "variant" && record.pass == 1)
            #expect(record.prompt == forms.first { $0.questionID == record.questionID && $0.form == record.form }?.text)
        }
        #expect(results[0][0].facts == [FactHit(fact: "Paris", found: true)], "\(results[0][0].answer)")
        #expect(results[0][0].prompt == "What is the capital of France?")
    }

    @Test(.timeLimit(.minutes(5)))
    func parallelModeWritesInSuiteOrderAndGivesANoiseFloor() async throws {
        let folder = try TestFiles.folder("parallel")
        let suite = try Suite.load(from: TestFiles.write(RealServer.smallSuite))
        let log = try AnswersLog(url: folder.appending(path: "F16.jsonl"))
        let passOne = try await run(suite, mode: .parallel, slots: 3, folder: folder, logs: [log])[0]
        let passTwo = try await run(suite, mode: .parallel, slots: 3, folder: folder, logs: [log], pass: 2)[0]
        let order = suite.forms().map { "\($0.questionID) \($0.form)" }
        #expect(passOne.map { "\($0.questionID) \($0.form)" } == order)
        let written = try log.existing()
        #expect(written.map { "\($0.questionID) \($0.form) \($0.pass)" } == order.map { "\($0) 1" } + order.map { "\($0) 2" })
        #expect(passOne.allSatisfy { !$0.answer.isEmpty && $0.ttftS != nil })
        let floor = Scorer.noiseFloor(suite: suite, first: written, second: written)
        #expect(floor[.differingAnswers]?.n == order.count)
        #expect(floor[.flips]?.n == 3)
        #expect(passTwo.allSatisfy { $0.pass == 2 })
    }

    @Test(.timeLimit(.minutes(6)))
    func resumeAfterTheServerDiesKeepsFinishedAnswersByteForByte() async throws {
        let folder = try TestFiles.folder("resume")
        let suite = try Suite.load(from: TestFiles.write(RealServer.smallSuite))
        let log = try AnswersLog(url: folder.appending(path: "Q4_K_M.jsonl"))
        await #expect(throws: (any Error).self) {
            try await ServerProcess.withServer(toolchain: Toolchain.locate(explicit: nil),
                                               configuration: RealServer.configuration(slots: 1, folder: folder)) { server in
                let runner = EvaluationRunner(suite: suite, client: server.client(timeout: .seconds(120)), mode: .sequential, slots: 1)
                _ = try await runner.run(variantSHA256: "variant", pass: 1, log: log) { done, _ in
                    if done == 3 { kill(server.processID, SIGKILL) }
                }
            }
        }
        let interrupted = try Data(contentsOf: log.url)
        let finished = try log.existing()
        #expect(finished.count == 3)

        let fresh = try AnswersLog(url: folder.appending(path: "fresh.jsonl"))
        let progress = ProgressLog()
        let results = try await run(suite, mode: .sequential, slots: 1, folder: folder, logs: [log, fresh], progress: progress)
        let completed = try Data(contentsOf: log.url)
        #expect(completed.prefix(interrupted.count) == interrupted)
        #expect(Array(try log.existing().prefix(3)) == finished)
        #expect(results[0].count == suite.forms().count)
        #expect(progress.dones.first == 3)
        // The resumed file holds the same answers as an uninterrupted run.
        #expect(results[0].map(\.answer) == results[1].map(\.answer))
    }

    @Test(.timeLimit(.minutes(8)))
    func generalSuiteIsAnsweredMostlyRight() async throws {
        let folder = try TestFiles.folder("general")
        let suite = try Suite.load(from: TestFiles.generalSuite)
        let log = try AnswersLog(url: folder.appending(path: "Q4_1.jsonl"))
        let records = try await run(suite, mode: .sequential, slots: 1, folder: folder, logs: [log])[0]
        let score = Scorer.score(suite: suite, answers: records, baseline: nil)
        let wrong = Scorer.answerScores(suite: suite, answers: records, baseline: nil).filter { $0.correct == false }
        let accuracy = try #require(score.metrics[.accuracy])
        #expect(accuracy.n == suite.questions.count)
        #expect(accuracy.value >= 0.9, "wrong: \(wrong.map { "\($0.questionID) \($0.form): \($0.answer)" })")
        for row in wrong {
            print("general suite, wrong: \(row.questionID) \(row.form): \(row.answer)")
        }
        for key in score.metrics.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            print("general suite, \(key): \(score.metrics[key]!.value) n=\(score.metrics[key]!.n ?? 0)")
        }
    }
}
