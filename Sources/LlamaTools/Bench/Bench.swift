import Foundation

/// Prompt-processing and generation throughput of a GGUF with llama.cpp's `llama-bench`
/// (`llama-bench -m M -p P -n N -r R -t T -o json`).
///
/// ```swift
/// let results = try await Bench.run(toolchain: tc, model: q4, promptTokens: 512, generatedTokens: 128,
///                                   repetitions: 3, threads: 2)
/// results.map(\.testName)   // ["pp512", "tg128"]
/// results[1].avgTs          // tokens/s
/// ```
public enum Bench {
    /// Runs llama-bench; one result per test (a `pp` test when `promptTokens` > 0, a `tg` test
    /// when `generatedTokens` > 0).
    /// - Parameters:
    ///   - promptTokens: prompt length of the pp test (`-p`).
    ///   - generatedTokens: tokens of the tg test (`-n`).
    ///   - repetitions: runs per test (`-r`), over which mean and deviation are taken.
    ///   - threads: CPU threads (`-t`).
    ///   - timeout: wall-clock limit.
    /// - Throws: `BenchError` (`.missingModel`, `.toolFailed` with the exit code or signal and
    ///   stderr's last lines, `.unreadableOutput`), `ToolchainError` when llama-bench is not found,
    ///   `CommandError.timedOut` past `timeout`.
    public static func run(toolchain: Toolchain, model: URL, promptTokens: Int, generatedTokens: Int,
                           repetitions: Int, threads: Int, timeout: Duration = .seconds(1800)) async throws -> [BenchResult] {
        guard FileManager.default.fileExists(atPath: model.path) else { throw BenchError.missingModel(path: model.path) }
        let output = try await CommandRunner.run(
            try toolchain.require(.bench),
            ["-m", model.path, "-p", String(promptTokens), "-n", String(generatedTokens),
             "-r", String(repetitions), "-t", String(threads), "-o", "json"],
            timeout: timeout)
        guard output.termination.isSuccess else {
            let lines = (output.standardError ?? "").split(separator: "\n").suffix(15).joined(separator: "\n")
            throw BenchError.toolFailed(termination: output.termination, model: model.lastPathComponent, lastLines: lines)
        }
        return try parse(Data((output.standardOutput ?? "").utf8))
    }

    /// Decodes the JSON array `llama-bench -o json` prints on stdout.
    /// - Throws: `BenchError.unreadableOutput`.
    public static func parse(_ json: Data) throws(BenchError) -> [BenchResult] {
        do {
            return try JSONDecoder().decode([BenchResult].self, from: json)
        } catch {
            throw .unreadableOutput(reason: "\(error)", start: String(decoding: json.prefix(200), as: UTF8.self))
        }
    }
}
