import Foundation
import LlamaTools

/// Estimates the bytes a run will write before it writes any, and refuses with the figures
/// when the work folder's file system lacks them.
///
/// Estimates: parameters from the safetensors headers (or the GGUF's tensor table); the master
/// GGUF at 16 bits per weight (32 for F32); each variant at its nominal bits per weight (16
/// for float types, 8 where llama-quantize gives no figure); the KLD base file at scored tokens
/// × vocabulary × 2 bytes (llama-perplexity stores uint16 log-probabilities, TOOLCHAIN.md);
/// plus 10 % for logs, answers and rounding. Artifacts an earlier run of this revision left
/// (a stage record for them exists) are not counted, so a re-run on a nearly full disk works.
struct DiskPlan: Sendable {
    /// One planned artifact.
    struct Item: Sendable {
        var label: String
        var bytes: Int
    }

    var items: [Item]
    var total: Int { Int(Double(items.reduce(0) { $0 + $1.bytes }) * 1.1) }

    /// Vocabulary assumed when a GGUF source does not say (large enough for most current models).
    static let fallbackVocabulary = 151_936

    /// - Parameter finished: names of the stage records already in the work folder.
    static func estimate(recipe: Recipe, parameters: Int, vocabulary: Int, finished: Set<String>) -> DiskPlan {
        func done(_ prefix: String) -> Bool { finished.contains { $0.hasPrefix(prefix) } }
        var items: [Item] = []
        let masterBits = ConvertStage.outType(for: recipe.ladder[0]) == .f32 ? 32.0 : 16.0
        if !recipe.sourceIsGGUF && !done("convert") {
            items.append(Item(label: "master GGUF", bytes: Int(Double(parameters) * masterBits / 8)))
        }
        for type in recipe.ladder where !(type.isFloat && bits(type) == masterBits) && !done("quantize-\(type.name)-") {
            items.append(Item(label: type.name, bytes: Int(Double(parameters) * bits(type) / 8)))
        }
        if !done("kld-base-") {
            let scored = recipe.perplexity.chunks * recipe.perplexity.ctx / 2
            items.append(Item(label: "KLD base", bytes: scored * vocabulary * 2))
        }
        return DiskPlan(items: items)
    }

    private static func bits(_ type: QuantType) -> Double {
        switch type.name.uppercased() {
        case "F32": 32
        case "F16", "BF16": 16
        default: type.nominalBitsPerWeight ?? 8
        }
    }

    /// - Throws: `PipelineError.insufficientDisk` with every figure.
    func check(folder: URL) throws {
        var probe = folder
        while !FileManager.default.fileExists(atPath: probe.path), probe.path != "/" { probe.deleteLastPathComponent() }
        guard let attributes = try? FileManager.default.attributesOfFileSystem(forPath: probe.path),
              let free = (attributes[.systemFreeSize] as? NSNumber)?.intValue else { return }
        guard total > free else { return }
        let parts = items.map { "\($0.label) \(ByteFormat.megabytes($0.bytes))" }.joined(separator: ", ")
        throw PipelineError.insufficientDisk(
            "not enough disk in \(probe.path): the plan writes about \(ByteFormat.megabytes(total)) (\(parts), plus 10 %), but only \(ByteFormat.megabytes(free)) is free; free space, pass --work-dir on a larger disk, or shorten the ladder")
    }
}
