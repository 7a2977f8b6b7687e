import Foundation

/// Perplexity and KL divergence of GGUF models with llama.cpp's `llama-perplexity`.
///
/// KL divergence is measured the two-step way llama.cpp's perplexity README describes: the
/// baseline writes its log-probabilities for the corpus once (`writeKLDBase`), then each
/// variant is compared against that file (`klDivergence`). Both steps must use the same
/// `contextSize`. Only the second half of each context window is scored, so a chunk scores
/// `contextSize − contextSize/2 − 1` tokens, and KLD statistics need at least 100 of them.
///
/// ```swift
/// let base = try await Perplexity.writeKLDBase(toolchain: tc, baseline: f16, corpus: text,
///     baseFile: work.appending(path: "base.kld"), contextSize: 512, chunks: 16, threads: 2, logFile: log)
/// let kld = try await Perplexity.klDivergence(toolchain: tc, model: q4, baseFile: work.appending(path: "base.kld"),
///     contextSize: 512, chunks: 16, threads: 2, logFile: log)
/// kld.kldMean   // 0.050607 (nats)
/// ```
public enum Perplexity {
    /// Perplexity of `model` on `corpus` (`llama-perplexity -m MODEL -f CORPUS -c CTX --chunks N -t T`).
    /// - Parameters:
    ///   - contextSize: tokens per chunk (`-c`).
    ///   - chunks: chunks to evaluate at most (`--chunks`).
    ///   - threads: CPU threads (`-t`).
    ///   - logFile: the tool's output is appended here.
    ///   - timeout: wall-clock limit.
    ///   - executor: where the tool runs (default: a child process here).
    /// - Throws: `PerplexityError` (`.missingInput`, `.corpusTooShort`, `.toolFailed` with the
    ///   exit code or signal and the log's last lines, `.missingSummary`), `ToolchainError` when
    ///   llama-perplexity is not found, `CommandError.timedOut` past `timeout`.
    public static func measure(toolchain: Toolchain, model: URL, corpus: URL, contextSize: Int, chunks: Int,
                               threads: Int, logFile: URL, timeout: Duration = .seconds(3600),
                               executor: any ToolExecutor = LocalExecutor()) async throws -> PerplexityResult {
        try requireFile(model, "model")
        try requireFile(corpus, "corpus")
        let run = try await runTool(toolchain, ["-m", model.path, "-f", corpus.path] + window(contextSize, chunks, threads),
                                    corpus: corpus, activity: "measuring the perplexity of \(model.lastPathComponent)",
                                    logFile: logFile, timeout: timeout, executor: executor)
        return try parsePerplexity(run.output, corpus: corpus)
    }

    /// Step 1 of KL divergence: runs the baseline on `corpus` and writes its log-probabilities
    /// to `baseFile` (`--kl-divergence-base`); returns the baseline's perplexity. The file is
    /// written under a temporary name and renamed when complete.
    /// - Parameters: as `measure`; `baseFile` is where the log-probabilities go (about 6 MB
    ///   per chunk at ctx 128 for a 49k vocabulary: uint16 per vocabulary entry per scored token).
    /// - Throws: as `measure`.
    public static func writeKLDBase(toolchain: Toolchain, baseline: URL, corpus: URL, baseFile: URL,
                                    contextSize: Int, chunks: Int, threads: Int, logFile: URL,
                                    timeout: Duration = .seconds(3600), executor: any ToolExecutor = LocalExecutor()) async throws -> PerplexityResult {
        try requireFile(baseline, "baseline model")
        try requireFile(corpus, "corpus")
        let partial = try PartialFile(for: baseFile)
        defer { partial.discard() }
        let run = try await runTool(toolchain, ["-m", baseline.path, "-f", corpus.path, "--kl-divergence-base", partial.url.path]
                                        + window(contextSize, chunks, threads),
                                    corpus: corpus, activity: "writing the KL-divergence base of \(baseline.lastPathComponent)",
                                    logFile: logFile, timeout: timeout, executor: executor)
        let result = try parsePerplexity(run.output, corpus: corpus)
        try partial.commit()
        return result
    }

    /// Step 2 of KL divergence: `model` against the baseline's `baseFile`
    /// (`--kl-divergence-base FILE --kl-divergence`; the tokens come from the file, no corpus).
    /// - Parameters: `contextSize` must equal step 1's; `chunks` is passed on, but
    ///   llama-perplexity evaluates every chunk of the base file in this mode, so the result's
    ///   `chunks` and `scoredTokens` are step 1's.
    /// - Throws: as `measure`, plus `PerplexityError.tooFewScoredTokens` below 100 scored tokens.
    public static func klDivergence(toolchain: Toolchain, model: URL, baseFile: URL, contextSize: Int,
                                    chunks: Int, threads: Int, logFile: URL,
                                    timeout: Duration = .seconds(3600), executor: any ToolExecutor = LocalExecutor()) async throws -> KLDResult {
        try requireFile(model, "model")
        try requireFile(baseFile, "KLD base file")
        let run = try await runTool(toolchain, ["-m", model.path, "--kl-divergence-base", baseFile.path, "--kl-divergence"]
                                        + window(contextSize, chunks, threads),
                                    corpus: nil, activity: "measuring the KL divergence of \(model.lastPathComponent)",
                                    logFile: logFile, timeout: timeout, executor: executor)
        return try parseKLD(run.output)
    }

    /// Reads the perplexity from llama-perplexity's output (its `Final estimate: PPL = X +/- E`
    /// line) and the chunks it evaluated (its "calculating perplexity over N chunks, n_ctx=C" line).
    /// - Parameter corpus: the corpus the output is of, named when it was too short.
    /// - Throws: `.corpusTooShort` when it refused a short corpus (it exits 0 then),
    ///   `.missingSummary` when the line is absent.
    public static func parsePerplexity(_ output: String, corpus: URL) throws(PerplexityError) -> PerplexityResult {
        let marker = "Final estimate: PPL = "
        guard let line = output.split(separator: "\n").last(where: { $0.contains(marker) }),
              let range = line.range(of: marker) else {
            if let shortfall = CorpusShortfall(output: output, corpus: corpus.path) { throw .corpusTooShort(shortfall) }
            throw .missingSummary(expected: "\"\(marker)…\" line", lastLines: lastLines(output))
        }
        let parts = line[range.upperBound...].components(separatedBy: "+/-").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let ppl = Double(parts[0]), ppl.isFinite else {
            throw .unreadableStatistic(label: "Final estimate: PPL", text: String(line[range.upperBound...]))
        }
        let window = evaluatedWindow(output)
        return PerplexityResult(ppl: ppl, pplError: parts.count > 1 ? Double(parts[1]) : nil,
                                scoredTokens: window?.scored, chunks: window?.chunks)
    }

    /// Reads every KL-divergence statistic from llama-perplexity's output in `--kl-divergence` mode.
    /// - Throws: `.tooFewScoredTokens` when fewer than 100 tokens were scored (no summary is
    ///   printed then), `.missingSummary` when the summary or a required line is absent,
    ///   `.unreadableStatistic` for a number that cannot be read.
    public static func parseKLD(_ output: String) throws(PerplexityError) -> KLDResult {
        let window = evaluatedWindow(output)
        guard let lines = StatisticLines(output: output) else {
            if let window, window.scored < 100 {
                throw .tooFewScoredTokens(scored: window.scored, chunks: window.chunks, contextSize: window.context)
            }
            throw .missingSummary(expected: "KL-divergence summary (\"\(StatisticLines.heading)\")", lastLines: lastLines(output))
        }
        return try KLDResult(lines, chunks: window?.chunks, scoredTokens: window?.scored, table: KLDChunkTable(output: output))
    }

    private static func window(_ contextSize: Int, _ chunks: Int, _ threads: Int) -> [String] {
        ["-c", String(contextSize), "--chunks", String(chunks), "-t", String(threads)]
    }

    private static func runTool(_ toolchain: Toolchain, _ arguments: [String], corpus: URL?, activity: String,
                                logFile: URL, timeout: Duration, executor: any ToolExecutor) async throws -> LoggedRun {
        let run = try await LoggedRun.run(try toolchain.require(.perplexity), arguments, logFile: logFile, timeout: timeout,
                                          executor: executor)
        guard run.termination.isSuccess else {
            if let corpus, let shortfall = CorpusShortfall(output: run.output, corpus: corpus.path) {
                throw PerplexityError.corpusTooShort(shortfall)
            }
            throw PerplexityError.toolFailed(termination: run.termination, activity: activity,
                                             logFile: logFile.path, lastLines: run.lastLines())
        }
        return run
    }

    /// Chunks and scored tokens from "… over N chunks, n_ctx=C …" (perplexity and KLD modes).
    /// The chunk count is the one used, which is below `--chunks` when the corpus (or, in KLD
    /// mode, the base file) holds fewer.
    private static func evaluatedWindow(_ output: String) -> (chunks: Int, context: Int, scored: Int)? {
        guard let match = output.firstMatch(of: /over (\d+) chunks, n_ctx=(\d+)/),
              let chunks = Int(match.1), let context = Int(match.2) else { return nil }
        return (chunks, context, chunks * (context - 1 - context / 2))
    }

    private static func lastLines(_ output: String) -> String {
        output.split(separator: "\n").suffix(15).joined(separator: "\n")
    }

    private static func requireFile(_ url: URL, _ what: String) throws(PerplexityError) {
        guard FileManager.default.fileExists(atPath: url.path) else { throw .missingInput(what: what, path: url.path) }
    }
}
