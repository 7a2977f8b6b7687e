import Reports

/// The object `quantorch run --json` prints (CONTRACT.md "run --json summary").
public struct RunSummary: Codable, Sendable, Equatable {
    /// report.json inside the results repository's working tree.
    public var reportPath: String
    /// The results repository.
    public var resultsRepo: String
    /// The commit holding this report (an earlier one when the report was already committed).
    public var commit: String
    /// The annotated tag of that commit.
    public var tag: String
    /// The model.
    public var model: Model
    /// Same as `model.revision`.
    public var modelRevision: String
    /// The selected quant, nil when none passed (exit 3).
    public var selected: Selected?
    /// Every variant, ladder order.
    public var variants: [Variant]
    /// "sequential" or "parallel".
    public var mode: String
    /// True when no llama.cpp process was launched (everything came from the work folder).
    public var cached: Bool

    /// Name, slug and revision.
    public struct Model: Codable, Sendable, Equatable {
        public var name: String
        public var slug: String
        public var revision: String
    }

    /// The GGUF to ship.
    public struct Selected: Codable, Sendable, Equatable {
        public var quantType: String
        /// Absolute path of the GGUF in the work folder.
        public var file: String
        public var sha256: String
        public var sizeBytes: Int

        enum CodingKeys: String, CodingKey { case quantType = "quant_type", file, sha256, sizeBytes = "size_bytes" }
    }

    /// One variant's headline figures.
    public struct Variant: Codable, Sendable, Equatable {
        /// The variant's name (a stock entry's quant type).
        public var quantType: String
        /// Nil for an endpoint without a stated size.
        public var sizeBytes: Int?
        /// File bits per weight; nil for an endpoint.
        public var bpw: Double?
        public var accepted: Bool
        /// Accuracy (fraction), nil without data.
        public var accuracy: Double?
        /// Mean KLD in nats, nil for the baseline.
        public var kldMean: Double?
        /// Flips (fraction), nil for the baseline.
        public var flips: Double?
        public var reasons: [String]

        enum CodingKeys: String, CodingKey {
            case quantType = "quant_type", sizeBytes = "size_bytes", bpw, accepted, accuracy, kldMean = "kld_mean", flips, reasons
        }
    }

    enum CodingKeys: String, CodingKey {
        case reportPath = "report_path", resultsRepo = "results_repo", commit, tag, model, modelRevision = "model_revision"
        case selected, variants, mode, cached
    }
}

extension RunSummary {
    /// The summary of a finished run.
    init(results: [VariantResult], decision: SelectionPolicy.Decision, setup: RunSetup, commit: CommitOutcome, cached: Bool) {
        let selected = results.first { $0.name == decision.selected }.flatMap { result in
            result.artifact.map { Selected(quantType: result.name, file: $0.path, sha256: $0.sha256, sizeBytes: $0.sizeBytes) }
        }
        let variants = results.map { result in
            let verdict = decision.verdicts[result.name]
            return Variant(quantType: result.name, sizeBytes: result.sizeBytes, bpw: result.bitsPerWeight,
                           accepted: verdict?.accepted ?? false, accuracy: result.measurements.accuracy,
                           kldMean: result.kld?.kldMean, flips: result.measurements.flips,
                           reasons: result.isBaseline ? ["baseline"] : (verdict?.reasons ?? []))
        }
        self.init(reportPath: commit.reportPath.path, resultsRepo: setup.resultsURL.path, commit: commit.commit, tag: commit.tag,
                  model: .init(name: setup.recipe.model.name, slug: setup.modelSlug, revision: setup.source.revision),
                  modelRevision: setup.source.revision, selected: selected, variants: variants,
                  mode: setup.recipe.evaluation.mode.rawValue, cached: cached)
    }
}
