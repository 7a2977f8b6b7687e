import ArgumentParser
import Evaluation
import Foundation
import MetricKeys
import QuantOrchestrator
import Reports

/// `quantorch score`: re-scores stored answers against a suite, with no model involved — after a
/// key fact in the suite was corrected, or to check every metric from outside.
struct ScoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Re-score an answers file against a suite (no model needed); with --baseline, also flips, retention and the verdict."
    )

    @Option(help: "The suite YAML the answers were made for (its key facts are applied afresh).")
    var suite: String

    @Option(help: "An answers file (answers/<QUANT>.jsonl).")
    var answers: String

    @Option(help: "The baseline variant's answers file, for flips, McNemar, detail retention and length ratio.")
    var baseline: String?

    @Option(name: .customLong("margin"), parsing: .singleValue,
            help: "With --baseline: a criterion's margin, NAME=VALUE (accuracy_drop, key_fact_recall_drop, flips, or the recipe's accuracy_drop_max, key_fact_recall_drop_max, flips_max; default the recipe defaults 0.05, 0.05, 0.10). Repeatable.")
    var margins: [String] = []

    @Flag(help: "Print one JSON object on stdout.")
    var json = false

    /// The `--json` output: per-answer scores and aggregate figures (docs/EVALUATION.md "Keys and figures").
    struct Output: Encodable {
        struct SuiteInfo: Encodable {
            let name: String
            let sha256: String
        }
        let suite: SuiteInfo
        let answersFile: String
        let baselineFile: String?
        let metrics: [MetricKey: MetricValue]
        let questions: [AnswerScore]
        /// With --baseline: the verdict on the criteria answers alone decide (no KLD, no facts at
        /// risk, no server checks: those need the models), in report.json's shape.
        let verdict: VerdictInfo?

        enum CodingKeys: String, CodingKey {
            case suite, answersFile = "answers_file", baselineFile = "baseline_file", metrics, questions, verdict
        }
    }

    func run() async throws {
        let output: Output
        do {
            output = try score()
        } catch {
            FileHandle.standardError.write(Data("quantorch score: \(error)\n".utf8))
            throw QuantorchExit.badInput
        }
        if json {
            try JSONOutput.print(output)
        } else {
            printText(output)
        }
    }

    private func score() throws -> Output {
        let suite = try Suite.load(from: URL(fileURLWithPath: suite))
        let records = try Self.read(answers)
        let baselineRecords = try baseline.map(Self.read)
        let questionIDs = Set(suite.questions.map(\.id))
        guard records.contains(where: { questionIDs.contains($0.questionID) }) else {
            throw ValidationError("\(answers): none of its \(records.count) answers is to a question of \(self.suite) (expected answers whose question_id is one of the suite's ids, e.g. \(suite.questions.prefix(3).map(\.id).joined(separator: ", ")))")
        }
        let otherSuite = records.filter { $0.suiteSHA256 != suite.sha256 }.count
        if otherSuite > 0 {
            FileHandle.standardError.write(Data("quantorch score: note: \(otherSuite) answers were made with another version of the suite; scored against this one\n".utf8))
        }
        guard margins.isEmpty || baseline != nil else {
            throw ValidationError("--margin applies to the verdict against a baseline: add --baseline B.jsonl")
        }
        for (file, answered) in [(answers, records)] + (baselineRecords.map { [(baseline ?? "", $0)] } ?? []) {
            let missing = Set(suite.questions.map(\.id)).subtracting(answered.filter { $0.form == "original" }.map(\.questionID))
            if !missing.isEmpty {
                FileHandle.standardError.write(Data("quantorch score: note: \(file) answers \(suite.questions.count - missing.count) of the suite's \(suite.questions.count) questions; no answer to \(missing.sorted().prefix(5).joined(separator: ", "))\(missing.count > 5 ? " …" : "")\n".utf8))
            }
        }
        let score = Scorer.score(suite: suite, answers: records, baseline: baselineRecords)
        return Output(suite: .init(name: suite.name, sha256: suite.sha256), answersFile: answers, baselineFile: baseline,
                      metrics: score.metrics,
                      questions: Scorer.answerScores(suite: suite, answers: records, baseline: baselineRecords),
                      verdict: try baselineRecords.map { try verdict(suite: suite, answers: records, baseline: $0) })
    }

    /// The verdict on the criteria the answers decide, with the margins of `--margin`.
    private func verdict(suite: Suite, answers: [AnswerRecord], baseline: [AnswerRecord]) throws -> VerdictInfo {
        var acceptance = Recipe.Acceptance()
        for margin in margins {
            let parts = margin.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Double(parts[1]), value.isFinite, value > 0, value <= 1 else {
                throw ValidationError("--margin \(margin): expected NAME=VALUE with a fraction above 0 and at most 1, e.g. accuracy_drop=0.05 (a margin of 0 rejects every variant)")
            }
            // The criterion's name, or the recipe's `acceptance` field for it: one margin, either spelling.
            switch parts[0] {
            case "accuracy_drop", "accuracy_drop_max": acceptance.accuracyDropMax = value
            case "key_fact_recall_drop", "key_fact_recall_drop_max": acceptance.keyFactRecallDropMax = value
            case "flips", "flips_max": acceptance.flipsMax = value
            default:
                throw ValidationError("--margin \(margin): unknown criterion '\(parts[0])' (expected accuracy_drop, key_fact_recall_drop or flips, or their recipe names with _max)")
            }
        }
        let paired = PairedEvidence.of(suite: suite, answers: answers, baseline: baseline)
        let table = paired.correctness
        var evidence = VerdictEvidence(correctness: table.questions > 0 ? table : nil,
                                       recallDifferences: paired.recallDifferences.isEmpty ? nil : paired.recallDifferences,
                                       flips: table.questions > 0 ? (table.baselineOnly + table.variantOnly, table.questions) : nil)
        let census = SuiteCensus.of(suite: suite, answers: answers, baseline: baseline)
        evidence.census = census.questions > 0 ? census : nil
        let verdict = SelectionPolicy(acceptance: acceptance, noiseFloorFlips: nil)
            .judge(VariantMeasurements(quantType: self.answers, sizeBytes: nil, evidence: evidence))
        let baselineName = URL(fileURLWithPath: self.baseline ?? "baseline").deletingPathExtension().lastPathComponent
        return VerdictInfos.info(verdict, checks: [], baseline: baselineName)
    }

    private static func read(_ path: String) throws -> [AnswerRecord] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw ValidationError("\(path): no such answers file (expected an answers/<QUANT>.jsonl file)")
        }
        let (records, torn) = try AnswersLog(url: URL(fileURLWithPath: path)).contents()
        // A run resumes past a torn last line; a score would silently count one answer fewer.
        guard !torn else {
            throw ValidationError("\(path): its last line does not end with a newline, so it was cut off; complete or delete that line, then score again")
        }
        // An empty or unterminated file (its only line is torn) has no answers: scoring it
        // would print empty metrics with exit 0, which reads as success.
        guard !records.isEmpty else {
            throw ValidationError("\(path): no complete answer line (expected one JSON object per line, each ending in a newline)")
        }
        return records
    }

    private func printText(_ output: Output) {
        print("suite \(output.suite.name) (\(output.suite.sha256.prefix(12))), answers \(output.answersFile)")
        for row in output.questions {
            let verdict = row.correct.map { $0 ? "right" : "WRONG" } ?? "-    "
            let facts = row.facts.isEmpty ? "" : " facts \(row.facts.filter(\.found).count)/\(row.facts.count)"
            let lost = row.facts.filter { !$0.found }.map(\.fact)
            let missing = lost.isEmpty ? "" : " missing: \(lost.joined(separator: ", "))"
            let flat = row.answer.split(whereSeparator: \.isNewline).joined(separator: " ")
            let shown = flat.count > 70 ? String(flat.prefix(67)) + "..." : flat
            print("\(verdict) \(row.questionID) \(row.form)\(facts)\(missing)\(row.looping ? " LOOP" : "")  \(shown)")
        }
        for key in output.metrics.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            let figure = output.metrics[key]!
            let n = figure.n.map { " n=\($0)" } ?? ""
            let ci = figure.ci95.map { String(format: " ci95 [%.3f, %.3f]", $0[0], $0[1]) } ?? ""
            print("\(key.rawValue.padding(toLength: 24, withPad: " ", startingAt: 0)) \(String(format: "%.4f", figure.value)) \(figure.unit)\(n)\(ci)")
        }
        if let verdict = output.verdict {
            print("verdict against \(output.baselineFile ?? "the baseline") (answers only: KLD and facts at risk need the models):")
            for criterion in verdict.criteria { print("  \(criterion.line)") }
            print(verdict.summary)
        }
    }
}
