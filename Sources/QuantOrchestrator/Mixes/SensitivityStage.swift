import Foundation
import LlamaTools

/// Sensitivity stage: how much one tensor group's type moves the domain KL divergence. The
/// master is quantized to the probe's base with the group alone set one step lower or higher
/// (``GroupSizing/steps(of:)``), its `llama-perplexity --kl-divergence` taken against the
/// baseline's domain KLD base (the baseline's own answers: the domain), and the GGUF deleted.
///
/// The record is keyed by the master, the imatrix, the domain KLD base and the pair, so it is
/// cached per model revision, base type, group and step, and every mix of that base reuses it.
/// The method is llama.cpp's KLD (`tools/perplexity`), applied per tensor group as
/// GGUF-Tool-Suite and Unsloth's dynamic quants measure per-tensor sensitivity, but over the
/// domain corpus rather than generic text.
struct SensitivityStage: Stage {
    let probe: SensitivityProbe
    let master: ArtifactRecord
    let importanceMatrix: ArtifactRecord?
    let domainBase: KLDBaseStage.Record
    let settings: Recipe.Perplexity
    let key: String
    let model: URL
    /// Estimated size of the measured GGUF, bytes (it is deleted once measured).
    let estimate: Int

    /// What one measurement found.
    struct Record: Codable, Sendable, Equatable {
        /// The base file type, e.g. "Q4_K_M".
        var base: String
        /// The group's name; nil for the base alone.
        var group: String?
        /// The `--tensor-type` type asked for the group; nil for the base alone.
        var type: String?
        /// The ggml types the group's tensors got (after fallbacks), most tensors first.
        var groupTypes: [String]
        /// Size of the measured GGUF, in bytes.
        var sizeBytes: Int
        /// Its domain KL divergence from the baseline.
        var kld: KLDResult

        enum CodingKeys: String, CodingKey {
            case base, group, type, kld
            case groupTypes = "group_types", sizeBytes = "size_bytes"
        }
    }

    init(probe: SensitivityProbe, master: ArtifactRecord, importanceMatrix: ArtifactRecord?, domainBase: KLDBaseStage.Record,
         settings: Recipe.Perplexity, folder: WorkFolder, estimate: Int) {
        self.probe = probe
        self.master = master
        self.importanceMatrix = importanceMatrix
        self.domainBase = domainBase
        self.settings = settings
        key = WorkFolder.key([master.sha256, importanceMatrix?.sha256 ?? "no-imatrix", domainBase.key, probe.base.name]
                             + probe.overrides.map(\.argument))
        model = folder.sensitivityModel(key: key)
        self.estimate = estimate
    }

    var recordName: String { "sensitivity-\(probe.base.name)-\(probe.group?.name ?? "base")-\(probe.type?.name ?? "stock")-\(key)" }
    var label: String { probe.label }
    var writes: [DiskPlan.Item] { [DiskPlan.Item(label: label, bytes: estimate)] }

    func reusedLine(_ record: Record) -> String { "reused (domain KLD \(record.kld.kldMean))" }

    func run(in context: RunContext) async throws -> Record {
        let masterURL = URL(fileURLWithPath: master.path)
        let isQuantized = try QuantizeStage.isQuantized(master)
        defer { try? FileManager.default.removeItem(at: model) }
        let slug = "sensitivity-\(probe.base.name)-\(probe.group?.name ?? "base")"
        try await DiskSpace.writing(model, estimate: estimate) {
            _ = try await context.ledger.timed("llama-quantize \(label)") {
                try await Quantizer.quantize(toolchain: context.toolchain, input: masterURL, type: probe.base, output: model,
                                             importanceMatrix: importanceMatrix.map { URL(fileURLWithPath: $0.path) },
                                             allowRequantize: isQuantized, threads: context.threads,
                                             tensorTypes: probe.overrides.map(\.argument), logFile: context.folder.log(slug),
                                             executor: context.executor)
            }
        }
        let info: GGUFInfo
        do { info = try GGUFInfo.read(model) } catch {
            throw PipelineError.toolFailed("llama-quantize wrote \(model.path), which cannot be read: \(error)")
        }
        let kld = try await context.ledger.timed("llama-perplexity --kl-divergence \(label)") {
            try await Perplexity.klDivergence(toolchain: context.toolchain, model: model, baseFile: URL(fileURLWithPath: domainBase.base.path),
                                              contextSize: settings.ctx, chunks: settings.chunks, threads: context.threads,
                                              logFile: context.folder.log(slug), executor: context.executor)
        }
        context.progress.stage("\(label): domain KLD \(kld.kldMean) at \(ByteFormat.megabytes(info.fileSizeBytes))")
        return Record(base: probe.base.name, group: probe.group?.name, type: probe.type?.name,
                      groupTypes: probe.group?.types(in: info.tensors) ?? [],
                      sizeBytes: info.fileSizeBytes, kld: kld)
    }
}
