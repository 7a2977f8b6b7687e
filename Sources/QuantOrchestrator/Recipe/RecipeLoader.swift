import Evaluation
import Foundation
import LlamaTools

/// Reads and validates a recipe file (README "Using it on your model").
///
/// Checks everything that can be checked without running llama.cpp: field shapes, quant
/// type names, thresholds, and that the source, suite and corpora exist. Unknown fields are
/// errors, so a typo never silently falls back to a default.
///
/// ```swift
/// let recipe = try RecipeLoader.load(URL(fileURLWithPath: "recipes/smollm2-demo.yaml"))
/// ```
public enum RecipeLoader {
    /// Loads the recipe at `url`.
    /// - Parameter environment: for `$VAR` expansion and `${QUANTORCH_HOME}`.
    /// - Throws: `RecipeError`, naming file, line and field.
    public static func load(_ url: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws(RecipeError) -> Recipe {
        let file = url.path
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw .unreadable(file: file, reason: FileManager.default.fileExists(atPath: file) ? "not UTF-8 text" : "no such file")
        }
        let root = try YAMLFields.root(of: text, file: file)
        try root.onlyKnown(["model", "ladder", "allow_upcast", "imatrix", "server", "evaluation", "perplexity", "acceptance", "results", "work", "search", "executor"])
        let paths = PathExpander(recipeFile: url.absoluteURL, environment: environment)

        func path(_ fields: YAMLFields, _ key: String, expected: String) throws(RecipeError) -> URL? {
            guard let raw = try fields.string(key) else { return nil }
            switch paths.url(raw) {
            case let .success(url): return url
            case let .failure(undefined):
                throw .invalid(file: file, line: fields.line(of: key), field: fields.name(key),
                               expected: "\(expected); '$\(undefined.name)' is not set in the environment")
            }
        }
        func nats(_ fields: YAMLFields, _ key: String) throws(RecipeError) -> Double? {
            guard let node = fields.node(key) else { return nil }
            guard let value = node.float, value.isFinite, value > 0, !YAMLFields.isQuoted(node) else {
                throw .invalid(file: file, line: node.mark?.line, field: fields.name(key),
                               expected: "a number of nats above 0 (a margin of 0 rejects every variant: no divergence measures exactly 0), got \(YAMLFields.describe(node))")
            }
            return value
        }
        func byteSize(_ fields: YAMLFields, _ key: String, what: String) throws(RecipeError) -> Int? {
            guard let node = fields.node(key) else { return nil }
            guard case let .scalar(scalar) = node, let bytes = ByteSize.parse(scalar.string), bytes >= ByteSize.smallestBudget else {
                throw .invalid(file: file, line: node.mark?.line, field: fields.name(key),
                               expected: "\(what) as a size of at least 1 MiB such as \"6 GiB\" or \"800 MiB\" (a bare number is bytes), got \(YAMLFields.describe(node))")
            }
            return bytes
        }
        func choice<T: RawRepresentable>(_ fields: YAMLFields, _ key: String, as: T.Type, expected: String) throws(RecipeError) -> T?
        where T.RawValue == String {
            guard let raw = try fields.string(key) else {
                guard fields.node(key) == nil else {
                    throw .invalid(file: file, line: fields.line(of: key), field: fields.name(key), expected: "\(expected), got an empty value")
                }
                return nil
            }
            guard let value = T(rawValue: raw) else {
                throw .invalid(file: file, line: fields.line(of: key), field: fields.name(key), expected: "\(expected), got '\(raw)'")
            }
            return value
        }
        func existing(_ fields: YAMLFields, _ key: String, expected: String, directoryOK: Bool = false) throws(RecipeError) -> URL {
            guard let url = try path(fields, key, expected: expected) else {
                throw .missing(file: file, field: fields.name(key), expected: expected)
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), directoryOK || !isDirectory.boolValue else {
                throw .invalid(file: file, line: fields.line(of: key), field: fields.name(key), expected: "\(expected); \(url.path) does not exist")
            }
            if !isDirectory.boolValue, ((try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0) == 0 {
                throw .invalid(file: file, line: fields.line(of: key), field: fields.name(key), expected: "\(expected); \(url.path) is empty")
            }
            return url
        }

        let modelFields = try root.requiredSection("model", expected: "a mapping with name and source")
        try modelFields.onlyKnown(["name", "source", "revision"])
        let source = try existing(modelFields, "source", expected: "a Hugging Face checkpoint folder or a .gguf file", directoryOK: true)
        try checkSource(source, fields: modelFields)
        let model = Recipe.Model(
            name: try modelFields.requiredString("name", expected: "the model's name, e.g. SmolLM2-135M-Instruct"),
            source: source,
            revision: try modelFields.string("revision"))

        let ladder = try LadderParser(root: root, paths: paths).parse()

        var imatrix: Recipe.Imatrix?
        if let fields = try root.section("imatrix") {
            try fields.onlyKnown(["corpus", "extra", "chunks", "ctx"])
            let corpus: Recipe.Imatrix.Corpus
            if try fields.string("corpus") == "domain" {
                corpus = .domain(extra: try fields.node("extra") == nil ? nil : existing(fields, "extra", expected: "a text file to add to the domain corpus"))
            } else {
                if let extra = fields.node("extra") {
                    throw .invalid(file: url.path, line: extra.mark?.line, field: fields.name("extra"),
                                   expected: "no extra with a corpus file (extra adds a file to corpus: domain)")
                }
                corpus = .file(try existing(fields, "corpus", expected: "a text file to compute the importance matrix on, or 'domain' (the baseline's answers and the suite's references)"))
            }
            imatrix = Recipe.Imatrix(corpus: corpus,
                                     chunks: try fields.int("chunks", in: 1...100_000) ?? 32,
                                     ctx: try fields.int("ctx", in: 16...1_048_576) ?? 512)
        }

        var server = Recipe.Server(ctx: 2048, slots: 4, threads: ProcessInfo.processInfo.activeProcessorCount, gpuLayers: 0)
        if let fields = try root.section("server") {
            try fields.onlyKnown(["ctx", "slots", "threads", "gpu_layers"])
            server.ctx = try fields.int("ctx", in: 64...1_048_576) ?? server.ctx
            server.slots = try fields.int("slots", in: 1...256) ?? server.slots
            server.threads = try fields.int("threads", in: 1...1024) ?? server.threads
            server.gpuLayers = try fields.int("gpu_layers", in: 0...10_000) ?? server.gpuLayers
        }

        let evalFields = try root.requiredSection("evaluation", expected: "a mapping with suite (and optionally mode)")
        try evalFields.onlyKnown(["suite", "mode", "replicas"])
        let suite = try existing(evalFields, "suite", expected: "a suite YAML file")
        let mode = try choice(evalFields, "mode", as: EvaluationMode.self, expected: "sequential or parallel") ?? .sequential
        let replicas = try evalFields.int("replicas", in: 1...64) ?? 1
        if replicas > 1, mode == .parallel {
            throw .invalid(file: file, line: evalFields.line(of: "replicas"), field: evalFields.name("replicas"),
                           expected: "1 in parallel mode (replicas are sequential mode spread over single-slot servers; parallel mode shares one server's slots), got \(replicas)")
        }

        let pplFields = try root.requiredSection("perplexity", expected: "a mapping with corpus (and optionally ctx, chunks)")
        try pplFields.onlyKnown(["corpus", "ctx", "chunks"])
        let perplexity = Recipe.Perplexity(
            corpus: try existing(pplFields, "corpus", expected: "a text file for perplexity and KL divergence"),
            ctx: try pplFields.int("ctx", in: 16...1_048_576) ?? 512,
            chunks: try pplFields.int("chunks", in: 1...100_000) ?? 16)
        let scored = perplexity.chunks * (perplexity.ctx - 1 - perplexity.ctx / 2)
        guard scored >= 100 else {
            throw .invalid(file: file, line: pplFields.line(of: "chunks") ?? pplFields.line, field: pplFields.name("chunks"),
                           expected: "chunks × (ctx − 1 − ctx/2) ≥ 100 scored tokens, the least llama-perplexity prints KL-divergence statistics for; \(perplexity.chunks) × \(perplexity.ctx - 1 - perplexity.ctx / 2) = \(scored)")
        }

        var acceptance = Recipe.Acceptance()
        if let fields = try root.section("acceptance") {
            try fields.onlyKnown(["accuracy_drop_max", "key_fact_recall_drop_max", "flips_max", "kld_mean_max",
                                  "domain_kld_mean_max", "facts_at_risk_max", "max_size", "max_memory"])
            acceptance.accuracyDropMax = try fields.fraction("accuracy_drop_max") ?? acceptance.accuracyDropMax
            acceptance.keyFactRecallDropMax = try fields.fraction("key_fact_recall_drop_max") ?? acceptance.keyFactRecallDropMax
            acceptance.flipsMax = try fields.fraction("flips_max") ?? acceptance.flipsMax
            acceptance.factsAtRiskMax = try fields.fraction("facts_at_risk_max") ?? acceptance.factsAtRiskMax
            acceptance.kldMeanMax = try nats(fields, "kld_mean_max") ?? acceptance.kldMeanMax
            acceptance.domainKLDMeanMax = try nats(fields, "domain_kld_mean_max") ?? acceptance.domainKLDMeanMax
            acceptance.maxSizeBytes = try byteSize(fields, "max_size", what: "the largest GGUF file")
            acceptance.maxMemoryBytes = try byteSize(fields, "max_memory", what: "the largest peak server memory")
        }

        var resultsRepository: URL?
        if let fields = try root.section("results") {
            try fields.onlyKnown(["repo"])
            resultsRepository = try path(fields, "repo", expected: "a folder for the results git repository")
        }
        var workDirectory: URL?
        if let fields = try root.section("work") {
            try fields.onlyKnown(["dir"])
            workDirectory = try path(fields, "dir", expected: "a folder for artifacts")
        }

        let search = try choice(root, "search", as: SearchMode.self,
                                expected: "adaptive (evaluate only the rungs the decision needs) or exhaustive (every rung)") ?? .adaptive

        return Recipe(file: url.absoluteURL, model: model, ladder: ladder, imatrix: imatrix, server: server,
                      evaluation: .init(suite: suite, mode: mode, replicas: replicas), perplexity: perplexity, acceptance: acceptance,
                      resultsRepository: resultsRepository, workDirectory: workDirectory,
                      allowUpcast: try root.bool("allow_upcast") ?? false, search: search,
                      executor: try ExecutorParser(root: root).parse())
    }

    /// Types llama-quantize will not make without an importance matrix (its own check).
    static let needsImportanceMatrix: Set<String> = ["IQ1_S", "IQ1_M", "IQ2_XXS", "IQ2_XS", "IQ2_S", "Q2_K_S"]

    private static func checkSource(_ source: URL, fields: YAMLFields) throws(RecipeError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: source.path, isDirectory: &isDirectory), isDirectory.boolValue {
            let hasConfig = FileManager.default.fileExists(atPath: source.appending(path: "config.json").path)
            let isGit = FileManager.default.fileExists(atPath: source.appending(path: ".git").path)
            guard hasConfig || isGit else {
                throw .invalid(file: fields.file, line: fields.line(of: "source"), field: fields.name("source"),
                               expected: "a Hugging Face checkpoint folder with config.json; \(source.path) has none")
            }
        } else if source.pathExtension.lowercased() != "gguf" {
            throw .invalid(file: fields.file, line: fields.line(of: "source"), field: fields.name("source"),
                           expected: "a Hugging Face checkpoint folder or a .gguf file; got \(source.lastPathComponent)")
        }
    }
}
