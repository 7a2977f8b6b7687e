import ArgumentParser
import Foundation
import QuantOrchestrator

/// The recipe and the flags `run` and `plan` share.
struct RunFlags: ParsableArguments {
    @Argument(help: "The recipe (YAML).")
    var recipe: String

    @Option(help: "Model revision (commit, tag or branch of a git-backed checkpoint); overrides model.revision.")
    var revision: String?

    @Option(name: .customLong("work-dir"), help: "Folder for artifacts; overrides work.dir.")
    var workDir: String?

    @Option(name: .customLong("results-repo"), help: "Results git repository; overrides results.repo.")
    var resultsRepo: String?

    @Option(name: .customLong("llama-cpp"), help: "A llama.cpp checkout (build/bin/ inside) or a folder of its binaries.")
    var llamaCpp: String?

    @Option(name: .customLong("max-size"), help: "The largest GGUF to select, e.g. \"6 GiB\" (a bare number is bytes); overrides acceptance.max_size.")
    var maxSize: String?

    /// The flags as the pipeline takes them.
    /// - Throws: `PipelineError.badInput` for a `--max-size` that is no size of at least 1 MiB.
    func options() throws -> RunOptions {
        var bytes: Int?
        if let maxSize {
            guard let parsed = ByteSize.parse(maxSize), parsed >= ByteSize.smallestBudget else {
                throw PipelineError.badInput("--max-size: expected a size of at least 1 MiB such as \"6 GiB\" or \"800 MiB\" (a bare number is bytes), got '\(maxSize)'")
            }
            bytes = parsed
        }
        return RunOptions(recipe: URL(fileURLWithPath: recipe), revision: revision,
                          workDirectory: workDir.map { URL(fileURLWithPath: $0, isDirectory: true) },
                          resultsRepository: resultsRepo.map { URL(fileURLWithPath: $0, isDirectory: true) },
                          llamaCpp: llamaCpp.map { URL(fileURLWithPath: $0, isDirectory: true) }, maxSizeBytes: bytes)
    }
}
