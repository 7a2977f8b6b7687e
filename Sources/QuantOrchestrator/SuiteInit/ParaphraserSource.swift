import Foundation

/// The model `suite init` asks for paraphrases (docs/SUITE.md "Paraphrases").
public enum ParaphraserSource: Sendable, Equatable {
    /// A GGUF file, served with the project's own llama-server on 127.0.0.1.
    case gguf(URL)
    /// An OpenAI-compatible endpoint (the API root ending in `/v1`), the model name it serves,
    /// and the environment variable holding its key, as the ladder's endpoint entries take them.
    case endpoint(URL, model: String, apiKeyVariable: String?)

    /// How the command line names it (the file's name, or the URL and model).
    var argument: String {
        switch self {
        case .gguf(let file): file.lastPathComponent
        case .endpoint(let url, let model, _): "\(url.absoluteString) --paraphraser-model \(model)"
        }
    }

    /// How the summary names it.
    public var label: String {
        switch self {
        case .gguf(let file): file.lastPathComponent
        case .endpoint(let url, let model, _): "\(model) at \(url.absoluteString)"
        }
    }
}
