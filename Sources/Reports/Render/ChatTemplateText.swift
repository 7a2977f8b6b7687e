/// How both views name a variant's chat template: where it came from and a short hash, so two
/// variants served with different templates stand out.
enum ChatTemplateText {
    /// "gguf 3b1f0c2a9e4d", "server default 5d2e…", or "not recorded" for older reports.
    static func describe(_ template: ChatTemplateInfo?) -> String {
        guard let template else { return "not recorded" }
        return "\(template.source) \(template.sha256.prefix(12))"
    }
}
