import Foundation

/// Where the results repository is, decided in one place for every command: `--results-repo`,
/// else the recipe's `results.repo` (`quantorch run` only), else `$QUANTORCH_RESULTS`, else
/// `./results`.
public enum ResultsLocation {
    /// - Parameters:
    ///   - flag: `--results-repo`, when given.
    ///   - recipe: the recipe's `results.repo`, when a recipe is in play.
    ///   - environment: for `QUANTORCH_RESULTS`.
    public static func choose(flag: URL?, recipe: URL? = nil,
                              environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let chosen = flag ?? recipe { return chosen }
        let path = environment["QUANTORCH_RESULTS"].map { ($0 as NSString).expandingTildeInPath } ?? "results"
        return URL(fileURLWithPath: path, isDirectory: true)
    }
}
