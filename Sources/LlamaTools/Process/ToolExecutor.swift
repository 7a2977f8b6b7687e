import Foundation

/// Where llama.cpp's tools run. Every launch of a tool — converter, quantizer, imatrix,
/// perplexity, tokenizer, server — goes through one, so that a second implementation (a
/// batch scheduler's job, a remote host) changes where the work happens without changing
/// what the stages ask for.
///
/// The tool's paths (model, corpus, output, log) are paths of this machine; an executor that
/// runs elsewhere must make them reachable there (a shared file system) or refuse.
public protocol ToolExecutor: Sendable {
    /// The executor's name in plans and ledgers ("local").
    var name: String { get }

    /// Runs `executable` to completion with stdout and stderr appended to `logFile`;
    /// `environment` is added to the inherited one.
    /// - Returns: how the process ended.
    /// - Throws: `CommandError` when it cannot be started or runs past `timeout`,
    ///   `CancellationError` when the task is cancelled (the process is stopped first).
    func run(_ executable: URL, _ arguments: [String], environment: [String: String],
             logFile: URL, timeout: Duration) async throws -> ProcessTermination

    /// Serves `configuration.model` with llama-server while `body` runs, then stops it.
    /// - Throws: `ServerError` when the server cannot be started or dies, what `body` throws.
    func withServer<T: Sendable>(toolchain: Toolchain, configuration: ServerConfiguration,
                                 _ body: @Sendable (RunningServer) async throws -> T) async throws -> T
}

/// Runs every tool as a child process of quantorch on this machine.
public struct LocalExecutor: ToolExecutor {
    /// The one local executor.
    public init() {}

    public var name: String { "local" }

    public func run(_ executable: URL, _ arguments: [String], environment: [String: String],
                    logFile: URL, timeout: Duration) async throws -> ProcessTermination {
        try await CommandRunner.run(executable, arguments, environment: environment, logFile: logFile, timeout: timeout).termination
    }

    public func withServer<T: Sendable>(toolchain: Toolchain, configuration: ServerConfiguration,
                                        _ body: @Sendable (RunningServer) async throws -> T) async throws -> T {
        try await ServerProcess.withServer(toolchain: toolchain, configuration: configuration, body)
    }
}
