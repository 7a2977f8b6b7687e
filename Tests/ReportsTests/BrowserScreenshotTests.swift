import Foundation
import Testing
@testable import Reports

/// Renders the fixture's report.html and card.svg in headless Chromium and keeps the
/// screenshots at `$TMPDIR/quantorch-report-screenshot/{report,card}.png` for a person to look at.
/// Skipped where Chromium is not installed (scripts/bootstrap installs it).
@Suite struct BrowserScreenshotTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Writes `content` to `name` in the screenshot folder and returns Chromium's PNG of it.
    func screenshot(_ content: String, name: String, window: String) throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quantorch-report-screenshot", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let page = folder.appendingPathComponent(name)
        let picture = page.deletingPathExtension().appendingPathExtension("png")
        try? FileManager.default.removeItem(at: picture)
        try Data(content.utf8).write(to: page)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["120", try #require(Self.chromium), "--headless", "--no-sandbox", "--disable-gpu",
                             "--window-size=\(window)", "--screenshot=\(picture.path)", page.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let png = try Data(contentsOf: picture)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        return png
    }

    @Test(.enabled(if: chromium != nil, "chromium is not installed"), .timeLimit(.minutes(3)))
    func fixtureReportRendersInHeadlessChromium() throws {
        let png = try screenshot(HTMLRenderer.render(ReportFixture.report()), name: "report.html", window: "1400,2000")
        // A blank 1400×2000 page compresses to a few kB; the rendered report is far larger.
        #expect(png.count > 100_000)
    }

    @Test(.enabled(if: chromium != nil, "chromium is not installed"), .timeLimit(.minutes(3)))
    func fixtureScorecardRendersInHeadlessChromium() throws {
        let png = try screenshot(ScorecardSVG.render(ReportFixture.report()), name: "card.svg", window: "760,700")
        // A blank 760×700 image compresses to a few kB; the drawn scorecard (text, dots, grid) is far larger.
        #expect(png.count > 30_000)
    }
}
