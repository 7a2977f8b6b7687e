import Foundation

/// One run of a llama.cpp tool whose output went to a log file, with what that run wrote.
///
/// The log may already hold earlier runs (logs are appended to), so the run's own output is
/// read back from the byte offset where it started. A line `$ <command line>` is written
/// before the tool's output so that the log says what produced it.
struct LoggedRun: Sendable {
    /// How the tool ended: its exit code, or the signal that killed it.
    let termination: ProcessTermination
    /// What this run appended to the log, decoded as UTF-8.
    let output: String
    /// The log file.
    let logFile: URL

    /// Runs `executable` with stdout and stderr appended to `logFile`; `environment` is added
    /// to the inherited one.
    /// - Throws: `CommandError` when it cannot be started or passes `timeout`, or the error
    ///   of writing the log file.
    static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:],
                    logFile: URL, timeout: Duration, executor: any ToolExecutor = LocalExecutor()) async throws -> LoggedRun {
        try FileManager.default.createDirectory(at: logFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: logFile.path),
           !FileManager.default.createFile(atPath: logFile.path, contents: nil) {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: logFile.path])
        }
        let handle = try FileHandle(forWritingTo: logFile)
        let start = try handle.seekToEnd()
        try handle.write(contentsOf: Data(("$ " + ([executable.path] + arguments).map(Self.quoted).joined(separator: " ") + "\n").utf8))
        try handle.close()
        let termination = try await executor.run(executable, arguments, environment: environment, logFile: logFile, timeout: timeout)
        let reader = try FileHandle(forReadingFrom: logFile)
        defer { try? reader.close() }
        try reader.seek(toOffset: start)
        let data = try reader.readToEnd() ?? Data()
        return LoggedRun(termination: termination, output: String(decoding: data, as: UTF8.self), logFile: logFile)
    }

    /// The last `count` non-empty lines of this run's output, for error messages.
    func lastLines(_ count: Int = 15) -> String {
        output.split(separator: "\n", omittingEmptySubsequences: true).suffix(count).joined(separator: "\n")
    }

    private static func quoted(_ argument: String) -> String {
        argument.contains(where: { $0 == " " || $0 == "'" || $0 == "\"" }) ? "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'" : argument
    }
}
