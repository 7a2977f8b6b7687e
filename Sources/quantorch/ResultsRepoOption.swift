import ArgumentParser
import Foundation
import Reports

/// `--results-repo DIR`, shared by the commands that read or write the results repository
/// (the fallback order is `ResultsLocation`'s).
struct ResultsRepoOption: ParsableArguments {
    @Option(name: .customLong("results-repo"), help: "The results repository (default: $QUANTORCH_RESULTS, else ./results).")
    var path: String?

    /// The flag's folder, when given.
    var flag: URL? { path.map { URL(fileURLWithPath: ($0 as NSString).expandingTildeInPath, isDirectory: true) } }

    /// The repository: the flag, else `$QUANTORCH_RESULTS`, else ./results.
    var url: URL { ResultsLocation.choose(flag: flag) }
}
