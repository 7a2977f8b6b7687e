import ArgumentParser
import Foundation
import LlamaTools
import QuantOrchestrator

/// `quantorch run RECIPE`: the main job.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Convert, quantize, serve, evaluate, select the cheapest acceptable quant, report and commit.",
        discussion: "Exit codes: 0 done, 1 failure (also: another run holds the model revision's work folder), 2 bad input, 3 no variant passed the thresholds, 130/143 stopped by SIGINT/SIGTERM (run again to resume)."
    )

    @OptionGroup var flags: RunFlags

    @Flag(help: "Print the summary as one JSON object on stdout.")
    var json = false

    func run() async throws {
        let summary: RunSummary
        do {
            let options = try flags.options()
            summary = try await ChildProcessGuard.run(message: "quantorch run: interrupted; finished work is kept, run again to resume") {
                try await Pipeline(options: options, progress: ProgressReporter()).run()
            }
        } catch {
            throw CommandFailure.exit("run", error)
        }
        if json {
            try JSONOutput.print(summary)
        } else {
            print("report: \(summary.reportPath)")
            print("commit: \(summary.commit) in \(summary.resultsRepo), tag \(summary.tag)")
            print(VerdictLines.text(summary))
            print(summary.headline)
            for line in summary.glance { print("  \(line)") }
            if let selected = summary.selected {
                print("selected: \(selected.quantType) \(selected.file) (sha256 \(selected.sha256))")
            } else {
                print("selected: none; keep the baseline" + (summary.closestUnsure.map { " (closest to a decision: \($0))" } ?? ""))
            }
        }
        guard summary.selected != nil else {
            let outside = summary.variants.filter { $0.status == "CLOSE" }.map(\.quantType)
            if !outside.isEmpty {
                Stderr.line("quantorch run: CLOSE but not eligible (over the budget, or not smaller than the baseline): \(outside.joined(separator: ", ")); the report names the best that fits")
            } else {
                Stderr.line("quantorch run: no variant is CLOSE to the baseline"
                            + (summary.closestUnsure.map { "; the closest UNSURE one is \($0), and the report says what would decide it" } ?? "; the report says why"))
            }
            throw QuantorchExit.noVariantPassed
        }
    }
}
