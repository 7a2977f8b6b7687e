import Foundation
import LlamaTools

/// Refuses a `{name, gguf}` entry that is not a quant of the baseline's model: another
/// architecture, vocabulary size or tokenizer (`GGUFCompatibility`) would make every answer
/// and KL divergence a comparison of two different models.
///
/// Checked before any work against the baseline's own GGUF when there is one (a GGUF source,
/// a GGUF baseline) and, for a Hugging Face source, against the rows of its token embeddings
/// (the vocabulary the converter writes); once the master GGUF exists (right after conversion, before any quantization) the
/// whole tokenizer is compared again by the import stage.
enum GGUFEntryCheck {
    /// - Parameters:
    ///   - reference: the baseline's GGUF header, or nil when it does not exist yet.
    ///   - referenceName: what `reference` is, for the message ("the baseline F16", "model.source").
    ///   - vocabulary: the model's vocabulary when no reference exists (`ModelLayout.embeddingRows`).
    /// - Throws: `PipelineError.badInput` naming the entry, its file and every difference.
    static func check(_ entry: LadderEntry, index: Int?, recipeFile: URL, against reference: GGUFInfo?, referenceName: String,
                      vocabulary: Int?) throws {
        guard case let .gguf(file) = entry.kind else { return }
        let field = index.map { "field 'ladder[\($0)]' (\(entry.name))" } ?? "ladder entry \(entry.name)"
        let candidate: GGUFInfo
        do { candidate = try GGUFInfo.read(file) } catch {
            throw PipelineError.badInput("\(recipeFile.path): \(field): \(file.path) is not a readable GGUF: \(error)")
        }
        var differences: [String] = []
        if let reference {
            differences = GGUFCompatibility.differences(baseline: reference, candidate: candidate)
        } else if let vocabulary, let size = candidate.vocabularySize, size != vocabulary {
            differences = ["vocabulary differs: \(vocabulary) token embeddings in the checkpoint, \(size) tokens in the candidate"]
        }
        guard !differences.isEmpty else { return }
        throw PipelineError.badInput("\(recipeFile.path): \(field): \(file.path) is not a GGUF of the same model as \(referenceName): \(differences.joined(separator: "; ")); expected a quant of the baseline's model (same architecture, vocabulary and tokenizer)")
    }
}
