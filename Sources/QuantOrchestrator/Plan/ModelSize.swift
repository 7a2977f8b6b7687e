import Foundation
import LlamaTools

/// Parameter count and vocabulary of a checkpoint, read without loading its weights: from
/// the safetensors headers (an 8-byte little-endian length, then a JSON table of tensors with
/// their shapes) and config.json's `vocab_size`, or from a GGUF's tensor table.
enum ModelSize {
    static func of(_ source: ResolvedSource) throws -> (parameters: Int, vocabulary: Int) {
        switch source.kind {
        case .gguf:
            do { return (try GGUFInfo.read(source.checkpoint).parameterCount, DiskPlan.fallbackVocabulary) } catch {
                throw PipelineError.badInput("\(source.checkpoint.path) is not a readable GGUF: \(error)")
            }
        case .hfFolder:
            let files = try FileManager.default.contentsOfDirectory(atPath: source.checkpoint.path).filter { $0.hasSuffix(".safetensors") }
            guard !files.isEmpty else {
                throw PipelineError.badInput("\(source.checkpoint.path) has no .safetensors weight files (the converter needs them; .bin-only checkpoints are not supported)")
            }
            var parameters = 0
            for file in files { parameters += try safetensorsParameters(source.checkpoint.appending(path: file)) }
            let config = try? JSONSerialization.jsonObject(with: Data(contentsOf: source.checkpoint.appending(path: "config.json"))) as? [String: Any]
            return (parameters, (config?["vocab_size"] as? Int) ?? DiskPlan.fallbackVocabulary)
        }
    }

    private static func safetensorsParameters(_ url: URL) throws -> Int {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let prefix = try handle.read(upToCount: 8) ?? Data()
        guard prefix.count == 8 else { throw PipelineError.badInput("\(url.path) is not a safetensors file (shorter than its header)") }
        let length = prefix.enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        guard length > 0, length < 100_000_000, let header = try handle.read(upToCount: length), header.count == length,
              let table = try JSONSerialization.jsonObject(with: header) as? [String: Any] else {
            throw PipelineError.badInput("\(url.path) has a malformed safetensors header")
        }
        return table.compactMap { ($0.value as? [String: Any])?["shape"] as? [Int] }.reduce(0) { $0 + $1.reduce(1, *) }
    }
}
