import Foundation
import LlamaTools
import Reports

/// The layout of a run's work folder: content-addressed artifacts and per-stage records.
///
/// ```
/// <work>/sources/<sha>/                          exported git revisions of checkpoints
/// <work>/<slug>/<revision>/master-<type>.gguf    the converted checkpoint (convert stage)
/// <work>/<slug>/<revision>/variants/<key>/<NAME>.gguf
/// <work>/<slug>/<revision>/kld/<key>.kld         KLD base log-probs of the baseline
/// <work>/<slug>/<revision>/eval/<key>/answers/<NAME>.jsonl
/// <work>/<slug>/<revision>/records/<stage>.json  what each finished stage produced
/// <work>/<slug>/<revision>/logs/<stage>.log      each tool's output
/// ```
/// Keys are short sha256 prefixes of a stage's inputs, so changing an input (a suite edit,
/// another corpus, an imatrix) lands in a new folder while finished work is kept.
public struct WorkFolder: Sendable {
    /// The work folder root (`work.dir`, `--work-dir`, or `${QUANTORCH_HOME}/work`).
    public let root: URL
    /// `<root>/<slug>/<revision>`.
    public let revisionFolder: URL

    /// - Parameters:
    ///   - root: the work folder.
    ///   - modelSlug: the model's slug (ModelSlug).
    ///   - revision: the resolved model revision.
    public init(root: URL, modelSlug: String, revision: String) {
        self.root = root
        revisionFolder = root.appending(path: modelSlug, directoryHint: .isDirectory).appending(path: revision, directoryHint: .isDirectory)
    }

    /// Where git revisions of checkpoints are exported.
    public static func sourcesFolder(root: URL) -> URL { root.appending(path: "sources", directoryHint: .isDirectory) }

    /// The converted checkpoint in `typeName` (F16, BF16, F32).
    public func master(typeName: String) -> URL { revisionFolder.appending(path: "master-\(typeName).gguf") }

    /// A quantized variant (by its ladder entry's name) for the given input key.
    public func variant(_ quant: String, key: String) -> URL {
        revisionFolder.appending(path: "variants/\(key)/\(quant).gguf")
    }

    /// The importance matrix for the given input key.
    public func importanceMatrix(key: String) -> URL { revisionFolder.appending(path: "imatrix/\(key).dat") }

    /// A sensitivity measurement's GGUF, kept only while its domain KLD is measured.
    public func sensitivityModel(key: String) -> URL { revisionFolder.appending(path: "sensitivity/\(key).gguf") }

    /// The KLD base file for the given input key.
    public func kldBase(key: String) -> URL { revisionFolder.appending(path: "kld/\(key).kld") }

    /// The domain corpus (the baseline's answers as conversations) for the given input key.
    public func domainCorpus(key: String) -> URL { revisionFolder.appending(path: "domain/\(key).txt") }

    /// The answers file of a variant for an evaluation key.
    public func answers(_ quant: String, evaluationKey: String) -> URL {
        revisionFolder.appending(path: "eval/\(evaluationKey)/answers/\(Variant.answersFileName(of: quant))")
    }

    /// A stage record.
    public func record(_ name: String) -> URL { revisionFolder.appending(path: "records/\(name).json") }

    /// A tool's log.
    public func log(_ name: String) -> URL { revisionFolder.appending(path: "logs/\(name).log") }

    /// A short key for a list of inputs: the first 12 hex digits of their sha256.
    public static func key(_ parts: [String]) -> String {
        String(FileDigest.sha256(of: Data(parts.joined(separator: "\u{1f}").utf8)).prefix(12))
    }
}
