import Evaluation
import Foundation
import LlamaTools

/// The text of `imatrix: {corpus: domain}`: the baseline's answers to the suite as
/// conversations (the domain corpus file, ``DomainCorpusStage``), then each question with a
/// reference as its prompt and that reference on the next line, then the user's `extra` file.
/// The importance matrix then weighs the activations of the fine-tune's own domain, not of
/// generic text (llama.cpp `tools/imatrix`: the mean squared activation per weight column).
struct DomainImatrixCorpus: Sendable {
    /// The baseline's domain corpus file.
    let conversations: ArtifactRecord
    let suite: Suite
    let extra: URL?

    /// A key of the three parts.
    /// - Throws: `PipelineError.io` when the extra file cannot be read.
    func key() throws -> String {
        WorkFolder.key([conversations.sha256, suite.sha256, try extra.map { try InputDigest.sha256(of: $0, what: "imatrix extra") } ?? "no-extra"])
    }

    /// Writes the text to `url` (atomically) and says what it holds.
    /// - Throws: `PipelineError.io` when a part cannot be read or the file cannot be written.
    func write(to url: URL) throws -> String {
        let answers: String
        do { answers = try String(contentsOfFile: conversations.path, encoding: .utf8) } catch {
            throw PipelineError.io("cannot read the domain corpus \(conversations.path): \(error.localizedDescription)")
        }
        let references = suite.questions.compactMap { question in question.reference.map { "\(question.prompt)\n\($0)\n" } }
        var text = answers + references.joined()
        var parts = ["the baseline's answers", "\(references.count) references"]
        if let extra {
            do { text += try String(contentsOf: extra, encoding: .utf8) } catch {
                throw PipelineError.io("cannot read imatrix.extra \(extra.path): \(error.localizedDescription)")
            }
            parts.append(extra.lastPathComponent)
        }
        do { try AtomicFile.write(Data(text.utf8), to: url) } catch {
            throw PipelineError.io("cannot write the domain imatrix corpus \(url.path): \(error.localizedDescription)")
        }
        return parts.joined(separator: ", ")
    }

    /// The largest power-of-two window from 64 up to `maxContext` that the text holds twice,
    /// and as many chunks of it as it holds, up to `maxChunks`; nil when not even two of 64.
    static func window(tokens: Int, maxContext: Int, maxChunks: Int) -> (ctx: Int, chunks: Int)? {
        guard tokens >= 128 else { return nil }
        let ctx = DomainCorpusStage.context(tokens: tokens, maxContext: maxContext)
        return (ctx, min(maxChunks, tokens / ctx))
    }
}
