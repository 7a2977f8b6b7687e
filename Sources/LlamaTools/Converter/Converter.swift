import Foundation

/// Converts a Hugging Face checkpoint folder to GGUF with llama.cpp's `convert_hf_to_gguf.py`,
/// run by the toolchain's Python (`python convert_hf_to_gguf.py DIR --outtype T --outfile OUT`).
///
/// The folder is checked first (config.json, weight files) so that the common mistakes get a
/// plain message rather than a Python traceback; the converter's own failures are read from its
/// log (unsupported architecture, a missing Python module). The GGUF is written under a
/// temporary name, checked to be readable, and renamed into place.
///
/// ```swift
/// try await Converter.convert(toolchain: tc, checkpoint: hfFolder, outType: .f16,
///     output: work.appending(path: "model.F16.gguf"), logFile: work.appending(path: "logs/convert.log"))
/// ```
public enum Converter {
    /// Converts `checkpoint` to a GGUF at `output`.
    /// - Parameters:
    ///   - checkpoint: a folder with config.json, tokenizer files and `*.safetensors` / `*.bin` weights.
    ///   - outType: the weights' precision in the GGUF.
    ///   - logFile: the converter's output is appended here as it runs.
    ///   - timeout: wall-clock limit.
    ///   - executor: where the tool runs (default: a child process here).
    /// - Throws: `ConverterError` (`.missingCheckpoint`, `.noConfig`, `.noWeights`,
    ///   `.unsupportedArchitecture`, `.missingPythonModule`, `.converterFailed` with the exit
    ///   code or signal and the log's last lines), `ToolchainError` when the converter or its
    ///   Python is missing, `GGUFError` when the output is not a readable GGUF,
    ///   `CommandError.timedOut` past `timeout`.
    public static func convert(toolchain: Toolchain, checkpoint: URL, outType: ConverterOutType,
                               output: URL, logFile: URL, timeout: Duration = .seconds(1800),
                               executor: any ToolExecutor = LocalExecutor()) async throws {
        try checkFolder(checkpoint)
        let (script, python) = try toolchain.requireConverter()
        let partial = try PartialFile(for: output)
        defer { partial.discard() }
        let run = try await LoggedRun.run(
            python, [script.path, checkpoint.path, "--outtype", outType.rawValue, "--outfile", partial.url.path],
            environment: ["PYTHONUNBUFFERED": "1"], logFile: logFile, timeout: timeout, executor: executor)
        guard run.termination.isSuccess else {
            throw diagnose(run, checkpoint: checkpoint, python: python)
        }
        _ = try GGUFInfo.read(partial.url)
        try partial.commit()
    }

    /// The checks the converter would otherwise fail on with a traceback.
    static func checkFolder(_ checkpoint: URL) throws(ConverterError) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: checkpoint.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw .missingCheckpoint(path: checkpoint.path)
        }
        guard FileManager.default.fileExists(atPath: checkpoint.appending(path: "config.json").path) else {
            throw .noConfig(folder: checkpoint.path)
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: checkpoint.path)) ?? []
        guard names.contains(where: { $0.hasSuffix(".safetensors") || $0.hasSuffix(".bin") }) else {
            throw .noWeights(folder: checkpoint.path)
        }
    }

    /// The cause of a failed conversion, read from the converter's log.
    static func diagnose(_ run: LoggedRun, checkpoint: URL, python: URL) -> ConverterError {
        if let match = run.output.firstMatch(of: /Model (\S+) is not supported/) ?? run.output.firstMatch(of: /Architecture '([^']+)' not supported/) {
            return .unsupportedArchitecture(String(match.1), logFile: run.logFile.path)
        }
        if let match = run.output.firstMatch(of: /No module named '([^']+)'/) {
            return .missingPythonModule(String(match.1), python: python.path)
        }
        return .converterFailed(termination: run.termination, checkpoint: checkpoint.path, logFile: run.logFile.path,
                                lastLines: run.lastLines())
    }
}
