import Foundation
import LlamaTools
import Reports

/// Which chat template llama-server applies to a variant: the GGUF's own
/// `tokenizer.chat_template` when it has one, else the server's default, which `GET /props`
/// reports as `chat_template`.
enum ServedChatTemplate {
    /// - Throws: `PipelineError.toolFailed` when the GGUF's header cannot be read; the client's
    ///   `ServerError` when `/props` cannot be asked.
    static func of(model: URL, client: ServerClient) async throws -> ChatTemplateInfo {
        let info: GGUFInfo
        do { info = try GGUFInfo.read(model) } catch {
            throw PipelineError.toolFailed("\(model.path) cannot be read as GGUF: \(error)")
        }
        if let template = info.chatTemplate {
            return ChatTemplateInfo(sha256: FileDigest.sha256(of: Data(template.utf8)), source: ChatTemplateInfo.fromGGUF)
        }
        let served = try await client.props().chatTemplate ?? ""
        return ChatTemplateInfo(sha256: FileDigest.sha256(of: Data(served.utf8)), source: ChatTemplateInfo.serverDefault)
    }
}
