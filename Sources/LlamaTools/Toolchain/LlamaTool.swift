/// One of llama.cpp's command-line tools that quantorch drives.
///
/// The raw value is the binary's file name in a llama.cpp build (`build/bin/<name>`).
public enum LlamaTool: String, CaseIterable, Sendable, Codable {
    case server = "llama-server"
    case quantize = "llama-quantize"
    case perplexity = "llama-perplexity"
    case imatrix = "llama-imatrix"
    case bench = "llama-bench"
    case batchedBench = "llama-batched-bench"
    case completion = "llama-completion"
    case tokenize = "llama-tokenize"

    /// The tools `quantorch run` cannot work without; `doctor` fails when one is missing.
    public static let required: [LlamaTool] = [.server, .quantize, .perplexity, .imatrix, .bench, .batchedBench, .tokenize]
}
