import Evaluation
import Foundation
import LlamaTools
import Reports

/// The inputs of a run once everything that needs no llama.cpp process is checked: the recipe
/// and suite parsed, the model's slug, the tools present, the folders usable, the source's
/// revision resolved. `quantorch run` and `quantorch plan` both start here, so bad input
/// fails alike in seconds.
struct RunSetup: Sendable {
    let recipe: Recipe
    let suite: Suite
    let modelSlug: String
    let toolchain: Toolchain
    let source: ResolvedSource
    let folder: WorkFolder
    let resultsURL: URL
    let revisionField: String
    let environment: [String: String]

    /// - Throws: `PipelineError.badInput` naming the file and field, `.toolFailed` for a missing tool.
    /// - Parameter exporting: false for `plan` (``SourceResolver``'s temporary view of a git
    ///   revision not exported yet).
    static func prepare(_ options: RunOptions, exporting: Bool = true) async throws -> RunSetup {
        var recipe: Recipe
        do { recipe = try RecipeLoader.load(options.recipe, environment: options.environment) } catch {
            throw PipelineError.badInput(error.description)
        }
        if let maxSize = options.maxSizeBytes { recipe.acceptance.maxSizeBytes = maxSize }
        let suite = try loadSuite(recipe)
        let modelSlug: String
        do { modelSlug = try ModelSlug.make(recipe.model.name) } catch {
            throw PipelineError.badInput("\(recipe.file.path): field 'model.name': \(error)")
        }
        try checkKeys(recipe, environment: options.environment)
        let toolchain = Toolchain.locate(explicit: options.llamaCpp, environment: options.environment)
        try requireTools(toolchain, recipe: recipe)
        let workRoot = options.workDirectory ?? recipe.workDirectory ?? QuantorchHome(environment: options.environment).defaultWorkDirectory
        let resultsURL = ResultsLocation.choose(flag: options.resultsRepository, recipe: recipe.resultsRepository, environment: options.environment)
        try checkFolder(workRoot, named: options.workDirectory != nil ? "--work-dir" : recipe.workDirectory != nil ? "work.dir" : "the work folder",
                        mayHoldOtherFiles: true)
        try checkFolder(resultsURL, named: options.resultsRepository != nil ? "--results-repo" : recipe.resultsRepository != nil ? "results.repo" : "the results repository",
                        mayHoldOtherFiles: false)
        let source = try await SourceResolver(exportRoot: WorkFolder.sourcesFolder(root: workRoot))
            .resolve(source: recipe.model.source, revision: options.revision ?? recipe.model.revision, exporting: exporting)
        return RunSetup(recipe: recipe, suite: suite, modelSlug: modelSlug, toolchain: toolchain, source: source,
                        folder: WorkFolder(root: workRoot, modelSlug: modelSlug, revision: source.revision), resultsURL: resultsURL,
                        revisionField: options.revision != nil ? "--revision" : "model.revision", environment: options.environment)
    }

    private static func loadSuite(_ recipe: Recipe) throws -> Suite {
        let suite: Suite
        do { suite = try Suite.load(from: recipe.evaluation.suite) } catch {
            throw PipelineError.badInput("\(error)")
        }
        guard !suite.questions.isEmpty else {
            throw PipelineError.badInput("\(recipe.evaluation.suite.path): the suite has no questions")
        }
        guard suite.questions.contains(where: { !$0.keyFacts.isEmpty || $0.reference != nil }) else {
            throw PipelineError.badInput("\(recipe.evaluation.suite.path): no question has key_facts or a reference, so no answer could be judged right or wrong and a quant would pass on KLD alone; give the questions key_facts (names, formulas, or {number, rel_tol})")
        }
        guard suite.sampling.maxTokens < recipe.server.ctx else {
            throw PipelineError.badInput("\(recipe.evaluation.suite.path): field 'sampling.max_tokens' is \(suite.sampling.maxTokens), but the recipe's server.ctx is \(recipe.server.ctx) tokens, which must hold the prompt and the answer; expected max_tokens below server.ctx (\(recipe.file.path))")
        }
        return suite
    }

    /// An endpoint's key variable must be set before any work, so a run does not fail after
    /// hours of quantizing; the message names the variable, never a value.
    private static func checkKeys(_ recipe: Recipe, environment: [String: String]) throws {
        for (index, entry) in recipe.ladder.enumerated() {
            guard case let .endpoint(endpoint) = entry.kind, let variable = endpoint.apiKeyEnvironmentVariable else { continue }
            guard let key = environment[variable], !key.isEmpty else {
                // A key pasted into api_key_env by mistake must not be echoed into a CI log,
                // so only a conventional upper-case name is repeated.
                let shown = variable.allSatisfy({ $0.isUppercase || $0.isNumber || $0 == "_" }) ? variable : "the variable api_key_env names"
                throw PipelineError.badInput("\(recipe.file.path): field 'ladder[\(index)].api_key_env': \(shown) is \(environment[variable] == nil ? "not set" : "empty") in the environment; export the endpoint's API key in it (api_key_env holds the variable's name, not the key), or remove api_key_env for an endpoint that needs none")
            }
        }
    }

    /// Refuses, before any work, a folder argument that cannot be used: a file, or (for the
    /// results repository) a folder with other files that is not a git repository, which the
    /// run would otherwise turn into one after hours of evaluation.
    private static func checkFolder(_ url: URL, named name: String, mayHoldOtherFiles: Bool) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw PipelineError.badInput("\(name): \(url.path) is a file; expected a folder (it is created when absent)")
        }
        if !mayHoldOtherFiles, !FileManager.default.fileExists(atPath: url.appending(path: ".git").path),
           !((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).isEmpty {
            throw PipelineError.badInput("\(name): \(url.path) holds files but is not a git repository; expected an empty folder or an existing results repository")
        }
    }

    private static func requireTools(_ toolchain: Toolchain, recipe: Recipe) throws {
        do {
            for tool in [LlamaTool.server, .quantize, .perplexity, .tokenize] { _ = try toolchain.require(tool) }
            if recipe.imatrix != nil { _ = try toolchain.require(.imatrix) }
            if !recipe.sourceIsGGUF, recipe.ladder.contains(where: { $0.quantType != nil }) { _ = try toolchain.requireConverter() }
        } catch {
            throw PipelineError.toolFailed(error.description)
        }
    }
}

extension RunSetup {
    /// The chat client of an endpoint entry, its key read from the environment now and held
    /// only by the client (never written to a record, report, log or message).
    var endpointClient: @Sendable (RemoteEndpoint) throws -> any ChatEndpoint {
        let environment = environment
        return { endpoint in
            do {
                return try RemoteChatClient(baseURL: endpoint.url, model: endpoint.model,
                                            apiKey: endpoint.apiKeyEnvironmentVariable.flatMap { environment[$0] },
                                            apiKeyVariable: endpoint.apiKeyEnvironmentVariable ?? "api_key_env (none set)",
                                            caFile: endpoint.caFile)
            } catch {
                throw PipelineError.badInput("endpoint \(endpoint.url.absoluteString): \(error)")
            }
        }
    }
}
