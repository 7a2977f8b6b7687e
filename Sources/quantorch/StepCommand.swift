import ArgumentParser
import Foundation
import LlamaTools
import QuantOrchestrator

/// `quantorch step FILE`: what a Slurm job of `quantorch run` executes on its node.
struct StepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "step",
        abstract: "Execute one planned step of a run from its step file and write its record (what each Slurm job of executor: slurm runs).",
        discussion: "quantorch run writes FILE (under the work folder's slurm/steps/) and submits this command; it does the step only, in the shared work folder, and takes no lock there. Exit codes: 0 done, 1 failure, 2 bad input (an unreadable step file, or a step whose inputs have no record), 130/143 stopped by SIGINT/SIGTERM (scancel).",
        shouldDisplay: false
    )

    @Argument(help: "The step file quantorch run wrote.")
    var file: String

    func run() async throws {
        do {
            let url = URL(fileURLWithPath: file)
            try await ChildProcessGuard.run(message: "quantorch step: interrupted; the step's finished work is kept") {
                try await StepRunner.run(orderFile: url, progress: ProgressReporter(live: false))
            }
        } catch {
            throw CommandFailure.exit("step", error)
        }
    }
}
