import ArgumentParser

/// `quantorch suite`: build a suite from fine-tuning data, or check one.
struct SuiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suite",
        abstract: "Build an evaluation suite from your fine-tuning data, or check one.",
        subcommands: [SuiteInitCommand.self, SuiteCheckCommand.self]
    )
}
