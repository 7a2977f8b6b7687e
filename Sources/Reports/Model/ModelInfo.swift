/// The model a report is about.
public struct ModelInfo: Codable, Sendable, Equatable {
    /// The name as the recipe gives it ("HuggingFaceTB/SmolLM2-135M-Instruct").
    public var name: String
    /// `ModelSlug.make(name)`: the results repository's top folder.
    public var slug: String
    /// The resolved full commit sha, the content hash, or the label given (README "Using it on your model").
    public var revision: String
    /// The source path as the recipe gives it.
    public var source: String
    /// "hf_folder" or "gguf".
    public var sourceKind: String
    /// Set when the source was already quantized, so the baseline is not the original weights
    /// ("baseline is a re-quantization of a Q4_1 source; …"); absent otherwise.
    public var baselineNote: String?

    /// Creates the value from its fields, as listed above.
    public init(name: String, slug: String, revision: String, source: String, sourceKind: String, baselineNote: String? = nil) {
        self.name = name
        self.slug = slug
        self.revision = revision
        self.source = source
        self.sourceKind = sourceKind
        self.baselineNote = baselineNote
    }

    enum CodingKeys: String, CodingKey {
        case name, slug, revision, source
        case sourceKind = "source_kind"
        case baselineNote = "baseline_note"
    }
}
