import Foundation

/// Counts the tokens of a text with llama.cpp's `llama-tokenize`, which loads only the model's
/// vocabulary (`vocab_only`), so it takes a second even for a large model.
///
/// The count adds the BOS token when the model asks for one and does not parse special tokens,
/// as llama-perplexity tokenizes its corpus (`common_tokenize(ctx, prompt, true)`), so the
/// count is the one llama-perplexity compares with `2 × n_ctx`.
///
/// ```swift
/// let tokens = try await Tokenizer.countTokens(toolchain: tc, model: f16, text: corpus, logFile: log)
/// ```
public enum Tokenizer {
    /// Tokens in the file `text` (`llama-tokenize -m MODEL -f TEXT --ids --show-count --log-disable`).
    /// - Parameters:
    ///   - model: any GGUF of the model (only its vocabulary is read).
    ///   - logFile: the tool's output is appended here.
    ///   - executor: where the tool runs (default: a child process here).
    /// - Throws: `TokenizerError.toolFailed` with the log's last lines, `.missingCount` when the
    ///   count line is absent, `ToolchainError` when llama-tokenize is not found,
    ///   `CommandError.timedOut` past `timeout`.
    public static func countTokens(toolchain: Toolchain, model: URL, text: URL, logFile: URL,
                                   timeout: Duration = .seconds(600), executor: any ToolExecutor = LocalExecutor()) async throws -> Int {
        let run = try await LoggedRun.run(try toolchain.require(.tokenize),
                                          ["-m", model.path, "-f", text.path, "--ids", "--show-count", "--log-disable"],
                                          logFile: logFile, timeout: timeout, executor: executor)
        guard run.termination.isSuccess else {
            throw TokenizerError.toolFailed(termination: run.termination, activity: "counting the tokens of \(text.lastPathComponent)",
                                            logFile: logFile.path, lastLines: run.lastLines())
        }
        guard let match = run.output.firstMatch(of: /Total number of tokens: (\d+)/), let count = Int(match.1) else {
            throw TokenizerError.missingCount(logFile: logFile.path)
        }
        return count
    }
}

/// Why llama-tokenize gave no count.
public enum TokenizerError: Error, Equatable, CustomStringConvertible {
    /// llama-tokenize exited non-zero or was killed by a signal while doing `activity`;
    /// `lastLines` of its log say why.
    case toolFailed(termination: ProcessTermination, activity: String, logFile: String, lastLines: String)
    /// Its output has no "Total number of tokens" line.
    case missingCount(logFile: String)

    public var description: String {
        switch self {
        case let .toolFailed(termination, activity, logFile, lastLines):
            "\(termination.sentence(tool: "llama-tokenize", activity: activity)) (log: \(logFile)); its last lines:\n\(lastLines)"
        case let .missingCount(logFile):
            "llama-tokenize printed no \"Total number of tokens\" line (log: \(logFile))"
        }
    }
}
