import Foundation
import Testing
import LlamaTools
@testable import QuantOrchestrator

@Suite struct DoctorTests {
    @Test func emptyFolderFailsAndNamesEveryMissingBinary() async throws {
        let empty = FileManager.default.temporaryDirectory.appending(path: "qo-doctor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let env = ["PATH": "/usr/bin", "QUANTORCH_HOME": empty.path]
        let report = await Doctor(toolchain: Toolchain.locate(explicit: empty, environment: env), home: QuantorchHome(environment: env)).run()
        #expect(!report.ok)
        for tool in LlamaTool.required {
            let check = try #require(report.checks.first { $0.part == tool.rawValue })
            #expect(!check.ok)
            #expect(check.problem?.contains("\(tool.rawValue) not found in \(empty.path)") == true)
        }
        #expect(report.checks.first { $0.part == "libgit2" }?.ok == true)
    }
}
