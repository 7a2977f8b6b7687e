import ArgumentParser
import Foundation
import Reports

/// `quantorch card MODEL [REVISION]`: the newest run's model-card table (Markdown or HTML) or
/// scorecard (SVG) on stdout, from the results repository.
struct CardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "card",
        abstract: "Print a model card's quant table (md, html) or the one-glance scorecard (svg) for a model's newest run.",
        discussion: """
        Reads the newest run of REVISION (a unique prefix of a committed revision, or a tag or branch of the checkpoint's git repository), or of the newest \
        revision when REVISION is omitted. Paste the Markdown into a model card: quantorch card MODEL > card.md. \
        Exit codes: 0 printed, 1 the repository cannot be read, 2 bad input (unknown model, revision or format).
        """
    )

    /// The output formats, as `--format` spells them.
    enum Format: String, CaseIterable {
        case md, html, svg
    }

    @Argument(help: "The model's name or slug (e.g. HuggingFaceTB/SmolLM2-135M-Instruct).")
    var model: String

    @Argument(help: "The revision (a unique prefix of it, or a tag or branch of the checkpoint); default: the newest revision's.")
    var revision: String?

    // Text, not the enum: a wrong value then exits 2 with one line, as every bad input does,
    // rather than ArgumentParser's usage error and exit 64.
    @Option(help: "md (the model card's table), html (a page with the table and the scorecard) or svg (the scorecard).")
    var format = "md"

    @OptionGroup var results: ResultsRepoOption

    func run() throws {
        let slug = try CommandFailure.slug(model, "card")
        guard let chosen = Format(rawValue: format) else {
            CommandFailure.say("card", "--format \(format): expected one of \(Format.allCases.map(\.rawValue).joined(separator: ", "))")
            throw QuantorchExit.badInput
        }
        let report: Report
        do throws(ResultsRepositoryError) {
            let repository = try ResultsRepository(openingExistingAt: results.url)
            let newest: Report?
            if let revision {
                newest = try repository.newestReport(modelSlug: slug, revision: try repository.resolveRevision(revision, modelSlug: slug))
            } else {
                newest = try repository.newestReport(modelSlug: slug)
            }
            guard let newest else { throw ResultsRepositoryError.unknownModel(slug: slug, known: try repository.modelSlugs()) }
            report = newest
        } catch {
            throw CommandFailure.exit("card", error)
        }
        let text = switch chosen {
        case .md: CardRenderer.markdown(report)
        case .html: CardRenderer.html(report)
        case .svg: ScorecardSVG.render(report)
        }
        // Written with a checked write: a card redirected to a full disk must not end with exit 0.
        do { try FileHandle.standardOutput.write(contentsOf: Data(text.utf8)) } catch {
            CommandFailure.say("card", "cannot write the card to standard output: \(error.localizedDescription)")
            throw QuantorchExit.failure
        }
    }
}
