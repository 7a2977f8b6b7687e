import Foundation

/// Where llama.cpp's binaries, its converter and the converter's Python are on this machine.
///
/// Found in this order: an explicit `--llama-cpp DIR`, then env
/// `QUANTORCH_LLAMA_CPP`, then the bootstrap cache (`${QUANTORCH_HOME}/toolchain.json`), then
/// `PATH`. A directory may be a llama.cpp checkout (converter at its root, binaries in
/// `build/bin/`) or a folder that holds the binaries themselves.
///
/// ```swift
/// let toolchain = Toolchain.locate(explicit: nil)
/// let server = try toolchain.require(.server)
/// ```
public struct Toolchain: Sendable, Equatable {
    /// Where the toolchain was found.
    public enum Origin: String, Sendable, Codable {
        case option = "--llama-cpp", environment = "QUANTORCH_LLAMA_CPP", bootstrap = "bootstrap cache", path = "PATH"
    }

    /// How the toolchain was found.
    public let origin: Origin
    /// Folder the binaries are looked up in (nil for `PATH`, where each binary is searched for on its own).
    public let binDirectory: URL?
    /// `convert_hf_to_gguf.py`, when the folder is a llama.cpp checkout.
    public let converterScript: URL?
    /// Python that can import the converter's dependencies, when known.
    public let python: URL?
    /// llama.cpp build number as recorded by the bootstrap, when known.
    public let build: String?
    /// The ggml backend the binaries were built with: the bootstrap's record (`.cpu` in the
    /// manifest of an older bootstrap, which built only for the CPU), else read from the
    /// binaries' folder (`LlamaBackend.detect`).
    public let backend: LlamaBackend
    private let searchPath: [URL]

    /// Locates the toolchain; never throws, because `doctor` must report what is missing
    /// rather than stop at the first gap. Use `require(_:)` to get a binary or a clear error.
    /// - Parameters:
    ///   - explicit: the `--llama-cpp DIR` option, if given.
    ///   - environment: the process environment.
    public static func locate(explicit: URL?, environment: [String: String] = ProcessInfo.processInfo.environment) -> Toolchain {
        let path = (environment["PATH"] ?? "").split(separator: ":").map { URL(fileURLWithPath: String($0), isDirectory: true) }
        let home = QuantorchHome(environment: environment)
        let manifest = home.manifest()
        let python = environment["QUANTORCH_PYTHON"].map { URL(fileURLWithPath: $0) }
            ?? manifest.map { URL(fileURLWithPath: $0.python) }
        if let explicit {
            return Toolchain(root: explicit, origin: .option, python: python, build: nil, searchPath: path)
        }
        if let env = environment["QUANTORCH_LLAMA_CPP"], !env.isEmpty {
            return Toolchain(root: URL(fileURLWithPath: env, isDirectory: true), origin: .environment, python: python, build: nil, searchPath: path)
        }
        if let manifest {
            return Toolchain(root: URL(fileURLWithPath: manifest.llamaCpp, isDirectory: true), origin: .bootstrap,
                             python: python, build: manifest.llamaCppBuild, backend: manifest.backend, searchPath: path)
        }
        let converter = path.map { $0.appending(path: "convert_hf_to_gguf.py") }.first { FileManager.default.isReadableFile(atPath: $0.path) }
        return Toolchain(origin: .path, binDirectory: nil, converterScript: converter, python: python, build: nil, searchPath: path)
    }

    private init(root: URL, origin: Origin, python: URL?, build: String?, backend: LlamaBackend? = nil, searchPath: [URL]) {
        let built = root.appending(path: "build/bin", directoryHint: .isDirectory)
        let isCheckout = FileManager.default.fileExists(atPath: built.path)
        let converter = root.appending(path: "convert_hf_to_gguf.py")
        self.init(origin: origin,
                  binDirectory: isCheckout ? built : root,
                  converterScript: FileManager.default.isReadableFile(atPath: converter.path) ? converter : nil,
                  python: python, build: build, backend: backend, searchPath: searchPath)
    }

    /// Builds a toolchain from known parts (tests, or a caller that resolved paths itself).
    /// - Parameter backend: the build's backend; nil reads it from the folder that holds
    ///   llama-server (`binDirectory`, or the first `searchPath` folder that has one).
    public init(origin: Origin, binDirectory: URL?, converterScript: URL?, python: URL?, build: String?,
                backend: LlamaBackend? = nil, searchPath: [URL] = []) {
        self.origin = origin
        self.binDirectory = binDirectory
        self.converterScript = converterScript
        self.python = python
        self.build = build
        self.searchPath = searchPath
        let serverFolder = binDirectory ?? searchPath.first {
            FileManager.default.isExecutableFile(atPath: $0.appending(path: LlamaTool.server.rawValue).path)
        }
        self.backend = backend ?? serverFolder.map { LlamaBackend.detect(binariesIn: $0) } ?? .cpu
    }

    /// The binary's location if it exists and is executable, else nil.
    public func binary(_ tool: LlamaTool) -> URL? {
        let candidates = binDirectory.map { [$0] } ?? searchPath
        return candidates.map { $0.appending(path: tool.rawValue) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// The binary's location.
    /// - Throws: `ToolchainError.missingBinary` naming the tool, where it was looked for and how to get it.
    public func require(_ tool: LlamaTool) throws(ToolchainError) -> URL {
        guard let url = binary(tool) else { throw .missingBinary(tool: tool, searched: searchDescription) }
        return url
    }

    /// The converter script and the Python to run it with.
    /// - Throws: `ToolchainError.missingConverter` or `.missingPython`.
    public func requireConverter() throws(ToolchainError) -> (script: URL, python: URL) {
        guard let script = converterScript else { throw .missingConverter(searched: searchDescription) }
        guard let python, FileManager.default.isExecutableFile(atPath: python.path) else { throw .missingPython(python?.path) }
        return (script, python)
    }

    /// Human-readable description of where binaries are looked up.
    public var searchDescription: String {
        if let binDirectory { return "\(binDirectory.path) (from \(origin.rawValue))" }
        return "PATH"
    }
}

/// Why a part of the llama.cpp toolchain cannot be used.
public enum ToolchainError: Error, Equatable, CustomStringConvertible {
    /// A llama.cpp binary is not in the searched folder.
    case missingBinary(tool: LlamaTool, searched: String)
    /// `convert_hf_to_gguf.py` was not found.
    case missingConverter(searched: String)
    /// No Python with the converter's dependencies (path tried, if any).
    case missingPython(String?)

    public var description: String {
        switch self {
        case let .missingBinary(tool, searched):
            "\(tool.rawValue) not found in \(searched); run scripts/bootstrap, or pass --llama-cpp DIR (a llama.cpp checkout with build/bin/, or a folder of its binaries)"
        case let .missingConverter(searched):
            "convert_hf_to_gguf.py not found in \(searched); run scripts/bootstrap, or pass --llama-cpp pointing at a llama.cpp checkout"
        case let .missingPython(path):
            "the converter's Python \(path.map { "(\($0)) " } ?? "")is missing; run scripts/bootstrap, or set QUANTORCH_PYTHON to a Python with torch, transformers and gguf"
        }
    }
}
