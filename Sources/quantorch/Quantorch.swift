import ArgumentParser
import QuantOrchestrator

/// `quantorch`: converts, quantizes, serves and evaluates a fine-tuned model across a ladder
/// of quant types, picks the cheapest one that keeps the facts and commits the evidence.
@main
struct Quantorch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quantorch",
        abstract: "Find the cheapest quant of your model that still keeps the facts, with the evidence committed to git.",
        version: VersionLine.text(),
        subcommands: [RunCommand.self, PlanCommand.self, SuiteCommand.self, DoctorCommand.self, ScoreCommand.self, HistoryCommand.self, CompareCommand.self, CardCommand.self, ReviewCommand.self, StepCommand.self]
    )
}
