import ArgumentParser
import Foundation
import MetricKeys
import Reports

/// `quantorch compare MODEL REV_A REV_B`: what changed between two revisions (newest run of each).
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare the newest runs of two model revisions: metric deltas per variant and answers that changed correctness.",
        discussion: """
        Revisions may be given as a unique prefix of the committed revision, or as a tag or branch of the checkpoint's git repository (rev1), as run --revision takes them. --fail-on METRIC:MAX_DROP \
        exits 4 when that metric got worse by more than MAX_DROP for ANY variant present in both \
        revisions (the baseline included), not only the selected one. "Worse" is a fall for \
        accuracy, recall or same_top_p and a rise for kld_mean, flips or ppl_ratio. Speeds and latencies (tokens/s, TTFT, load time) are shown, marked "machine load", and refused by --fail-on: two runs measure them under different loads. human_accuracy (from `quantorch review import`) can be used when both runs have a review.
        """
    )

    @Argument(help: "The model's name or slug.")
    var model: String

    @Argument(help: "The earlier revision (a prefix of it, or a tag or branch of the checkpoint).")
    var revisionA: String

    @Argument(help: "The later revision (a prefix of it, or a tag or branch of the checkpoint).")
    var revisionB: String

    @OptionGroup var results: ResultsRepoOption

    @Option(name: .customLong("fail-on"), help: "METRIC:MAX_DROP, e.g. accuracy:0.05 (repeatable).")
    var failOn: [String] = []

    @Flag(help: "Print one JSON object on stdout.")
    var json = false

    func run() throws {
        let slug: String
        let rules: [FailOnRule]
        do {
            slug = try ModelSlug.make(model)
            rules = try failOn.map { (text) throws(FailOnRuleError) in try FailOnRule.parse(text) }
        } catch {
            CommandFailure.say("compare", "\(error)")
            throw QuantorchExit.badInput
        }
        let reportA: Report, reportB: Report
        do throws(ResultsRepositoryError) {
            let repository = try ResultsRepository(openingExistingAt: results.url)
            let fullA = try repository.resolveRevision(revisionA, modelSlug: slug)
            let fullB = try repository.resolveRevision(revisionB, modelSlug: slug)
            guard let a = try repository.newestReport(modelSlug: slug, revision: fullA),
                  let b = try repository.newestReport(modelSlug: slug, revision: fullB) else {
                throw ResultsRepositoryError.unknownRevision(slug: slug, revision: revisionA, known: try repository.revisions(modelSlug: slug))
            }
            reportA = a
            reportB = b
        } catch {
            throw CommandFailure.exit("compare", error)
        }
        if let speed = rules.first(where: { MetricKey(rawValue: $0.metric)?.isLoadDependent == true }) {
            CommandFailure.say("compare", "--fail-on \(speed.metric): a speed or latency measured in two runs differs with the machine's load at each (the demo's revisions: 23 and 77 tokens/s for one quant on one machine), so it cannot gate a regression; compare speed with llama-bench on a quiet machine, or gate on accuracy, key_fact_recall, flips or kld_mean")
            throw QuantorchExit.badInput
        }
        let known = RevisionComparison.knownMetrics([reportA, reportB])
        if let unknown = rules.first(where: { !known.contains($0.metric) }) {
            CommandFailure.say("compare", "--fail-on \(unknown.metric): neither run has this metric; known: \(known.sorted().joined(separator: ", "))")
            throw QuantorchExit.badInput
        }
        let comparison = RevisionComparison(a: reportA, b: reportB, extraMetrics: rules.map(\.metric))
        let regressions = comparison.regressions(rules)
        if json {
            try JSONOutput.print(CompareOutput(comparison: comparison, regressions: regressions))
        } else {
            print(ComparisonText.render(comparison, regressions: regressions), terminator: "")
        }
        if let first = regressions.first {
            CommandFailure.say("compare", "regression: \(first.description)\(regressions.count > 1 ? " (and \(regressions.count - 1) more)" : "")")
            throw QuantorchExit.regression
        }
    }
}

/// `compare --json`: `{"comparison": RevisionComparison, "regressions": [...]}`.
struct CompareOutput: Encodable {
    var comparison: RevisionComparison
    var regressions: [Regression]
}
