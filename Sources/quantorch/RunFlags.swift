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

    /// The flags as the pipeline takes them.
    var options: RunOptions {
        RunOptions(recipe: URL(fileURLWithPath: recipe), revision: revision,
                   workDirectory: workDir.map { URL(fileURLWithPath: $0, isDirectory: true) },
                   resultsRepository: resultsRepo.map { URL(fileURLWithPath: $0, isDirectory: true) },
                   llamaCpp: llamaCpp.map { URL(fileURLWithPath: $0, isDirectory: true) })
    }
}
