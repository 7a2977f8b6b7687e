import Foundation

/// The model source after its revision is resolved: what the convert stage reads and what
/// every report records as the model revision (README "Using it on your model").
public struct ResolvedSource: Sendable, Equatable {
    /// How the source is stored.
    public enum Kind: String, Sendable, Codable {
        /// A Hugging Face checkpoint folder (config.json + safetensors/bin weights).
        case hfFolder = "hf_folder"
        /// A GGUF file; the convert stage is skipped.
        case gguf
    }

    /// The folder or file to convert or quantize (for a git-backed checkpoint: the exported commit).
    public var checkpoint: URL
    /// The recorded model revision: full commit sha for git, else the label, else a sha256 content hash.
    public var revision: String
    /// How `revision` was obtained.
    public var revisionKind: RevisionKind
    /// Folder or GGUF.
    public var kind: Kind
    /// True when `checkpoint` is a temporary view of a git commit for `plan` (its small files
    /// and its weights' headers, ``SourceResolver``), to be removed once read.
    public var isTemporaryView = false

    /// Where a revision came from.
    public enum RevisionKind: String, Sendable, Codable {
        /// A git commit of a git-backed checkpoint folder.
        case gitCommit = "git_commit"
        /// A label given by the recipe or `--revision` for a source that is not a git repository.
        case label
        /// sha256 over the config and weight files (or the GGUF file).
        case contentHash = "content_hash"
    }
}
