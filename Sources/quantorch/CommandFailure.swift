import ArgumentParser
import Foundation
import LlamaTools
import QuantOrchestrator
import Reports

/// Prints the one line docs/ARCHITECTURE.md "Command line" asks for on stderr and picks the exit code.
enum CommandFailure {
    /// Exits 2 for bad input, else 1, after printing `command: message`.
    static func exit(_ command: String, _ error: ResultsRepositoryError) -> ExitCode {
        say(command, "\(error)")
        return error.isBadInput ? QuantorchExit.badInput : QuantorchExit.failure
    }

    /// The exit of a command that ran work under `ChildProcessGuard` (run, step): the signal's
    /// code after an interrupt (its line is already printed), else 2 for bad input (a
    /// `PipelineError.badInput` or an input mistake a tool reported) and 1 for anything else,
    /// after printing `command: error`.
    static func exit(_ command: String, _ error: any Error) -> ExitCode {
        if let interrupted = error as? ChildProcessGuard.Interrupted { return ExitCode(interrupted.exitCode) }
        say(command, "\(error)")
        if let error = error as? PipelineError { return error.isBadInput ? QuantorchExit.badInput : QuantorchExit.failure }
        if let error = error as? any InputClassifiable, error.isInputError { return QuantorchExit.badInput }
        return QuantorchExit.failure
    }

    /// The results repository's slug of the model the user named.
    /// - Throws: `QuantorchExit.badInput` after printing why the name cannot be a slug.
    static func slug(_ model: String, _ command: String) throws -> String {
        do { return try ModelSlug.make(model) } catch {
            say(command, "\(error)")
            throw QuantorchExit.badInput
        }
    }

    /// Prints `quantorch COMMAND: message` on stderr.
    static func say(_ command: String, _ message: String) {
        FileHandle.standardError.write(Data("quantorch \(command): \(message)\n".utf8))
    }
}
