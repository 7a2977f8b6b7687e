import Foundation

/// What `quantorch run` was asked on the command line.
public struct RunOptions: Sendable {
    /// The recipe file.
    public var recipe: URL
    /// `--revision`: overrides the recipe's `model.revision`.
    public var revision: String?
    /// `--work-dir`: overrides the recipe's `work.dir`.
    public var workDirectory: URL?
    /// `--results-repo`: overrides the recipe's `results.repo`.
    public var resultsRepository: URL?
    /// `--llama-cpp`: where llama.cpp is.
    public var llamaCpp: URL?
    /// `--max-size`: the largest GGUF to select, in bytes; overrides `acceptance.max_size`.
    public var maxSizeBytes: Int?
    /// The environment (for `$VAR` expansion, QUANTORCH_HOME, QUANTORCH_RESULTS).
    public var environment: [String: String]

    /// Memberwise, with the process environment by default.
    public init(recipe: URL, revision: String? = nil, workDirectory: URL? = nil, resultsRepository: URL? = nil,
                llamaCpp: URL? = nil, maxSizeBytes: Int? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.recipe = recipe
        self.revision = revision
        self.workDirectory = workDirectory
        self.resultsRepository = resultsRepository
        self.llamaCpp = llamaCpp
        self.maxSizeBytes = maxSizeBytes
        self.environment = environment
    }
}
