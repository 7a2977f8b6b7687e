import Foundation

/// Quantizes GGUF models with llama.cpp's `llama-quantize`, optionally guided by an importance
/// matrix from `llama-imatrix` (llama.cpp `tools/quantize`, `tools/imatrix`).
///
/// Each output is written under a temporary name in its folder, checked to be a readable GGUF,
/// and renamed into place, so an interrupted or failed run never leaves a half file at `output`.
///
/// ```swift
/// try await Quantizer.quantize(toolchain: tc, input: f16, type: try QuantType(parsing: "Q4_K_M"),
///     output: work.appending(path: "model.Q4_K_M.gguf"), threads: 2, logFile: log)
/// ```
public enum Quantizer {
    /// Quantizes `input` to `type` (`llama-quantize [--allow-requantize] [--imatrix M] IN OUT TYPE THREADS`).
    /// - Parameters:
    ///   - importanceMatrix: a `llama-imatrix` output to weight the quantization error by.
    ///   - allowRequantize: pass `--allow-requantize` even if no tensor of `input` is found
    ///     quantized; it is passed anyway when `GGUFInfo.isQuantized` says the input is (e.g. a
    ///     shipped Q4_1 model), since llama-quantize refuses such input otherwise.
    ///   - threads: CPU threads.
    ///   - logFile: the tool's output is appended here.
    ///   - tensorTypes: `--tensor-type PATTERN=type` arguments, one per pair, in order.
    ///   - timeout: wall-clock limit.
    ///   - executor: where the tool runs (default: a child process here).
    /// - Throws: `QuantizeError.missingInput`, `GGUFError` when `input` (or the result) is not
    ///   a readable GGUF, `QuantizeError.requiresImportanceMatrix` when `type` needs one and none
    ///   was given, `QuantizeError.toolFailed` (exit code or signal) with the log's last lines,
    ///   `ToolchainError` when llama-quantize is not found, `CommandError.timedOut` past `timeout`.
    /// - Returns: the tensors llama-quantize gave another type than it chose because their rows
    ///   do not fit the chosen type's blocks, as it printed them (empty when none did).
    @discardableResult
    public static func quantize(toolchain: Toolchain, input: URL, type: QuantType, output: URL,
                                importanceMatrix: URL? = nil, allowRequantize: Bool = false, threads: Int,
                                tensorTypes: [String] = [], logFile: URL, timeout: Duration = .seconds(3600),
                                executor: any ToolExecutor = LocalExecutor()) async throws -> [QuantizeFallback] {
        guard FileManager.default.fileExists(atPath: input.path) else {
            throw QuantizeError.missingInput(what: "input model", path: input.path)
        }
        let info = try GGUFInfo.read(input)
        var arguments: [String] = []
        if allowRequantize || info.isQuantized { arguments.append("--allow-requantize") }
        if let importanceMatrix {
            guard FileManager.default.fileExists(atPath: importanceMatrix.path) else {
                throw QuantizeError.missingInput(what: "importance matrix", path: importanceMatrix.path)
            }
            arguments += ["--imatrix", importanceMatrix.path]
        }
        arguments += tensorTypes.flatMap { ["--tensor-type", $0] }
        let partial = try PartialFile(for: output)
        defer { partial.discard() }
        arguments += [input.path, partial.url.path, type.name, String(threads)]
        let printed = try await run(.quantize, toolchain, arguments, activity: "quantizing \(input.lastPathComponent) to \(type.name)",
                                   logFile: logFile, timeout: timeout, executor: executor) { output in
            guard output.contains("this quantization requires an importance matrix") else { return nil }
            let offending = output.firstMatch(of: /offending tensor: (\S+)\s+- target type: (\S+)/)
            return .requiresImportanceMatrix(type: type.name, tensor: offending.map { String($0.1) }, tensorType: offending.map { String($0.2) })
        }
        _ = try GGUFInfo.read(partial.url)
        try partial.commit()
        return QuantizeFallback.parse(printed)
    }

    /// Computes an importance matrix of `model` on `corpus`
    /// (`llama-imatrix -m MODEL -f CORPUS -o OUT -c CTX --chunks N -t T`), for `quantize`.
    /// - Parameters:
    ///   - output: where the matrix goes (GGUF format when the name ends in `.gguf`).
    ///   - contextSize: tokens per chunk (`-c`); chunks: chunks to process at most.
    ///   - executor: where the tool runs (default: a child process here).
    /// - Throws: as `quantize`, and `QuantizeError.corpusTooShort` when the corpus has fewer
    ///   than 2 × `contextSize` tokens.
    public static func computeImportanceMatrix(toolchain: Toolchain, model: URL, corpus: URL, output: URL,
                                               contextSize: Int, chunks: Int, threads: Int, logFile: URL,
                                               timeout: Duration = .seconds(3600), executor: any ToolExecutor = LocalExecutor()) async throws {
        guard FileManager.default.fileExists(atPath: model.path) else {
            throw QuantizeError.missingInput(what: "model", path: model.path)
        }
        guard FileManager.default.fileExists(atPath: corpus.path) else {
            throw QuantizeError.missingInput(what: "corpus", path: corpus.path)
        }
        let partial = try PartialFile(for: output)
        defer { partial.discard() }
        _ = try await run(.imatrix, toolchain, ["-m", model.path, "-f", corpus.path, "-o", partial.url.path,
                                            "-c", String(contextSize), "--chunks", String(chunks), "-t", String(threads)],
                      activity: "computing the importance matrix of \(model.lastPathComponent)", logFile: logFile, timeout: timeout,
                      executor: executor) { output in
            CorpusShortfall(output: output, corpus: corpus.path).map(QuantizeError.corpusTooShort)
        }
        try partial.commit()
    }

    /// Runs `tool`; on failure throws what `diagnose` reads from its output (a refused input),
    /// or else `.toolFailed`; returns the run's own output.
    private static func run(_ tool: LlamaTool, _ toolchain: Toolchain, _ arguments: [String], activity: String,
                            logFile: URL, timeout: Duration, executor: any ToolExecutor, diagnose: (String) -> QuantizeError?) async throws -> String {
        let run = try await LoggedRun.run(try toolchain.require(tool), arguments, logFile: logFile, timeout: timeout, executor: executor)
        guard run.termination.isSuccess else {
            if let refused = diagnose(run.output) { throw refused }
            throw QuantizeError.toolFailed(tool: tool.rawValue, termination: run.termination, activity: activity,
                                           logFile: logFile.path, lastLines: run.lastLines())
        }
        return run.output
    }
}
