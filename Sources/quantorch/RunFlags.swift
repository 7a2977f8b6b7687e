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

    @Option(name: .customLong("max-size"), help: "The largest GGUF to select, e.g. \"6 GiB\" or a number of bytes; overrides acceptance.max_size.",
            transform: { text in
                guard let bytes = ByteSize.parse(text), bytes > 0 else {
                    throw ValidationError("--max-size: expected a size such as \"6 GiB\", \"800 MiB\" or a number of bytes, got '\(text)'")
                }
                return bytes
            })
    var maxSize: Int?

    /// The flags as the pipeline takes them.
    var options: RunOptions {
        RunOptions(recipe: URL(fileURLWithPath: recipe), revision: revision,
                   workDirectory: workDir.map { URL(fileURLWithPath: $0, isDirectory: true) },
                   resultsRepository: resultsRepo.map { URL(fileURLWithPath: $0, isDirectory: true) },
                   llamaCpp: llamaCpp.map { URL(fileURLWithPath: $0, isDirectory: true) }, maxSizeBytes: maxSize)
    }
}
