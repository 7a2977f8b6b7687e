/// What a running llama-server reports about itself (`GET /props`).
///
/// Source: llama.cpp tools/server/README.md, `GET /props`.
public struct ServerProps: Sendable, Equatable {
    /// Context size per slot, in tokens (`default_generation_settings.n_ctx`).
    public var contextSize: Int
    /// Parallel slots (`total_slots`, the `-np` value after "auto" is resolved).
    public var totalSlots: Int
    /// The model path as given with `-m`.
    public var modelPath: String
    /// `build_info`, e.g. "b0-unknown" for a build without git history.
    public var buildInfo: String?
    /// The model's Jinja chat template, when it has one.
    public var chatTemplate: String?

    /// Props as documented on the properties.
    public init(contextSize: Int, totalSlots: Int, modelPath: String, buildInfo: String?, chatTemplate: String?) {
        self.contextSize = contextSize
        self.totalSlots = totalSlots
        self.modelPath = modelPath
        self.buildInfo = buildInfo
        self.chatTemplate = chatTemplate
    }
}
