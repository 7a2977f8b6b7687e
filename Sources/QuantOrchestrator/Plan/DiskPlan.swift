import Foundation
import LlamaTools

/// Estimates the bytes a run will write before it writes any, and refuses with the figures
/// when the work folder's file system lacks them.
///
/// The items are the `writes` of every step without a record (`Planner`): the master GGUF and
/// every variant from the model's own tensors at the types llama-quantize gives them
/// (`TensorTypeChoice`), the KLD base file from llama-perplexity's layout (`KLDBaseSize`);
/// plus 10 % for logs, answers and rounding. Artifacts an earlier run of this revision left
/// are not counted, so a re-run on a nearly full disk works.
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

    /// - Throws: `PipelineError.insufficientDisk` with every figure.
    func check(folder: URL) throws {
        guard let (probe, free) = DiskSpace.free(at: folder), total > free else { return }
        let parts = items.map { "\($0.label) \(ByteFormat.megabytes($0.bytes))" }.joined(separator: ", ")
        throw PipelineError.insufficientDisk(
            "not enough disk in \(probe.path): the plan writes about \(ByteFormat.megabytes(total)) (\(parts), plus 10 %), but only \(ByteFormat.megabytes(free)) is free; free space, pass --work-dir on a larger disk, or shorten the ladder")
    }
}
