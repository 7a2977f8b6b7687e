import ArgumentParser

/// Exit codes, as docs/ARCHITECTURE.md "Command line" fixes them.
enum QuantorchExit {
    /// A tool failed, or I/O; `doctor`: a part is missing or unusable.
    static let failure = ExitCode(1)
    /// Bad input: recipe, suite, flags, files.
    static let badInput = ExitCode(2)
    /// `run` finished but no variant passed the acceptance thresholds.
    static let noVariantPassed = ExitCode(3)
    /// `compare --fail-on` found a regression.
    static let regression = ExitCode(4)
}
