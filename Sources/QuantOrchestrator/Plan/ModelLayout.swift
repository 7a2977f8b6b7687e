import Foundation
import LlamaTools

/// The tensors of a checkpoint as llama-quantize will see them in the master GGUF, read
/// without loading any weight: from a GGUF's tensor table, or from the safetensors headers (an
/// 8-byte little-endian length, then a JSON table of tensors with their shapes) and
/// config.json of a Hugging Face folder, with the names mapped to GGUF's (`blk.N.attn_v.weight`)
/// and the types the converter writes (the out type for matrices, f32 for vectors).
struct ModelLayout: Sendable {
    /// Tensors with GGUF names, shapes in ggml order (row length first) and master types.
    var tensors: [GGUFTensor]
    /// Tokens in the vocabulary (llama.cpp's `n_vocab`).
    var vocabulary: Int
    /// Transformer layers (llama-quantize's `n_layer`).
    var blockCount: Int
    /// Query heads per KV head (1 without grouped-query attention).
    var headsPerKVHead: Int
    /// `general.architecture` ("llama", "falcon" …) when known.
    var architecture: String?
    /// Bytes of the GGUF header, metadata and tensor table (for a Hugging Face folder: the
    /// size of tokenizer.json, which the converter's vocabulary and merges roughly equal).
    var headerBytes: Int

    /// Rows of the token embeddings (`token_embd.weight`): the vocabulary the converter
    /// writes (padded to this size), read from the weights' own shape; nil without the tensor.
    var embeddingRows: Int? {
        tensors.first { $0.name == "token_embd.weight" }.flatMap { $0.shape.count > 1 ? $0.shape[1] : nil }
    }

    /// Vocabulary assumed when neither config.json nor the GGUF says (large enough for most current models).
    static let fallbackVocabulary = 151_936

    /// - Parameters:
    ///   - gguf: the source's header when it is a GGUF.
    ///   - masterType: the converter's out type for a Hugging Face folder.
    /// - Throws: `PipelineError.badInput` for no or malformed safetensors.
    static func of(_ source: ResolvedSource, gguf: GGUFInfo?, masterType: ConverterOutType) throws -> ModelLayout {
        if let info = gguf {
            return ModelLayout(tensors: info.tensors, vocabulary: info.vocabularySize ?? fallbackVocabulary,
                               blockCount: info.blockCount ?? layerCount(info.tensors),
                               headsPerKVHead: max(1, (info.headCount ?? 1) / max(1, info.headCountKV ?? info.headCount ?? 1)),
                               architecture: info.architecture, headerBytes: info.dataOffset)
        }
        return try hfLayout(source.checkpoint, masterType: masterType)
    }

    private static func hfLayout(_ folder: URL, masterType: ConverterOutType) throws -> ModelLayout {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".safetensors") }.sorted()
        guard !files.isEmpty else {
            throw PipelineError.badInput("\(folder.path) has no .safetensors weight files (the converter needs them; .bin-only checkpoints are not supported)")
        }
        let config = (try? Data(contentsOf: folder.appending(path: "config.json")))
            .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] } ?? [:]
        let text = (config["text_config"] as? [String: Any]) ?? config
        let tied = (config["tie_word_embeddings"] as? Bool) ?? (text["tie_word_embeddings"] as? Bool) ?? false
        let matrixType = switch masterType {
        case .f32: "f32"
        case .bf16: "bf16"
        default: "f16"
        }
        var tensors: [GGUFTensor] = []
        for file in files {
            for (name, shape) in try safetensorsShapes(folder.appending(path: file)) {
                let gguf = GGUFName.of(name)
                if tied && gguf == "output.weight" { continue }
                let ggmlShape = Array(shape.reversed())
                let isVector = ggmlShape.count < 2 || gguf.hasSuffix("_norm.weight")
                tensors.append(GGUFTensor(name: gguf, shape: ggmlShape.isEmpty ? [1] : ggmlShape, typeName: isVector ? "f32" : matrixType))
            }
        }
        tensors.sort { ($0.layer ?? -1, $0.name) < ($1.layer ?? -1, $1.name) }
        let heads = text["num_attention_heads"] as? Int ?? 1
        let tokenizerBytes = (try? FileManager.default.attributesOfItem(atPath: folder.appending(path: "tokenizer.json").path)[.size] as? Int) ?? nil
        let vocabulary = (text["vocab_size"] as? Int) ?? fallbackVocabulary
        return ModelLayout(tensors: tensors, vocabulary: vocabulary,
                           blockCount: (text["num_hidden_layers"] as? Int) ?? layerCount(tensors),
                           headsPerKVHead: max(1, heads / max(1, text["num_key_value_heads"] as? Int ?? heads)),
                           architecture: nil, headerBytes: tokenizerBytes ?? vocabulary * 16)
    }

    private static func layerCount(_ tensors: [GGUFTensor]) -> Int {
        (tensors.compactMap(\.layer).max() ?? -1) + 1
    }

    private static func safetensorsShapes(_ url: URL) throws -> [(String, [Int])] {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let prefix = try handle.read(upToCount: 8) ?? Data()
        guard prefix.count == 8 else { throw PipelineError.badInput("\(url.path) is not a safetensors file (shorter than its header)") }
        let length = prefix.enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        guard length > 0, length < 100_000_000, let header = try handle.read(upToCount: length), header.count == length,
              let table = try JSONSerialization.jsonObject(with: header) as? [String: Any] else {
            throw PipelineError.badInput("\(url.path) has a malformed safetensors header")
        }
        return table.compactMap { key, value in ((value as? [String: Any])?["shape"] as? [Int]).map { (key, $0) } }
    }
}

extension GGUFTensor {
    /// The layer index of a `blk.N.` tensor.
    var layer: Int? {
        guard name.hasPrefix("blk.") else { return nil }
        return Int(name.dropFirst(4).prefix { $0.isNumber })
    }
}
