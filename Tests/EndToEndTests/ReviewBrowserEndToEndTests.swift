import Foundation
import LlamaTools
import Reports
import Testing

/// The review flow as a person goes through it: report.html from a results repository opened
/// in headless Chromium (Debian's, driven by Playwright for Python, scripts/review-browser.py),
/// answers rated and a note typed, the page reloaded (the ratings survive in localStorage), the
/// review exported; then `quantorch review import` commits it, and report.md, `history` and the
/// next `compare` show it. Skipped where Chromium or Playwright is not installed
/// (scripts/bootstrap installs both: the debian and browser steps).
@Suite(.enabled(if: ReviewBrowser.python != nil && ReviewBrowser.chromium != nil, "needs Chromium and Playwright for Python (scripts/bootstrap)"))
struct ReviewBrowserEndToEndTests {
    let folder: URL
    let repository: URL
    let older: Report
    let newer: Report

    init() throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "qo-review-\(UUID().uuidString.prefix(8))")
        repository = folder.appending(path: "results")
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "ReportsTests/Fixtures/report.json")
        older = try Report.decode(Data(contentsOf: fixture))
        var next = older
        next.model.revision = "9b2d71c0e4f8a3b65d1e0c7f2a9b4e8d3c6f1a05"
        next.runID = "20261130T101500Z-0b7e22"
        next.createdAt = "2026-11-30T10:15:00Z"
        newer = next
        let results = try ResultsRepository(openingOrCreatingAt: repository)
        for report in [older, newer] {
            _ = try results.commit(report, answersFiles: try answersFiles(for: report))
        }
    }

    /// One answers file per variant with the original form of every question, as a run writes.
    private func answersFiles(for report: Report) throws -> [URL] {
        let answers = folder.appending(path: "answers-\(report.runID)")
        try FileManager.default.createDirectory(at: answers, withIntermediateDirectories: true)
        return try report.variants.map { variant in
            let url = answers.appending(path: Variant.answersFileName(of: variant.quantType))
            let lines = report.questions.map { "{\"question_id\":\"\($0.id)\",\"form\":\"original\",\"pass\":1}\n" }
            try Data(lines.joined().utf8).write(to: url)
            return url
        }
    }

    private func runFolder(_ report: Report) -> URL {
        repository.appending(path: "\(report.model.slug)/\(report.model.revision)/\(report.runID)")
    }

    private func quantorch(_ arguments: [String]) async throws -> QuantorchBinary.Result {
        try await QuantorchBinary.run(arguments + ["--results-repo", repository.path])
    }

    private func head() throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", repository.path, "rev-parse", "HEAD"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test(.timeLimit(.minutes(5)))
    func aReviewMadeInTheBrowserShowsUpInTheReportHistoryAndCompare() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let exported = folder.appending(path: "review-a.json")
        let session = try ReviewBrowser.review(runFolder(older).appending(path: "report.html"), into: exported, ratings: [
            "paclitaxel:Q6_K:partly:omits the dose", "cisplatin:Q6_K:right", "cisplatin:Q4_K_M:wrong", "paclitaxel:Q2_K:right",
        ])
        #expect(session["status_before_reload"] as? String == "4 of 24 answers rated")
        #expect(session["status_after_reload"] as? String == "4 of 24 answers rated", "the ratings must survive a reload (localStorage)")
        let pressed = try #require(session["pressed"] as? [[String]])
        #expect(pressed.contains(["paclitaxel", "Q6_K", "partly", "omits the dose"]))
        #expect(session["suggested_filename"] as? String == "review-\(older.runID).json")
        let file = try ReviewFile.decode(Data(contentsOf: exported), path: exported.path)
        #expect(file.model == older.model.slug && file.revision == older.model.revision && file.runID == older.runID)
        #expect(file.ratings.count == 4)
        #expect(file.ratings.contains(ReviewRating(questionID: "paclitaxel", form: "original", variant: "Q6_K", rating: .partly, note: "omits the dose")))

        // A tampered copy naming a variant the run lacks is refused with one line and commits nothing.
        let before = try head()
        let tampered = folder.appending(path: "tampered.json")
        try Data(String(decoding: Data(contentsOf: exported), as: UTF8.self).replacingOccurrences(of: "\"Q4_K_M\"", with: "\"Q5_K_S\"").utf8).write(to: tampered)
        let refused = try await quantorch(["review", "import", older.model.name, "4e53", older.runID, tampered.path])
        #expect(refused.exitCode == 2)
        #expect(refused.stderr.hasPrefix("quantorch review import: review file \(tampered.path): ratings[3].variant: \"Q5_K_S\" is not a variant of this run"))
        #expect(refused.stderr.filter { $0 == "\n" }.count == 1)
        #expect(try head() == before)

        let imported = try await quantorch(["review", "import", older.model.name, "4e53", older.runID, exported.path])
        #expect(imported.exitCode == 0, "\(imported.stderr)")
        let tag = "\(ResultsRepository.tagName(for: older))-review-1"
        #expect(imported.stdout.hasPrefix("imported 4 ratings as \(tag)"))
        #expect(imported.stdout.contains("Cohen's κ over all rated answers"))
        // A browser that never saw the review starts from the committed ratings (issue 32).
        let resumed = try ReviewBrowser.review(runFolder(older).appending(path: "report.html"), into: folder.appending(path: "review-again.json"),
                                               ratings: ["cisplatin:Q4_K_M:right"])
        #expect(resumed["status_before_reload"] as? String == "4 of 24 answers rated", "\(resumed)")
        let resumedPressed = try #require(resumed["pressed"] as? [[String]])
        #expect(resumedPressed.contains(["paclitaxel", "Q6_K", "partly", "omits the dose"]) && resumedPressed.contains(["cisplatin", "Q4_K_M", "right", ""]))
        let markdown = try String(contentsOf: runFolder(older).appending(path: "report.md"), encoding: .utf8)
        #expect(markdown.contains("## Human review"))
        #expect(markdown.contains("| Q6_K | 2 | 1 | 1 | 0 | 50.0 % [9.5–90.5] |"))
        #expect(markdown.contains("| Q2_K | 1 | 1 | 0 | 0 | 100.0 % [20.7–100.0] |"))
        #expect(FileManager.default.fileExists(atPath: runFolder(older).appending(path: "review.json").path))

        let history = try await quantorch(["history", older.model.name])
        #expect(history.exitCode == 0, "\(history.stderr)")
        let lines = history.stdout.split(separator: "\n")
        func lastCell(_ prefix: String) -> String? {
            lines.first { $0.hasPrefix(prefix) }?.split(separator: "  ").last?.trimmingCharacters(in: .whitespaces)
        }
        #expect(lastCell("revision") == "human review")
        #expect(lastCell("4e53ad5f7c2b")?.hasPrefix("50.0 %, κ ") == true, "\(history.stdout)")
        #expect(lastCell("9b2d71c0e4f8") == "—", "\(history.stdout)")
        let historyJSON = try await quantorch(["history", older.model.name, "--json"])
        #expect(historyJSON.stdout.contains("\"tag\" : \"\(tag)\""))

        // The next revision reviewed in the browser too: compare now sets human accuracy side by side.
        let exportedB = folder.appending(path: "review-b.json")
        _ = try ReviewBrowser.review(runFolder(newer).appending(path: "report.html"), into: exportedB, ratings: [
            "paclitaxel:Q6_K:wrong", "cisplatin:Q6_K:wrong",
        ])
        let importedB = try await quantorch(["review", "import", newer.model.name, "9b2d", newer.runID, exportedB.path])
        #expect(importedB.exitCode == 0, "\(importedB.stderr)")
        let compare = try await quantorch(["compare", older.model.name, "4e53", "9b2d", "--fail-on", "human_accuracy:0.25"])
        #expect(compare.exitCode == 4, "\(compare.stderr)")
        #expect(compare.stdout.split(separator: "\n").contains { $0.hasPrefix("Q6_K") && $0.contains("human_accuracy") && $0.contains("50.0 %") && $0.contains("0.0 %") },
                "\(compare.stdout)")
        #expect(compare.stderr.contains("Q6_K human_accuracy got worse by 0.5000"))
        let speedGate = try await quantorch(["compare", older.model.name, "4e53", "9b2d", "--fail-on", "gen_tokens_per_s:1"])
        #expect(speedGate.exitCode == 2 && speedGate.stderr.contains("cannot gate a regression"), "\(speedGate.stderr)")
    }
}

/// Playwright for Python and Chromium as scripts/bootstrap installs them, and the driver script.
enum ReviewBrowser {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// toolchain.json's `browser_python`, else any `playwright-*` environment in the cache.
    static let python: String? = {
        let home = QuantorchHome()
        if let data = try? Data(contentsOf: home.manifestURL),
           let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
           let python = manifest["browser_python"] as? String, FileManager.default.isExecutableFile(atPath: python) {
            return python
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: home.url.path)) ?? []
        return names.filter { $0.hasPrefix("playwright-") }.sorted()
            .map { home.url.appending(path: "\($0)/bin/python").path }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// The driver script `name` in scripts/.
    static func script(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "scripts/\(name)")
    }

    /// Rates `ratings` ("QUESTION:VARIANT:RATING[:NOTE]") in `page`, exports to `output`, and
    /// returns what the driver printed.
    static func review(_ page: URL, into output: URL, ratings: [String]) throws -> [String: Any] {
        try drive("review-browser.py", [page.path, output.path] + ratings)
    }

    /// Runs the driver script `name` with `arguments` under a two-minute limit and returns the
    /// JSON object it printed.
    static func drive(_ name: String, _ arguments: [String]) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["120", try #require(python), script(name).path] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["QUANTORCH_CHROMIUM": try #require(chromium)]) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(String(decoding: stderr, as: UTF8.self))")
        return try #require(try JSONSerialization.jsonObject(with: stdout) as? [String: Any])
    }
}
