import Foundation
import LlamaTools

/// Refuses, before any conversion, a checkpoint that llama.cpp cannot chat with: an encoder
/// (BertModel, all-MiniLM-L6-v2) converts and quantizes, then llama-perplexity aborts with
/// GGML_ASSERT and llama-server has no chat to offer, so hours would be lost.
///
/// A Hugging Face folder passes when one of config.json's `architectures` ends in
/// `ForCausalLM` or `LMHeadModel`, or is one of `conditionalGenerationTextModels`. A GGUF
/// passes unless its `general.architecture` is one of `encoderArchitectures`.
enum ArchitectureCheck {
    /// `…ForConditionalGeneration` classes that llama.cpp's converter (build 11434,
    /// `conversion/__init__.py` TEXT_MODEL_MAP and the `@ModelBase.register` lines of
    /// gemma.py, mistral3.py, llama.py and qwenvl.py) registers on a text-generation model
    /// class; other such classes are encoder-decoders (T5), speech or vision-only towers.
    static let conditionalGenerationTextModels: Set<String> = [
        "Gemma3ForConditionalGeneration", "Mistral3ForConditionalGeneration", "LlavaForConditionalGeneration",
        "Qwen2VLForConditionalGeneration", "Qwen2_5_VLForConditionalGeneration",
    ]

    /// `general.architecture` values of llama.cpp's encoder-only and non-text models
    /// (`src/llama-arch.cpp`): they embed or decode audio, they do not generate text.
    static let encoderArchitectures: Set<String> = [
        "bert", "modern-bert", "nomic-bert", "nomic-bert-moe", "neo-bert", "jina-bert-v2", "jina-bert-v3",
        "eurobert", "t5encoder", "wavtokenizer-dec", "clip",
    ]

    /// - Parameters:
    ///   - source: the resolved checkpoint.
    ///   - gguf: the source's header when it is a GGUF.
    ///   - recipeFile: for the message.
    /// - Throws: `PipelineError.badInput` naming the file, the field and what is accepted.
    static func check(_ source: ResolvedSource, gguf: GGUFInfo?, recipeFile: URL) throws {
        if let info = gguf {
            guard let architecture = info.architecture, encoderArchitectures.contains(architecture) else { return }
            throw PipelineError.badInput("\(source.checkpoint.path): field 'general.architecture' is '\(architecture)', an encoder llama.cpp cannot chat with or score perplexity on; expected a text-generation architecture (llama, qwen2, gemma3 …), not one of \(encoderArchitectures.sorted().joined(separator: ", ")) (model.source in \(recipeFile.path))")
        }
        let config = source.checkpoint.appending(path: "config.json")
        let object = (try? Data(contentsOf: config)).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        guard let object else {
            throw PipelineError.badInput("\(config.path): not a readable JSON object; expected a Hugging Face config.json with 'architectures'")
        }
        let architectures = object["architectures"] as? [String] ?? []
        guard !architectures.contains(where: isCausalLM) else { return }
        throw PipelineError.badInput("\(config.path): field 'architectures' is \(architectures.isEmpty ? "missing" : "[\(architectures.joined(separator: ", "))]"); expected a causal language model llama.cpp can chat with: a class ending in ForCausalLM or LMHeadModel, or one of \(conditionalGenerationTextModels.sorted().joined(separator: ", ")) (model.source in \(recipeFile.path); encoders such as BertModel cannot be evaluated)")
    }

    static func isCausalLM(_ architecture: String) -> Bool {
        architecture.hasSuffix("ForCausalLM") || architecture.hasSuffix("LMHeadModel")
            || conditionalGenerationTextModels.contains(architecture)
    }
}
