import Foundation
import Testing

/// A second `scripts/bootstrap` on a ready machine must rebuild and download nothing.
@Suite(.enabled(if: EndToEndFixture.manifest != nil, "needs scripts/bootstrap"))
struct BootstrapTests {
    @Test(.timeLimit(.minutes(5)))
    func aSecondBootstrapReportsEveryStepPresent() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let (status, output) = try runCapturingOutput(root.appending(path: "scripts/bootstrap"))
        #expect(status == 0, "\(output)")
        let stepLines = output.split(separator: "\n").filter { $0.hasPrefix("==>") }
        #expect(stepLines.count >= 5)
        let results = output.split(separator: "\n").filter { $0.hasPrefix("    ") }.joined(separator: "\n")
        #expect(!results.isEmpty)
        for forbidden in ["installing", "building", "downloading", "extracted", "rebuilt", "written", "trained"] {
            #expect(!results.contains(forbidden), "a ready machine must not be \(forbidden): \(output)")
        }
        #expect(output.contains("bootstrap: ready"))
    }
}
