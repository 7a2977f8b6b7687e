import Foundation
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Runs a short-lived command to completion with a time limit and returns what it printed.
///
/// For tools that finish (`--version`, `llama-quantize`, `llama-perplexity`, the converter).
/// Long-lived servers use `ServerProcess`. When the task is cancelled or the limit passes, the
/// child gets SIGTERM, then SIGKILL two seconds later, so no child outlives the call.
///
/// ```swift
/// let out = try await CommandRunner.run(serverURL, ["--version"], timeout: .seconds(10))
/// print(out.combined)
/// ```
public enum CommandRunner {
    /// What a finished command printed and how it ended.
    public struct Output: Sendable, Equatable {
        /// How it ended: its exit code, or the signal that killed it.
        public let termination: ProcessTermination
        /// Standard output, decoded as UTF-8 (nil when it went to a log file).
        public let standardOutput: String?
        /// Standard error, decoded as UTF-8 (nil when it went to a log file).
        public let standardError: String?
        /// Wall time from launch to exit, in seconds.
        public let wallSeconds: Double

        /// stdout followed by stderr, for parsers of tools that print to either.
        public var combined: String { (standardOutput ?? "") + (standardError ?? "") }
    }

    /// Most bytes kept of each stream when capturing (larger output belongs in a log file).
    public static let captureLimit = 64 * 1024 * 1024

    /// Runs `executable` and captures stdout and stderr.
    /// - Parameters:
    ///   - executable: absolute path of the program.
    ///   - arguments: its arguments.
    ///   - environment: extra variables on top of the inherited environment.
    ///   - workingDirectory: where it runs (default: inherited).
    ///   - timeout: wall-clock limit.
    /// - Throws: `CommandError.launchFailed` when it cannot start, `.timedOut` past the limit,
    ///   `CancellationError` when the task is cancelled.
    public static func run(
        _ executable: URL, _ arguments: [String],
        environment: [String: String] = [:], workingDirectory: URL? = nil,
        timeout: Duration
    ) async throws -> Output {
        try await withLimit(executable, timeout) { start in
            let command = ProcessNiceness.command(executable.path, arguments)
            let result = try await Subprocess.run(
                .path(FilePath(command.executable)), arguments: Arguments(command.arguments),
                environment: environmentUpdate(environment),
                workingDirectory: workingDirectory.map { FilePath($0.path) },
                platformOptions: gracefulTeardown(),
                output: .string(limit: captureLimit), error: .string(limit: captureLimit))
            return Output(termination: ProcessTermination(result.terminationStatus), standardOutput: result.standardOutput,
                          standardError: result.standardError, wallSeconds: start.duration(to: .now).seconds)
        }
    }

    /// Runs `executable` with stdout and stderr appended to `logFile` (created if absent).
    /// Same parameters and errors as `run(_:_:environment:workingDirectory:timeout:)`.
    public static func run(
        _ executable: URL, _ arguments: [String],
        environment: [String: String] = [:], workingDirectory: URL? = nil,
        logFile: URL, timeout: Duration
    ) async throws -> Output {
        try FileManager.default.createDirectory(at: logFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        let fd = try FileDescriptor.open(FilePath(logFile.path), .writeOnly,
                                         options: [.create, .append], permissions: [.ownerReadWrite, .groupRead, .otherRead])
        let errFD = try fd.duplicate()
        return try await withLimit(executable, timeout) { start in
            // Long tools (converter, quantizer, perplexity) are registered like servers, so that
            // SIGINT or SIGTERM to quantorch stops them too (ChildProcessGuard), and SIGKILL of
            // quantorch ends them through their watchdog, instead of leaving them to finish on
            // their own. The body waits for the exit without reaping, so the
            // PID is unregistered before it can be recycled.
            let command = ProcessNiceness.command(executable.path, arguments)
            let result = try await Subprocess.run(
                .path(FilePath(command.executable)), arguments: Arguments(command.arguments),
                environment: environmentUpdate(environment),
                workingDirectory: workingDirectory.map { FilePath($0.path) },
                platformOptions: gracefulTeardown(),
                input: .none,
                output: .fileDescriptor(fd, closeAfterSpawningProcess: true),
                error: .fileDescriptor(errFD, closeAfterSpawningProcess: true)
            ) { execution in
                let pid = execution.processIdentifier.value
                await ChildProcessRegistry.register(pid, name: executable.lastPathComponent)
                defer { ChildProcessRegistry.unregister(pid) }
                while !ProcessStatus.hasExited(pid) {
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
            return Output(termination: ProcessTermination(result.terminationStatus), standardOutput: nil, standardError: nil,
                          wallSeconds: start.duration(to: .now).seconds)
        }
    }

    private static func withLimit(
        _ executable: URL, _ timeout: Duration,
        _ body: @escaping @Sendable (ContinuousClock.Instant) async throws -> Output
    ) async throws -> Output {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw CommandError.launchFailed(executable: executable.path, reason: "no executable file there")
        }
        let start = ContinuousClock.now
        return try await withThrowingTaskGroup(of: Output?.self) { group in
            group.addTask {
                do { return try await body(start) } catch let error as SubprocessError {
                    throw CommandError.launchFailed(executable: executable.path, reason: "\(error)")
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let output = first else {
                throw CommandError.timedOut(executable: executable.path, after: timeout)
            }
            return output
        }
    }

    static func environmentUpdate(_ extra: [String: String]) -> Environment {
        extra.isEmpty ? .inherit : .inherit.updating(Dictionary(uniqueKeysWithValues: extra.map { (Environment.Key(stringLiteral: $0.key), Optional($0.value)) }))
    }

    /// SIGTERM, then SIGKILL two seconds later, for a child in its own process group (see
    /// ``ownProcessGroup(_:)``).
    static func gracefulTeardown() -> PlatformOptions {
        var options = PlatformOptions()
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .seconds(2))]
        return ownProcessGroup(options)
    }

    /// Puts the child in a process group of its own. Ctrl-C signals the terminal's whole
    /// foreground group: a child in quantorch's group would die of SIGINT by itself, and
    /// quantorch could see it fail (and report a tool failure, exit 1) before its own signal
    /// handler ran. Alone in its group, the child is stopped only by `ChildProcessGuard`,
    /// after the interrupt is recorded.
    static func ownProcessGroup(_ options: PlatformOptions) -> PlatformOptions {
        var options = options
        options.processGroupID = 0
        return options
    }
}

/// Why a command could not be run to completion.
public enum CommandError: Error, CustomStringConvertible {
    /// The program could not be started (missing, not executable, exec failed).
    case launchFailed(executable: String, reason: String)
    /// The program ran past its time limit and was stopped.
    case timedOut(executable: String, after: Duration)

    public var description: String {
        switch self {
        case let .launchFailed(executable, reason): "cannot run \(executable): \(reason)"
        case let .timedOut(executable, after): "\(executable) did not finish within \(after) and was stopped"
        }
    }
}

extension Duration {
    /// The duration in seconds as a Double.
    public var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) / 1e18
    }
}
