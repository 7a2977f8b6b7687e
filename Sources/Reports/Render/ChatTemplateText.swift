/// How both views name a variant's chat template: where it came from and a short hash, so two
/// variants served with different templates stand out.
enum ChatTemplateText {
    /// "gguf 3b1f0c2a9e4d", "server default 5d2e…", or "not recorded" for older reports, "the endpoint's own" for an endpoint, which applies its
    /// template out of sight.
    static func describe(_ variant: Variant) -> String {
        if variant.kind == "endpoint" { return "the endpoint's own" }
        guard let template = variant.chatTemplate else { return "not recorded" }
        return "\(template.source) \(template.sha256.prefix(12))"
    }
}
