import ArgumentParser
import Foundation

/// `--results-repo DIR`, else env `QUANTORCH_RESULTS`, else `./results` (CONTRACT.md).
struct ResultsRepoOption: ParsableArguments {
    @Option(name: .customLong("results-repo"), help: "The results repository (default: $QUANTORCH_RESULTS, else ./results).")
    var path: String?

    var url: URL {
        let chosen = path ?? ProcessInfo.processInfo.environment["QUANTORCH_RESULTS"] ?? "results"
        return URL(fileURLWithPath: (chosen as NSString).expandingTildeInPath, isDirectory: true)
    }
}
