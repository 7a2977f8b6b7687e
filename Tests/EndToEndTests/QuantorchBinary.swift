import Foundation

/// Runs the built `quantorch` executable as a user would, and reads what it printed.
struct QuantorchBinary {
    struct Result {
        var exitCode: Int32
        var stdout: String
        var stderr: String
    }

    /// The executable beside the test bundle (same build folder), else `.build/debug/quantorch`.
    static var url: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "quantorch")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appending(path: ".build/debug/quantorch")
    }

    /// Starts quantorch with `arguments`; the caller waits (or signals it first).
    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    /// Runs quantorch to completion.
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Result {
        let (process, out, err) = try start(arguments, environment: environment)
        return await finish(process, out, err)
    }

    /// Waits for a started process and collects its output.
    static func finish(_ process: Process, _ out: Pipe, _ err: Pipe) async -> Result {
        async let stdout = Task.detached { out.fileHandleForReading.readDataToEndOfFile() }.value
        async let stderr = Task.detached { err.fileHandleForReading.readDataToEndOfFile() }.value
        let (o, e) = await (stdout, stderr)
        process.waitUntilExit()
        return Result(exitCode: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}
