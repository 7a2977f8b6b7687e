import Foundation
import Reports
import Testing

/// report.html's divergence mark in Debian's headless Chromium (Playwright for Python,
/// scripts/divergence-browser.py): the candidate lists are hidden until the pointer is over the
/// mark or the mark has the keyboard focus. Skipped where Chromium or Playwright is missing.
@Suite(.enabled(if: ReviewBrowser.python != nil && ReviewBrowser.chromium != nil, "needs Chromium and Playwright for Python (scripts/bootstrap)"))
struct DivergenceBrowserTests {
    @Test(.timeLimit(.minutes(3)))
    func theCandidateListsShowOnHoverAndOnFocus() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "ReportsTests/Fixtures/report.json")
        var report = try Report.decode(Data(contentsOf: fixture))
        let q3 = try #require(report.variants.firstIndex { $0.quantType == "Q3_K_M" })
        report.variants[q3].divergence = TokenDivergence(compared: 4, variantTopKMeasured: true, points: [
            TokenDivergence.Point(questionID: "paclitaxel", form: "original", position: 9, offset: "Paclitaxel has the molecular formula C4".utf8.count,
                                  baselineToken: "7", variantToken: "5", fact: "C47H51NO14",
                                  baselineTopK: [.init(token: "7", probability: 0.62)], variantTopK: [.init(token: "5", probability: 0.48)],
                                  baselineTokenInVariantTopK: false,
                                  variantAnswer: "Paclitaxel has the molecular formula C45H49NO13 and a molecular weight of 807.9 g/mol."),
        ])
        let folder = FileManager.default.temporaryDirectory.appending(path: "qo-divergence-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appending(path: "report.html")
        try Data(HTMLRenderer.render(report).utf8).write(to: page)

        let seen = try ReviewBrowser.drive("divergence-browser.py", [page.path])
        #expect(seen["marks"] as? Int == 1, "the side by side marks Q3_K_M's answer")
        #expect(seen["hidden"] as? Bool == true, "the lists are hidden until asked for")
        #expect(seen["hovered"] as? Bool == true)
        #expect(seen["left"] as? Bool == true, "and hidden again when the pointer leaves")
        #expect(seen["focused"] as? Bool == true, "a keyboard user reaches them by focusing the mark")
        let text = try #require(seen["text"] as? String)
        #expect(text.contains("parts from the baseline at token 9") && text.contains("baseline top k: “7” 62.0 %") && text.contains("variant top k: “5” 48.0 %"), "\(text)")
    }
}
