import Foundation
import LlamaTools

/// Estimates the bytes a run will write before it writes any, and refuses with the figures
/// when the work folder's file system lacks them.
///
/// Estimates: the master GGUF and every variant from the model's own tensors at the types
/// llama-quantize gives them (`TensorTypeChoice`), the KLD base file from llama-perplexity's
/// layout (`KLDBaseSize`); plus 10 % for logs, answers and rounding. Artifacts an earlier run
/// of this revision left (a stage record for them exists) are not counted, so a re-run on a
/// nearly full disk works.
struct DiskPlan: Sendable {
    /// One planned artifact.
    struct Item: Sendable {
        var label: String
        var bytes: Int
    }

    var items: [Item]
    var total: Int { Int(Double(items.reduce(0) { $0 + $1.bytes }) * 1.1) }

    /// Label of the converted checkpoint's item.
    static let masterLabel = "master GGUF"
    /// Label of the KLD base file's item.
    static let kldBaseLabel = "KLD base"

    /// - Parameters:
    ///   - layout: the model's tensors as the master GGUF holds them.
    ///   - masterTypeName: the master GGUF's own quant type (no file is written for it).
    ///   - finished: names of the stage records already in the work folder.
    static func estimate(recipe: Recipe, layout: ModelLayout, masterTypeName: String, finished: Set<String>) -> DiskPlan {
        func done(_ prefix: String) -> Bool { finished.contains { $0.hasPrefix(prefix) } }
        var items: [Item] = []
        if !recipe.sourceIsGGUF && !done("convert"), let master = try? QuantType(parsing: masterTypeName) {
            items.append(Item(label: masterLabel, bytes: estimatedBytes(layout: layout, type: master, recipe: recipe)))
        }
        for type in recipe.ladder where type.name != masterTypeName && !done("quantize-\(type.name)-") {
            items.append(Item(label: type.name, bytes: estimatedBytes(layout: layout, type: type, recipe: recipe)))
        }
        if !done("kld-base-") {
            items.append(Item(label: kldBaseLabel, bytes: KLDBaseSize.bytes(contextSize: recipe.perplexity.ctx, chunks: recipe.perplexity.chunks,
                                                                          vocabulary: layout.vocabulary)))
        }
        return DiskPlan(items: items)
    }

    /// The size a GGUF of `type` made from the master will have, in bytes.
    static func estimatedBytes(layout: ModelLayout, type: QuantType, recipe: Recipe) -> Int {
        TensorTypeChoice(layout: layout, quant: type, hasImportanceMatrix: recipe.imatrix != nil).fileBytes
    }

    /// The estimate of the artifact labelled `label`, when it is planned.
    func bytes(for label: String) -> Int? { items.first { $0.label == label }?.bytes }

    /// - Throws: `PipelineError.insufficientDisk` with every figure.
    func check(folder: URL) throws {
        guard let (probe, free) = DiskSpace.free(at: folder), total > free else { return }
        let parts = items.map { "\($0.label) \(ByteFormat.megabytes($0.bytes))" }.joined(separator: ", ")
        throw PipelineError.insufficientDisk(
            "not enough disk in \(probe.path): the plan writes about \(ByteFormat.megabytes(total)) (\(parts), plus 10 %), but only \(ByteFormat.megabytes(free)) is free; free space, pass --work-dir on a larger disk, or shorten the ladder")
    }
}
