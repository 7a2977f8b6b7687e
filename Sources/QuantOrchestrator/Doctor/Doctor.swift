import Foundation
import LlamaTools
import Reports

/// Checks that every part `quantorch run` needs is present and runs, and says how to get
/// what is missing.
///
/// Each llama.cpp binary is run with `--version`; the converter is run with `--help` under
/// its Python (which imports torch and transformers); libgit2 reports its linked version.
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
        /// The bootstrap cache folder.
        public var quantorchHome: String
        /// One entry per part.
        public var checks: [Check]

        enum CodingKeys: String, CodingKey { case ok, origin, quantorchHome = "quantorch_home", checks }
    }

    let toolchain: Toolchain
    let home: QuantorchHome

    /// - Parameters:
    ///   - toolchain: where to look (see `Toolchain.locate`).
    ///   - home: the bootstrap cache.
    public init(toolchain: Toolchain, home: QuantorchHome) {
        self.toolchain = toolchain
        self.home = home
    }

    /// Runs every check; never throws: a failure is a check that is not ok.
    public func run() async -> Report {
        var checks: [Check] = []
        for tool in LlamaTool.allCases where LlamaTool.required.contains(tool) || toolchain.binary(tool) != nil {
            checks.append(await check(tool))
        }
        checks.append(contentsOf: await checkConverter())
        checks.append(Check(part: "libgit2", ok: true, path: nil, version: LibGit2.version, problem: nil))
        return Report(ok: checks.allSatisfy(\.ok), origin: toolchain.origin.rawValue, quantorchHome: home.url.path, checks: checks)
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
