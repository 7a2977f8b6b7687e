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

@Suite(.enabled(if: QuantorchHome().manifest() != nil, "needs scripts/bootstrap"))
struct DoctorOnTheBootstrappedToolchainTests {
    @Test(.timeLimit(.minutes(3)))
    func everyPartRunNeedsIsListedWithAVersion() async throws {
        let report = await Doctor(toolchain: Toolchain.locate(explicit: nil), home: QuantorchHome()).run()
        #expect(report.ok, "\(report.checks.filter { !$0.ok })")
        let parts = Set(report.checks.map(\.part))
        for part in LlamaTool.required.map(\.rawValue) + ["convert_hf_to_gguf.py", "python", "libgit2"] {
            #expect(parts.contains(part), "\(part) missing from doctor's report")
        }
        for check in report.checks {
            #expect(check.version?.isEmpty == false, "\(check.part) has no version")
        }
    }
}
