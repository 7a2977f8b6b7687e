import ArgumentParser
import Foundation
import Reports

/// `quantorch history MODEL`: every committed run of a model, oldest first.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List a model's runs in the results repository: revision, date, selected quant, headline figures."
    )

    @Argument(help: "The model's name or slug (e.g. HuggingFaceTB/SmolLM2-135M-Instruct).")
    var model: String

    @OptionGroup var results: ResultsRepoOption

    @Flag(help: "Print one JSON object on stdout.")
    var json = false

    func run() throws {
        let slug = try CommandFailure.slug(model, "history")
        let entries: [HistoryEntry]
        do throws(ResultsRepositoryError) {
            let repository = try ResultsRepository(openingExistingAt: results.url)
            entries = try repository.history(modelSlug: slug)
            if entries.isEmpty { throw ResultsRepositoryError.unknownModel(slug: slug, known: try repository.modelSlugs()) }
        } catch {
            throw CommandFailure.exit("history", error)
        }
        if json {
            try JSONOutput.print(HistoryOutput(modelSlug: slug, runs: entries))
        } else {
            print(HistoryTable.render(entries, modelSlug: slug), terminator: "")
        }
    }
}

/// `history --json`: `{"model_slug": "...", "runs": [HistoryEntry…]}`.
struct HistoryOutput: Encodable {
    var modelSlug: String
    var runs: [HistoryEntry]

    enum CodingKeys: String, CodingKey {
        case runs
        case modelSlug = "model_slug"
    }
}
