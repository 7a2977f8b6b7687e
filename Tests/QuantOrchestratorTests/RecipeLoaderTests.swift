import Foundation
import Testing
@testable import QuantOrchestrator

@Suite struct RecipeLoaderTests {
    /// A folder with a checkpoint stand-in, a suite and a corpus, so only the field under test is wrong.
    struct Sandbox {
        let root: URL
        init() throws {
            root = FileManager.default.temporaryDirectory.appending(path: "qo-recipe-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root.appending(path: "model"), withIntermediateDirectories: true)
            try Data("{}".utf8).write(to: root.appending(path: "model/config.json"))
            try Data("name: s\nquestions: []\n".utf8).write(to: root.appending(path: "suite.yaml"))
            try Data("some text".utf8).write(to: root.appending(path: "corpus.txt"))
        }

        func recipe(_ text: String) throws -> URL {
            let url = root.appending(path: "recipe.yaml")
            try Data(text.utf8).write(to: url)
            return url
        }
    }

    static let valid = """
        model:
          name: Test-Model
          source: model
        evaluation:
          suite: suite.yaml
        perplexity:
          corpus: corpus.txt
        """

    func load(_ text: String) throws -> Recipe {
        let sandbox = try Sandbox()
        return try RecipeLoader.load(try sandbox.recipe(text), environment: ["HOME": "/root"])
    }

    func error(_ text: String) throws -> RecipeError {
        do {
            _ = try load(text)
        } catch let error as RecipeError {
            return error
        }
        Issue.record("expected a RecipeError")
        return .missing(file: "", field: "", expected: "")
    }

    @Test func defaultsFillWhatTheRecipeLeavesOut() throws {
        let recipe = try load(Self.valid)
        #expect(recipe.ladder.map(\.name) == Recipe.defaultLadder)
        #expect(recipe.evaluation.mode == .sequential)
        #expect(recipe.acceptance == Recipe.Acceptance())
        #expect(recipe.perplexity.ctx == 512 && recipe.perplexity.chunks == 16)
        #expect(recipe.model.source.lastPathComponent == "model")
        #expect(recipe.model.source.path.hasPrefix("/"))
        #expect(recipe.search == .adaptive)
    }

    @Test func replicasAreSequentialModeOnly() throws {
        #expect(try load(Self.valid.replacingOccurrences(of: "suite: suite.yaml", with: "suite: suite.yaml\n  replicas: 3")).evaluation.replicas == 3)
        #expect(try load(Self.valid).evaluation.replicas == 1)
        let error = try error(Self.valid.replacingOccurrences(of: "suite: suite.yaml", with: "suite: suite.yaml\n  mode: parallel\n  replicas: 2"))
        #expect(error.description.contains("evaluation.replicas") && error.description.contains("parallel"))
    }

    @Test func theSearchIsAdaptiveOrExhaustiveAndAnythingElseNamesTheField() throws {
        #expect(try load(Self.valid + "\nsearch: exhaustive\n").search == .exhaustive)
        let error = try error(Self.valid + "\nsearch: binary\n")
        #expect(error.description.contains("search"))
        #expect(error.description.contains("adaptive") && error.description.contains("exhaustive") && error.description.contains("'binary'"))
        #expect(try self.error(Self.valid + "\nsearch:\n").description.contains("got an empty value"), "an empty value is not the default")
    }

    @Test func unknownQuantTypeNamesTheLadderEntryAndLine() throws {
        let error = try error(Self.valid + "\nladder: [F16, Q8_0, Q9_X]\n")
        #expect(error.description.contains("ladder[2]"))
        #expect(error.description.contains("Q9_X"))
        #expect(error.description.contains("recipe.yaml:8"))
    }

    @Test func missingSourceNamesTheField() throws {
        let error = try error(Self.valid.replacingOccurrences(of: "source: model", with: "source: nowhere"))
        #expect(error.description.contains("model.source"))
        #expect(error.description.contains("does not exist"))
    }

    @Test func thresholdOfTheWrongTypeNamesTheField() throws {
        let error = try error(Self.valid + "\nacceptance:\n  flips_max: lots\n")
        #expect(error.description.contains("acceptance.flips_max"))
        #expect(error.description.contains("between 0 and 1"))
    }

    @Test func aMarginOfZeroIsRefusedNotTakenToRejectEverything() throws {
        // Issue 32: accepted without a word, then every variant was REJECTED.
        for field in ["accuracy_drop_max", "kld_mean_max", "domain_kld_mean_max"] {
            let error = try error(Self.valid + "\nacceptance:\n  \(field): 0\n")
            #expect(error.description.contains("acceptance.\(field)") && error.description.contains("a margin of 0 rejects every variant"), "\(error)")
        }
    }

    @Test func theVerdictsMarginsAndBudgetAreRead() throws {
        let recipe = try load(Self.valid + "\nacceptance:\n  facts_at_risk_max: 0.1\n  domain_kld_mean_max: 0.02\n  max_size: 6 GiB\n  max_memory: \"800 MiB\"\n")
        #expect(recipe.acceptance.factsAtRiskMax == 0.1 && recipe.acceptance.domainKLDMeanMax == 0.02)
        #expect(recipe.acceptance.maxSizeBytes == 6 * 1024 * 1024 * 1024 && recipe.acceptance.maxMemoryBytes == 800 * 1024 * 1024)
    }

    @Test func aBudgetWithoutItsUnitOrAQuotedMarginIsRefused() throws {
        let bare = try error(Self.valid + "\nacceptance:\n  max_size: 120\n")
        #expect(bare.description.contains("acceptance.max_size") && bare.description.contains("at least 1 MiB"), "\(bare)")
        let listed = try error(Self.valid + "\nacceptance:\n  max_memory: [1, 2]\n")
        #expect(listed.description.contains("got a list") && !listed.description.contains("Yams"), "\(listed)")
        let quoted = try error(Self.valid + "\nacceptance:\n  facts_at_risk_max: \"0.05\"\n")
        #expect(quoted.description.contains("write the number without quotes"), "\(quoted)")
    }

    @Test func missingSuiteNamesTheField() throws {
        let error = try error(Self.valid.replacingOccurrences(of: "suite: suite.yaml", with: "suite: gone.yaml"))
        #expect(error.description.contains("evaluation.suite"))
    }

    @Test func aTypoIsAnErrorNotASilentDefault() throws {
        let error = try error(Self.valid + "\nladders: [F16, Q8_0]\n")
        guard case let .unknownField(_, _, field, _) = error else {
            Issue.record("expected unknownField, got \(error)")
            return
        }
        #expect(field == "ladders")
    }

    @Test func aTypeThatNeedsAnImportanceMatrixIsRefusedWithoutOne() throws {
        let error = try error(Self.valid + "\nladder: [F16, IQ2_XXS]\n")
        #expect(error.description.contains("ladder[1]"))
        #expect(error.description.contains("importance matrix"))
    }

    @Test func anEmptyCorpusIsRefused() throws {
        let sandbox = try Sandbox()
        try Data().write(to: sandbox.root.appending(path: "corpus.txt"))
        #expect {
            try RecipeLoader.load(try sandbox.recipe(Self.valid), environment: ["HOME": "/root"])
        } throws: { error in
            "\(error)".contains("perplexity.corpus") && "\(error)".contains("is empty")
        }
    }

    @Test func aLadderOfOneIsRejected() throws {
        let error = try error(Self.valid + "\nladder: [F16]\n")
        #expect(error.description.contains("at least one quant type"))
    }

    @Test func invalidYAMLGivesTheLine() throws {
        let error = try error("model:\n  name: [unclosed\n")
        guard case .syntax(_, let line, _) = error else {
            Issue.record("expected a syntax error, got \(error)")
            return
        }
        #expect(line != nil)
    }
}
