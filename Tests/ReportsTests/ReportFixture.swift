import Foundation
@testable import Reports

/// The hand-written report fixture (Fixtures/report.json) and the golden renderings.
enum ReportFixture {
    static var url: URL {
        get throws {
            guard let url = Bundle.module.url(forResource: "report", withExtension: "json", subdirectory: "Fixtures") else {
                throw FixtureMissing(name: "Fixtures/report.json")
            }
            return url
        }
    }

    static func report() throws -> Report {
        try Report.decode(Data(contentsOf: url))
    }

    /// The golden file's text; with QUANTORCH_UPDATE_GOLDEN=1 the file in the source tree is
    /// rewritten from `actual` instead (then review the diff and commit it).
    static func golden(_ name: String, actual: String, sourceFile: String = #filePath) throws -> String {
        if ProcessInfo.processInfo.environment["QUANTORCH_UPDATE_GOLDEN"] == "1" {
            let source = URL(fileURLWithPath: sourceFile).deletingLastPathComponent()
                .appendingPathComponent("Fixtures/golden/\(name)")
            try Data(actual.utf8).write(to: source)
            return actual
        }
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/golden") else {
            throw FixtureMissing(name: "Fixtures/golden/\(name)")
        }
        return String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }

    struct FixtureMissing: Error, CustomStringConvertible {
        var name: String
        var description: String { "test fixture \(name) is missing from the test bundle" }
    }
}
