import Reports

/// The report notes about chat templates: a variant served with llama-server's default
/// template, or with another template than the baseline, answers differently for a reason that
/// has nothing to do with its quantization, and its figures must be read with that in mind.
enum ChatTemplateNotes {
    /// One note per variant (ladder order, the baseline first) whose template came from the
    /// server's default or differs from the baseline's.
    static func notes(_ variants: [(quantType: String, template: ChatTemplateInfo?)]) -> [String] {
        guard let baseline = variants.first else { return [] }
        var notes: [String] = []
        for (index, variant) in variants.enumerated() {
            guard let template = variant.template else { continue }
            if template.source == ChatTemplateInfo.serverDefault {
                notes.append("\(variant.quantType): its GGUF has no chat template (tokenizer.chat_template), so llama-server applied its default one; its answers may not show the model as it was trained to chat")
            }
            if index > 0, let reference = baseline.template, reference.sha256 != template.sha256 {
                notes.append("\(variant.quantType): served with another chat template than the baseline \(baseline.quantType) (sha256 \(template.sha256.prefix(12)) vs \(reference.sha256.prefix(12))); answer differences may come from the template, not from the quantization")
            }
        }
        return notes
    }
}
