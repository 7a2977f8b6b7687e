import ArgumentParser
import Foundation
import LlamaTools
import QuantOrchestrator

/// `quantorch plan RECIPE`: what `run` would do, and what it would reuse, without doing it.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "List every step of the run a recipe asks for, whether its record exists, and the disk it will use; runs nothing.",
        discussion: "Exit codes: 0 planned, 1 failure, 2 bad input (the same checks run makes before its first step)."
    )

    @OptionGroup var flags: RunFlags

    @Flag(help: "Print the plan as one JSON object on stdout.")
    var json = false

    func run() async throws {
        let plan: PlanReport
        do {
            plan = try await Pipeline(options: try flags.options(), progress: ProgressReporter()).describe()
        } catch let error as PipelineError {
            Stderr.line("quantorch plan: \(error)")
            throw error.isBadInput ? QuantorchExit.badInput : QuantorchExit.failure
        } catch {
            Stderr.line("quantorch plan: \(error)")
            throw QuantorchExit.failure
        }
        if json { return try JSONOutput.print(plan) }
        print("plan: \(plan.model) at revision \(plan.revision.prefix(12)), work folder \(plan.workFolder)")
        for warning in plan.warnings { print("warning: \(warning)") }
        print(plan.search)
        print(plan.executor)
        print("suite size, per criterion:")
        for line in plan.suiteSize { print("  \(line)") }
        let width = plan.steps.map(\.step.count).max() ?? 0
        for step in plan.steps {
            let state = switch step.state {
            case .done: "done"
            case .toRun: "to run"
            case .waiting: "waits"
            }
            let writes = step.writesBytes > 0 ? "  writes ~\(Self.megabytes(step.writesBytes))" : ""
            print("  \(step.step.padding(toLength: width, withPad: " ", startingAt: 0))  \(state.padding(toLength: 6, withPad: " ", startingAt: 0))\(writes)\(step.record.map { "  records/\($0).json" } ?? "")")
        }
        print("disk: writes about \(Self.megabytes(plan.writesBytes))\(plan.freeBytes.map { ", \(Self.megabytes($0)) free" } ?? "")")
    }

    private static func megabytes(_ bytes: Int) -> String { String(format: "%.1f MiB", Double(bytes) / 1_048_576) }
}
