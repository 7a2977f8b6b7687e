import ArgumentParser

/// `quantorch review`: human reviews of a run's answers (made in report.html's review mode).
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Human reviews of a run's answers, made in report.html's review mode.",
        subcommands: [ReviewImportCommand.self]
    )
}
