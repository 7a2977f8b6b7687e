import Foundation
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Starts llama-server for one GGUF, hands the running server to a closure, and always stops it.
///
/// Built on swift-subprocess's closure-based `run`: the closure owns the child's lifetime, so the
/// server is stopped inside it (SIGTERM, then SIGKILL after `stopGracePeriod`) on every path:
/// the body returns, the body throws, the task is cancelled (swift-subprocess also runs the
/// configured teardown on cancellation), or the server never becomes healthy. Live PIDs are
/// kept in a process-wide registry so `ChildProcessGuard` can stop them on SIGINT/SIGTERM, and
/// each has a watchdog that ends it should quantorch be killed with SIGKILL.
///
/// A server that dies is reported by how it ended (an exit code, or a signal such as SIGILL
/// from a build this CPU cannot run), never as a port conflict unless its log says the bind
/// failed: a dead server's port lingers in TIME_WAIT and would look taken to a plain bind.
///
/// ```swift
/// let answer = try await ServerProcess.withServer(toolchain: toolchain, configuration: config) { server in
///     try await server.client().chat(request)
/// }
/// ```
public enum ServerProcess {
    /// Launches tried when llama-server cannot bind a picked free port (taken in between).
    static let portAttempts = 3

    /// What llama-server logs when it cannot bind its port (tools/server/server-http.cpp:
    /// "couldn't bind HTTP server socket, hostname: %s, port: %d").
    static let bindFailureMarker = "couldn't bind HTTP server socket"

    /// Starts llama-server on 127.0.0.1, waits for `/health` 200, runs `body`, then stops the
    /// server (SIGTERM, SIGKILL after the grace period), also when `body` throws or the task is
    /// cancelled. The server's stdout and stderr are appended to `configuration.logFile`.
    /// - Returns: what `body` returns.
    /// - Throws: `ServerError.modelMissing` (checked before launch), `ToolchainError` when
    ///   llama-server is not installed, `ServerError.portTaken` (a fixed port another process
    ///   listens on, or llama-server's log says three picked ports could not be bound),
    ///   `.endedBeforeReady` with the exit code or signal and the log's last lines,
    ///   `.healthTimeout`, `.launchFailed`; `.endedWhileServing` when the server died on its
    ///   own and `body` then failed; `CancellationError`; anything else `body` throws.
    public static func withServer<T: Sendable>(
        toolchain: Toolchain, configuration: ServerConfiguration,
        _ body: @Sendable (RunningServer) async throws -> T
    ) async throws -> T {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: configuration.model.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw ServerError.modelMissing(path: configuration.model.path)
        }
        let executable = try toolchain.require(.server)
        do {
            try FileManager.default.createDirectory(at: configuration.logFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw ServerError.launchFailed(executable: executable.path, reason: "cannot create the folder of its log file \(configuration.logFile.path): \(error.localizedDescription)")
        }
        if let port = configuration.port, FreePort.isTaken(port) {
            throw ServerError.portTaken(port: port, logFile: configuration.logFile.path)
        }
        var attempt = 1
        while true {
            let port = try configuration.port ?? FreePort.pick()
            do {
                return try await launch(executable, configuration, port: port, body)
            } catch ServerError.portTaken where configuration.port == nil && attempt < portAttempts {
                attempt += 1
            }
        }
    }

    private enum Outcome<T: Sendable>: Sendable {
        case finished(T)
        case endedBeforeReady
        case endedWhileServing
    }

    private enum Readiness {
        case healthy, exited, timedOut
    }

    /// Marks errors thrown inside the subprocess closure, so that they are not mistaken for
    /// swift-subprocess's own launch errors.
    private struct InsideFailure: Error {
        let underlying: any Error
    }

    /// One launch on `port`, without the checks and retries of `withServer`.
    static func launch<T: Sendable>(
        _ executable: URL, _ configuration: ServerConfiguration, port: Int,
        _ body: @Sendable (RunningServer) async throws -> T
    ) async throws -> T {
        let log = ServerLog.marking(configuration.logFile)
        let output: FileDescriptor
        let errorOutput: FileDescriptor
        do {
            output = try FileDescriptor.open(FilePath(configuration.logFile.path), .writeOnly,
                                             options: [.create, .append], permissions: [.ownerReadWrite, .groupRead, .otherRead])
            do { errorOutput = try output.duplicate() } catch {
                try? output.close()
                throw error
            }
        } catch {
            throw ServerError.launchFailed(executable: executable.path, reason: "cannot open its log file \(configuration.logFile.path): \(error)")
        }
        var options = PlatformOptions()
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: configuration.stopGracePeriod)]
        options = CommandRunner.ownProcessGroup(options)
        let secret = configuration.apiKey.map(RedactedSecret.init(value:))
        let start = ContinuousClock.now
        let result: ExecutionResult<Outcome<T>, FileDescriptorOutput, FileDescriptorOutput>
        do {
            let command = ProcessNiceness.command(executable.path, configuration.arguments(port: port))
            result = try await Subprocess.run(
                .path(FilePath(command.executable)), arguments: Arguments(command.arguments),
                environment: environment(apiKey: configuration.apiKey), platformOptions: options,
                input: .none,
                output: .fileDescriptor(output, closeAfterSpawningProcess: true),
                error: .fileDescriptor(errorOutput, closeAfterSpawningProcess: true)
            ) { execution in
                let pid = execution.processIdentifier.value
                await ChildProcessRegistry.register(pid, name: "llama-server \(configuration.model.lastPathComponent)")
                let stop: @Sendable () async -> Void = {
                    await execution.teardown(using: [.gracefulShutDown(allowedDurationToNextStep: configuration.stopGracePeriod)])
                    ChildProcessRegistry.unregister(pid)
                }
                do {
                    switch try await waitUntilHealthy(pid: pid, port: port, deadline: start + configuration.startupTimeout) {
                    case .exited:
                        await stop()
                        return Outcome<T>.endedBeforeReady
                    case .timedOut:
                        await stop()
                        throw ServerError.healthTimeout(after: configuration.startupTimeout, logFile: log.url.path,
                                                        lastLines: log.lastLines(masking: configuration.apiKey))
                    case .healthy:
                        break
                    }
                    let server = RunningServer(port: port, processID: pid, loadSeconds: start.duration(to: .now).seconds, apiKey: secret)
                    let value: T
                    do { value = try await body(server) } catch where diedFirst(pid, error) {
                        await stop()
                        return .endedWhileServing
                    }
                    await stop()
                    return .finished(value)
                } catch {
                    await stop()
                    throw InsideFailure(underlying: error)
                }
            }
        } catch let failure as InsideFailure {
            throw failure.underlying
        } catch let error as SubprocessError {
            throw ServerError.launchFailed(executable: executable.path, reason: "\(error)")
        }
        switch result.closureResult {
        case let .finished(value):
            return value
        case .endedBeforeReady:
            if log.text(masking: configuration.apiKey).contains(bindFailureMarker) {
                throw ServerError.portTaken(port: port, logFile: log.url.path)
            }
            throw ServerError.endedBeforeReady(termination: ProcessTermination(result.terminationStatus),
                                               model: configuration.model.lastPathComponent, logFile: log.url.path,
                                               lastLines: log.lastLines(masking: configuration.apiKey))
        case .endedWhileServing:
            throw ServerError.endedWhileServing(termination: ProcessTermination(result.terminationStatus),
                                                model: configuration.model.lastPathComponent, logFile: log.url.path,
                                                lastLines: log.lastLines(masking: configuration.apiKey))
        }
    }

    /// True when the server had already ended before `body` failed with `error`: its death is
    /// then the cause to report. Not when the task was cancelled, since swift-subprocess's
    /// teardown on cancellation may have been what ended it.
    private static func diedFirst(_ pid: Int32, _ error: any Error) -> Bool {
        !(error is CancellationError) && !Task.isCancelled && ProcessStatus.hasExited(pid)
    }

    /// Polls `/health` every 100 ms until it answers 200 from *this* process's listener, the
    /// process exits, or the deadline passes. A 200 from another process that holds the port
    /// (our server then fails to bind and exits) does not count.
    private static func waitUntilHealthy(pid: Int32, port: Int, deadline: ContinuousClock.Instant) async throws -> Readiness {
        // /health skips the API key check, and a short timeout keeps a stalled probe from
        // eating the startup budget.
        let probe = ServerClient(baseURL: URL(string: "http://127.0.0.1:\(port)")!, timeout: .seconds(2))
        while true {
            if ProcessStatus.hasExited(pid) { return .exited }
            if (try? await probe.health()) == true, ProcessStatus.listens(pid, on: port) { return .healthy }
            try Task.checkCancellation()
            if ContinuousClock.now >= deadline { return .timedOut }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// The inherited environment with `LLAMA_API_KEY` set to the key, or removed so that a key
    /// in quantorch's own environment does not silently lock the server.
    private static func environment(apiKey: String?) -> Environment {
        .inherit.updating(["LLAMA_API_KEY": apiKey])
    }
}
