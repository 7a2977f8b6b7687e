import Foundation
import LlamaTools
import Reports

/// Checks that every part `quantorch run` needs is present and runs, and says how to get
/// what is missing.
///
/// Each llama.cpp binary is run with `--version`; the converter is run with `--help` under
/// its Python (which imports torch and transformers); libgit2 reports its linked version. A
/// binary that starts can still crash on quantized weights (SIGILL from CPU instructions the
/// machine refuses), so a real GGUF is also quantized to a few types and each is run once
/// (`QuantizedSmokeTest`).
public struct Doctor: Sendable {
    /// The result of checking one part.
    public struct Check: Codable, Sendable, Equatable {
        /// Part name: a llama.cpp binary name, "convert_hf_to_gguf.py", "python" or "libgit2".
        public var part: String
        /// Whether `run` can use it.
        public var ok: Bool
        /// Where it is, when found.
        public var path: String?
        /// Version as the part reports it, when it runs.
        public var version: String?
        /// When not ok: what is wrong and how to fix it.
        public var problem: String?
    }

    /// The whole report.
    public struct Report: Codable, Sendable, Equatable {
        /// True when every check passed.
        public var ok: Bool
        /// Where the toolchain was found (`--llama-cpp`, `QUANTORCH_LLAMA_CPP`, bootstrap cache, PATH).
        public var origin: String
        /// How the bootstrap built llama.cpp ("native", "native, -mno-amx-tile …", "portable");
        /// nil when the toolchain is not the bootstrap's.
        public var buildFlags: String?
        /// The ggml backend llama.cpp was built with (`Toolchain.backend`); "cpu" or "cuda" in JSON.
        public var backend: LlamaBackend
        /// The bootstrap cache folder.
        public var quantorchHome: String
        /// One entry per part.
        public var checks: [Check]

        enum CodingKeys: String, CodingKey { case ok, origin, buildFlags = "build_flags", backend, quantorchHome = "quantorch_home", checks }
    }

    /// What the quantized smoke test runs on.
    public struct Smoke: Sendable, Equatable {
        /// The GGUF to quantize (nil: the bootstrap's SmolLM2, when there is one).
        public var model: URL?
        /// The quant types to make and run.
        public var types: [QuantType]

        /// - Parameters:
        ///   - model: the GGUF to quantize, or nil for the bootstrap's model.
        ///   - types: the quant types to make and run.
        public init(model: URL?, types: [QuantType]) {
            self.model = model
            self.types = types
        }

        /// The quick test of a plain `doctor`: Q8_0 and Q4_K_M, the two families ggml's CPU
        /// extra kernels (AMX, AVX-512 VNNI repacking) take over, in about ten seconds.
        public static let quick = Smoke(model: nil, types: ["Q8_0", "Q4_K_M"].compactMap { try? QuantType(parsing: $0) })
        /// `doctor --deep`: every type of the default ladder.
        public static let deep = Smoke(model: nil, types: QuantizedSmokeTest.defaultTypes)
    }

    let toolchain: Toolchain
    let home: QuantorchHome
    let smoke: Smoke?

    /// - Parameters:
    ///   - toolchain: where to look (see `Toolchain.locate`).
    ///   - home: the bootstrap cache.
    ///   - smoke: the quantized smoke test to run, or nil for none.
    public init(toolchain: Toolchain, home: QuantorchHome, smoke: Smoke? = nil) {
        self.toolchain = toolchain
        self.home = home
        self.smoke = smoke
    }

    /// Runs every check; never throws: a failure is a check that is not ok.
    public func run() async -> Report {
        var checks: [Check] = []
        for tool in LlamaTool.allCases where LlamaTool.required.contains(tool) || toolchain.binary(tool) != nil {
            checks.append(await check(tool))
        }
        checks.append(contentsOf: await checkConverter())
        checks.append(Check(part: "libgit2", ok: true, path: nil, version: LibGit2.version, problem: nil))
        if let smoke, checks.allSatisfy(\.ok) {
            checks.append(contentsOf: await smokeChecks(smoke))
        }
        return Report(ok: checks.allSatisfy(\.ok), origin: toolchain.origin.rawValue, buildFlags: buildFlags(),
                      backend: toolchain.backend, quantorchHome: home.url.path, checks: checks)
    }

    private func buildFlags() -> String? {
        guard toolchain.origin == .bootstrap, let manifest = home.manifest() else { return nil }
        return manifest.buildFlagsDescription ?? "unrecorded (an older bootstrap; run scripts/bootstrap to rebuild)"
    }

    private func smokeChecks(_ smoke: Smoke) async -> [Check] {
        if let model = smoke.model, !FileManager.default.fileExists(atPath: model.path) {
            return [Check(part: "quantized smoke test", ok: false, path: model.path, version: nil,
                          problem: "the GGUF given with --model, \(model.path), does not exist")]
        }
        guard let model = smoke.model ?? home.manifest().map({ URL(fileURLWithPath: $0.smollm2Gguf) }),
              FileManager.default.fileExists(atPath: model.path) else {
            return [Check(part: "quantized smoke test", ok: true, path: nil,
                          version: "skipped: no GGUF to test with (run scripts/bootstrap, or pass --model GGUF)", problem: nil)]
        }
        return await QuantizedSmokeTest(toolchain: toolchain, model: model, types: smoke.types).run().map { result in
            Check(part: "runs \(result.type.name)", ok: result.problem == nil, path: model.path,
                  version: result.promptTokensPerSecond.map { String(format: "pp8 %.0f tokens/s", $0) },
                  problem: result.problem.map { problem in
                      result.crashed ? "\(problem)\nthis llama.cpp build cannot run \(result.type.name) here; rebuild with scripts/bootstrap (it probes the CPU) or QUANTORCH_LLAMA_PORTABLE=1 scripts/bootstrap" : problem
                  })
        }
    }

    private func check(_ tool: LlamaTool) async -> Check {
        let binary: URL
        do { binary = try toolchain.require(tool) } catch {
            return Check(part: tool.rawValue, ok: false, path: nil, version: nil, problem: error.description)
        }
        do {
            // llama-quantize has no --version: its --help prints the type table and exits 1.
            let probe = tool == .quantize ? ["--help"] : ["--version"]
            let out = try await CommandRunner.run(binary, probe, timeout: .seconds(30))
            let runs = tool == .quantize ? out.combined.localizedCaseInsensitiveContains("allowed quantization types") : out.termination.isSuccess
            guard runs else {
                return Check(part: tool.rawValue, ok: false, path: binary.path, version: nil,
                             problem: "\(tool.rawValue) \(probe[0]) \(out.termination): \(Self.lastLine(out.combined)); rebuild with scripts/bootstrap")
            }
            let version = tool == .quantize ? toolchain.build.map { "build \($0)" } : version(fromVersionOutput: out.combined)
            return Check(part: tool.rawValue, ok: true, path: binary.path, version: version, problem: nil)
        } catch {
            return Check(part: tool.rawValue, ok: false, path: binary.path, version: nil, problem: "\(error)")
        }
    }

    /// `--version` of this sdist build prints "build 0, commit unknown"; the bootstrap records
    /// the package's build number, which is the meaningful one.
    private func version(fromVersionOutput text: String) -> String {
        let line = text.split(separator: "\n").first { $0.hasPrefix("version:") }.map(String.init)
            ?? Self.lastLine(text)
        if let build = toolchain.build { return "build \(build) (\(line))" }
        return line
    }

    private func checkConverter() async -> [Check] {
        guard let python = toolchain.python, FileManager.default.isExecutableFile(atPath: python.path) else {
            let missingPython = Check(part: "python", ok: false, path: toolchain.python?.path, version: nil,
                                      problem: ToolchainError.missingPython(toolchain.python?.path).description)
            return [converterPresence(), missingPython]
        }
        guard let script = toolchain.converterScript else {
            return [converterPresence(), await checkPython(python)]
        }
        let pythonCheck = await checkPython(python)
        do {
            let help = try await CommandRunner.run(python, [script.path, "--help"], timeout: .seconds(120))
            let converter = help.termination.isSuccess
                ? Check(part: "convert_hf_to_gguf.py", ok: true, path: script.path, version: toolchain.build.map { "build \($0)" }, problem: nil)
                : Check(part: "convert_hf_to_gguf.py", ok: false, path: script.path, version: nil,
                        problem: "the converter does not start (\(Self.lastLine(help.combined))); run scripts/bootstrap")
            return [converter, pythonCheck]
        } catch {
            return [Check(part: "convert_hf_to_gguf.py", ok: false, path: script.path, version: nil, problem: "\(error)"), pythonCheck]
        }
    }

    /// The converter's script, as far as it can be checked without Python.
    private func converterPresence() -> Check {
        guard let script = toolchain.converterScript else {
            return Check(part: "convert_hf_to_gguf.py", ok: false, path: nil, version: nil,
                         problem: ToolchainError.missingConverter(searched: toolchain.searchDescription).description)
        }
        return Check(part: "convert_hf_to_gguf.py", ok: true, path: script.path, version: toolchain.build.map { "build \($0)" }, problem: nil)
    }

    private func checkPython(_ python: URL) async -> Check {
        let probe = "import sys, torch, transformers, gguf; print(sys.version.split()[0], 'torch', torch.__version__, 'transformers', transformers.__version__)"
        do {
            let out = try await CommandRunner.run(python, ["-c", probe], timeout: .seconds(120))
            return out.termination.isSuccess
                ? Check(part: "python", ok: true, path: python.path, version: Self.lastLine(out.combined), problem: nil)
                : Check(part: "python", ok: false, path: python.path, version: nil,
                        problem: "cannot import the converter's dependencies (\(Self.lastLine(out.combined))); run scripts/bootstrap")
        } catch {
            return Check(part: "python", ok: false, path: python.path, version: nil, problem: "\(error)")
        }
    }

    private static func lastLine(_ text: String) -> String {
        text.split(separator: "\n").last.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
    }
}
