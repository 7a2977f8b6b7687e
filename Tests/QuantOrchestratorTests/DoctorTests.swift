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
        #expect(report.backend == .cpu)
    }

    @Test func theReportsJSONNamesTheBackend() async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "qo-doctor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // An empty stand-in for ggml's CUDA library: the backend is read from its presence.
        #expect(FileManager.default.createFile(atPath: folder.appending(path: "libggml-cuda.so").path, contents: Data()))
        let env = ["PATH": "/usr/bin", "QUANTORCH_HOME": folder.path]
        let report = await Doctor(toolchain: Toolchain.locate(explicit: folder, environment: env), home: QuantorchHome(environment: env)).run()
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any]
        #expect(json?["backend"] as? String == "cuda")
    }
}

@Suite(.enabled(if: QuantorchHome().manifest() != nil, "needs scripts/bootstrap"))
struct DoctorOnTheBootstrappedToolchainTests {
    @Test(.timeLimit(.minutes(3)))
    func everyPartRunNeedsIsListedWithAVersion() async throws {
        let report = await Doctor(toolchain: Toolchain.locate(explicit: nil), home: QuantorchHome(), smoke: .quick).run()
        #expect(report.ok, "\(report.checks.filter { !$0.ok })")
        #expect(report.buildFlags?.hasPrefix("native") == true || report.buildFlags?.hasPrefix("portable") == true,
                "doctor must say how llama.cpp was built: \(report.buildFlags ?? "nil")")
        let parts = Set(report.checks.map(\.part))
        for part in LlamaTool.required.map(\.rawValue) + ["convert_hf_to_gguf.py", "python", "libgit2", "runs Q8_0", "runs Q4_K_M"] {
            #expect(parts.contains(part), "\(part) missing from doctor's report")
        }
        for check in report.checks {
            #expect(check.version?.isEmpty == false, "\(check.part) has no version")
        }
    }
}

@Suite(.enabled(if: QuantorchHome().manifest() != nil, "needs scripts/bootstrap"))
struct DoctorSmokeModelTests {
    @Test(.timeLimit(.minutes(3)))
    func aMissingModelForTheSmokeTestFailsDoctorNamingIt() async throws {
        let smoke = Doctor.Smoke(model: URL(fileURLWithPath: "/nonexistent/model.gguf"), types: [try QuantType(parsing: "Q8_0")])
        let report = await Doctor(toolchain: Toolchain.locate(explicit: nil), home: QuantorchHome(), smoke: smoke).run()
        #expect(!report.ok)
        let check = try #require(report.checks.first { $0.part == "quantized smoke test" })
        #expect(check.problem == "the GGUF given with --model, /nonexistent/model.gguf, does not exist")
    }

    @Test(.timeLimit(.minutes(3)))
    func aFileThatIsNoGGUFIsNamedWithoutBlamingTheBuild() async throws {
        let notGGUF = FileManager.default.temporaryDirectory.appending(path: "qo-doctor-\(UUID().uuidString).gguf")
        try Data("name: not a model\n".utf8).write(to: notGGUF)
        defer { try? FileManager.default.removeItem(at: notGGUF) }
        let smoke = Doctor.Smoke(model: notGGUF, types: [try QuantType(parsing: "Q8_0")])
        let report = await Doctor(toolchain: Toolchain.locate(explicit: nil), home: QuantorchHome(), smoke: smoke).run()
        let check = try #require(report.checks.first { $0.part == "runs Q8_0" })
        #expect(!check.ok)
        #expect(check.problem?.contains("rebuild") == false, "\(check.problem ?? "nil")")
    }
}

/// A build that crashes on quantized weights must fail doctor and name the signal. The SIGILL
/// that AMX kernels raise on a VM that refuses AMX cannot happen on a CPU without AMX, so this
/// test gives the real llama-quantize a llama-bench that kills itself with SIGILL when asked to
/// run a model, the one stand-in here.
@Suite(.enabled(if: QuantorchHome().manifest() != nil, "needs scripts/bootstrap"))
struct DoctorSmokeCrashTests {
    @Test(.timeLimit(.minutes(3)))
    func aBenchKilledBySIGILLFailsDoctorAndNamesTheSignal() async throws {
        let real = Toolchain.locate(explicit: nil)
        let folder = FileManager.default.temporaryDirectory.appending(path: "qo-doctor-sigill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for tool in LlamaTool.allCases where tool != .bench {
            if let binary = real.binary(tool) {
                try FileManager.default.createSymbolicLink(at: folder.appending(path: tool.rawValue), withDestinationURL: binary)
            }
        }
        // `--version` runs the real binary, so only the benchmark of a model dies.
        let realBench = try #require(real.binary(.bench))
        let bench = folder.appending(path: LlamaTool.bench.rawValue)
        try Data("#!/bin/sh\ncase \" $* \" in *\" -m \"*) kill -ILL $$ ;; esac\nexec '\(realBench.path)' \"$@\"\n".utf8).write(to: bench)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bench.path)
        let toolchain = Toolchain(origin: .option, binDirectory: folder, converterScript: real.converterScript, python: real.python, build: real.build)
        let smoke = Doctor.Smoke(model: nil, types: [try QuantType(parsing: "Q8_0")])
        let report = await Doctor(toolchain: toolchain, home: QuantorchHome(), smoke: smoke).run()
        #expect(!report.ok)
        let check = try #require(report.checks.first { $0.part == "runs Q8_0" })
        #expect(!check.ok)
        #expect(check.problem?.contains("SIGILL") == true, "\(check.problem ?? "nil")")
        #expect(check.problem?.contains("illegal instruction") == true, "\(check.problem ?? "nil")")
    }
}
