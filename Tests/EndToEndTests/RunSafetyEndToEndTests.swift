import Foundation
import LlamaTools
import Reports
import Testing

/// What keeps a run's results true when something else happens to it: a second run on the
/// same work folder, Ctrl-C in the middle of a tool, a cached GGUF edited in place, a suite
/// prompt too long for the server. The real quantorch binary, the real llama.cpp tools and a
/// real llama-server on 127.0.0.1, sharing one fixture so the model is converted once.
@Suite(.serialized, .enabled(if: EndToEndFixture.manifest != nil, "needs scripts/bootstrap"))
struct RunSafetyEndToEndTests {
    struct Summary: Decodable {
        var reportPath: String
        enum CodingKeys: String, CodingKey { case reportPath = "report_path" }
    }

    @Test(.timeLimit(.minutes(30)))
    func aSecondRunIsRefusedSigintMidQuantizeExits130AndAChangedVariantIsRemade() async throws {
        let fixture = try EndToEndFixture(name: "safety")
        defer { try? FileManager.default.removeItem(at: fixture.root) }
        let recipe = try fixture.recipe(questions: EndToEndFixture.capitals, ladder: "[F16, Q8_0, Q4_K_M, Q2_K]")
        let (first, out, err) = try QuantorchBinary.start(["run", recipe.path])
        let pid = first.processIdentifier

        // Two runs on one work folder: the second is refused at once, naming the first.
        let lock = try await waitFor(while: first) { files(under: fixture.work) { $0.lastPathComponent == "quantorch.lock" }.first {
            (try? String(contentsOf: $0, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) == "\(pid)"
        } }
        let refused = try await QuantorchBinary.run(["run", recipe.path])
        #expect(refused.exitCode == 1, "stderr: \(refused.stderr)")
        #expect(refused.stderr.contains("another quantorch run (PID \(pid)) is using \(lock.deletingLastPathComponent().path)"), "\(refused.stderr)")
        #expect(refused.stderr.contains("wait for it or use another --work-dir"))

        // Ctrl-C while llama-quantize writes a variant: exit 130, one line, nothing half-written.
        _ = try await waitFor(while: first, every: .milliseconds(20)) { partialFiles(under: fixture.work).first { $0.path.contains("/variants/") } }
        kill(pid, SIGINT)
        let interrupted = await QuantorchBinary.finish(first, out, err)
        #expect(interrupted.exitCode == 130, "stderr: \(interrupted.stderr)")
        #expect(interrupted.stderr.components(separatedBy: "interrupted").count - 1 == 1, "\(interrupted.stderr)")
        #expect(!interrupted.stderr.contains("failed with exit code") && !interrupted.stderr.contains("llama-quantize failed"), "\(interrupted.stderr)")
        #expect(partialFiles(under: fixture.work).isEmpty, "half-written files left: \(partialFiles(under: fixture.work))")
        try await Task.sleep(for: .seconds(1))
        #expect(processes(mentioning: fixture.root.path).isEmpty, "a llama.cpp tool outlived quantorch")

        // The re-run resumes (the converted master is reused) and commits exactly its answers.
        let resumed = try await QuantorchBinary.run(["run", recipe.path, "--json"])
        #expect([0, 3].contains(resumed.exitCode), "stderr: \(resumed.stderr)")
        #expect(resumed.stderr.contains("convert: reused"), "\(resumed.stderr)")
        let reportURL = URL(fileURLWithPath: try JSONDecoder().decode(Summary.self, from: Data(resumed.stdout.utf8)).reportPath)
        let report = try Report.decode(Data(contentsOf: reportURL))
        try report.validate()
        for variant in report.variants {
            let answers = try Data(contentsOf: reportURL.deletingLastPathComponent().appending(path: variant.answersFile))
            #expect(answers.split(separator: UInt8(ascii: "\n")).count == EndToEndFixture.capitals.count, "\(variant.quantType)")
            // The converted checkpoint carries SmolLM2's own template, so every variant uses it.
            #expect(variant.chatTemplate?.source == ChatTemplateInfo.fromGGUF)
            #expect(variant.chatTemplate?.sha256 == report.variants[0].chatTemplate?.sha256)
        }
        // No warning but the one three short answers always give (too few tokens for domain KLD).
        #expect((report.notes ?? []).allSatisfy { $0.hasPrefix("domain KLD not measured") }, "\(report.notes ?? [])")

        // A cached variant edited in place (same size, same date) is remade before it is served.
        let q8 = try #require(files(under: fixture.work) { $0.lastPathComponent == "Q8_0.gguf" && $0.path.contains("/variants/") }.first)
        let original = try FileDigest.sha256(of: q8)
        try flipByteKeepingSizeAndDate(q8, at: UInt64(try #require(report.variants.first { $0.quantType == "Q8_0" }?.sizeBytes) / 2))
        let corrupted = try FileDigest.sha256(of: q8)
        let remade = try await QuantorchBinary.run(["run", recipe.path, "--json"])
        #expect([0, 3].contains(remade.exitCode), "stderr: \(remade.stderr)")
        #expect(remade.stderr.contains("Q8_0.gguf changed since it was made"), "\(remade.stderr)")
        let after = try Report.decode(Data(contentsOf: URL(fileURLWithPath: try JSONDecoder().decode(Summary.self, from: Data(remade.stdout.utf8)).reportPath)))
        let now = try FileDigest.sha256(of: q8)
        #expect(after.variants.first { $0.quantType == "Q8_0" }?.sha256 == now)
        #expect(now != corrupted && now == original)

        // A prompt too long for the server's context fails before any question, naming it.
        let long = Array(repeating: "Describe the history of the city", count: 250).joined(separator: " ")
        let tooLong = try fixture.recipe(name: "long", questions: EndToEndFixture.capitals + [("overlong", long, "city")],
                                         ladder: "[F16, Q8_0, Q4_K_M, Q2_K]")
        let rejected = try await QuantorchBinary.run(["run", tooLong.path])
        #expect(rejected.exitCode == 2, "stderr: \(rejected.stderr)")
        #expect(rejected.stderr.contains("question 'overlong' (form original) is ") && rejected.stderr.contains("limit of 1000"), "\(rejected.stderr)")
        #expect(!rejected.stderr.contains("HTTP 400"))
    }

    @Test(.timeLimit(.minutes(20)))
    func sigintMidSuiteExits130AndTheRerunKeepsEarlierAnswers() async throws {
        let fixture = try EndToEndFixture(name: "sigint")
        defer { try? FileManager.default.removeItem(at: fixture.root) }
        let questions = (0..<12).map { ("q\($0)", "Name a famous city number \($0) in one word.", "city") }
        let recipe = try fixture.recipe(name: "interrupt", questions: questions, ladder: "[F16, Q8_0]")
        let (process, out, err) = try QuantorchBinary.start(["run", recipe.path])

        let answers = try await waitForAnswers(under: fixture.work, atLeast: 2, while: process)
        kill(process.processIdentifier, SIGINT)
        let interrupted = await QuantorchBinary.finish(process, out, err)
        #expect(interrupted.exitCode == 130, "stderr: \(interrupted.stderr)")
        #expect(interrupted.stderr.components(separatedBy: "interrupted").count - 1 == 1, "\(interrupted.stderr)")
        #expect(!interrupted.stderr.contains("server closed the connection") && !interrupted.stderr.contains("failed"), "\(interrupted.stderr)")
        try await Task.sleep(for: .seconds(1))
        #expect(processes(mentioning: fixture.root.path).isEmpty, "a llama.cpp process outlived quantorch")

        let before = try Data(contentsOf: answers)
        let rerun = try await QuantorchBinary.run(["run", recipe.path])
        #expect([0, 3].contains(rerun.exitCode), "stderr: \(rerun.stderr)")
        let after = try Data(contentsOf: answers)
        #expect(after.starts(with: before), "answers finished before the interruption must be kept byte for byte")
        #expect(after.split(separator: UInt8(ascii: "\n")).count == questions.count)
    }
}

/// Polls `find` until it returns a value, while `process` runs (10 minutes at most).
/// - Throws: `CancellationError` when the process ends or the time is up first.
func waitFor<T>(while process: Process, every interval: Duration = .milliseconds(200),
                _ find: () -> T?) async throws -> T {
    let deadline = ContinuousClock.now + .seconds(600)
    while ContinuousClock.now < deadline, process.isRunning {
        if let found = find() { return found }
        try await Task.sleep(for: interval)
    }
    throw CancellationError()
}

/// Waits, while `process` runs, for an answers log under `work` with at least `count` lines.
/// - Returns: the log.
func waitForAnswers(under work: URL, atLeast count: Int, while process: Process) async throws -> URL {
    try await waitFor(while: process) {
        files(under: work) { $0.pathExtension == "jsonl" && $0.path.contains("/eval/") }.first {
            ((try? Data(contentsOf: $0))?.split(separator: UInt8(ascii: "\n")).count ?? 0) >= count
        }
    }
}

/// Files under `root` that satisfy `keep`.
func files(under root: URL, _ keep: (URL) -> Bool) -> [URL] {
    (FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []).filter(keep)
}

/// Temporary files of quantorch's writers (`.<name>.<random>.partial[.<ext>]`).
func partialFiles(under root: URL) -> [URL] {
    files(under: root) { $0.lastPathComponent.hasPrefix(".") && $0.lastPathComponent.contains(".partial") }
}

/// Flips one byte of `url` in place and puts its modification time back to the nanosecond.
func flipByteKeepingSizeAndDate(_ url: URL, at offset: UInt64) throws {
    var before = stat()
    guard stat(url.path, &before) == 0 else { throw CocoaError(.fileReadUnknown) }
    let handle = try FileHandle(forUpdating: url)
    try handle.seek(toOffset: offset)
    let byte = try #require(try handle.read(upToCount: 1)?.first)
    try handle.seek(toOffset: offset)
    try handle.write(contentsOf: Data([byte ^ 0xFF]))
    try handle.close()
    guard utimensat(AT_FDCWD, url.path, [before.st_atim, before.st_mtim], 0) == 0 else { throw CocoaError(.fileWriteUnknown) }
}
