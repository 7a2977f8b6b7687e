import Foundation

/// Runs a program to its end with stdout and stderr captured together.
/// - Parameter environment: the program's whole environment; nil inherits this process's.
/// - Returns: its termination status and everything it printed.
/// - Throws: when the program cannot be started.
func runCapturingOutput(_ executable: URL, _ arguments: [String] = [],
                        environment: [String: String]? = nil) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, output)
}
