import ArgumentParser
import Foundation
import Reports

/// Prints the one line CONTRACT.md asks for on stderr and picks the exit code.
enum CommandFailure {
    /// Exits 2 for bad input, else 1, after printing `command: message`.
    static func exit(_ command: String, _ error: ResultsRepositoryError) -> ExitCode {
        say(command, "\(error)")
        return error.isBadInput ? QuantorchExit.badInput : QuantorchExit.failure
    }

    /// Prints `quantorch COMMAND: message` on stderr.
    static func say(_ command: String, _ message: String) {
        FileHandle.standardError.write(Data("quantorch \(command): \(message)\n".utf8))
    }
}
