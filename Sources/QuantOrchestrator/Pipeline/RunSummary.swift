import Evaluation
import Reports

/// The object `quantorch run --json` prints (docs/ARCHITECTURE.md "Command line").
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
    /// The report's headline sentence (`Headline`): what to ship and on what evidence, or why
    /// to keep the baseline.
    public var headline: String
    /// One short line per judged variant after the headline (``GlanceText``): name, status,
    /// what it changed on the suite's questions and the figure that decided it.
    public var glance: [String]
    /// The selected quant, nil when none is CLOSE and fits (exit 3).
    public var selected: Selected?
    /// With nothing selected: the UNSURE variant nearest a decision; nil otherwise.
    public var closestUnsure: String?
    /// Why this variant (or why none), as the report's selection says.
    public var why: String
    /// Inversions and budget notes, as the report's selection says.
    public var notes: [String]
    /// Every variant, ladder order.
    public var variants: [Variant]
    /// "sequential" or "parallel".
    public var mode: String
    /// True when no llama.cpp process was launched (everything came from the work folder).
    public var cached: Bool
    /// Which variants were asked the suite, and how many evaluations the search saved.
    public var search: SearchInfo

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
        /// True when the variant is CLOSE and eligible (smaller than the baseline, within the
        /// budget, not an endpoint): it could be shipped.
        public var accepted: Bool
        /// "CLOSE", "UNSURE" or "REJECTED"; nil for the baseline.
        public var status: String?
        /// The verdict in one line; nil for the baseline.
        public var verdict: String?
        /// For an UNSURE variant, more of the binding criterion's unit that would decide it.
        public var moreToDecide: Int?
        /// Why the variant cannot be selected whatever its verdict (over the budget, not smaller
        /// than the baseline, an endpoint); nil when it can.
        public var notEligible: String?
        /// Accuracy (fraction), nil without data.
        public var accuracy: Double?
        /// Mean KLD in nats, nil for the baseline.
        public var kldMean: Double?
        /// Flips (fraction), nil for the baseline.
        public var flips: Double?
        public var reasons: [String]
        /// Why the adaptive search did not ask this variant the suite; nil when it did.
        public var notEvaluated: String?

        enum CodingKeys: String, CodingKey {
            case quantType = "quant_type", sizeBytes = "size_bytes", bpw, accepted, status, verdict, accuracy, kldMean = "kld_mean", flips, reasons
            case moreToDecide = "more_to_decide", notEligible = "not_eligible", notEvaluated = "not_evaluated"
        }
    }

    enum CodingKeys: String, CodingKey {
        case reportPath = "report_path", resultsRepo = "results_repo", commit, tag, model, modelRevision = "model_revision"
        case selected, variants, mode, cached, why, notes, headline, glance, search
        case closestUnsure = "closest_unsure"
    }

    /// Writes every key, `selected` and `closest_unsure` as null when nil: docs/ARCHITECTURE.md's summary
    /// has `"selected": {…} | null`, and a reader checks the key, not its absence.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(reportPath, forKey: .reportPath)
        try container.encode(resultsRepo, forKey: .resultsRepo)
        try container.encode(commit, forKey: .commit)
        try container.encode(tag, forKey: .tag)
        try container.encode(model, forKey: .model)
        try container.encode(modelRevision, forKey: .modelRevision)
        try container.encode(headline, forKey: .headline)
        try container.encode(glance, forKey: .glance)
        try container.encode(selected, forKey: .selected)
        try container.encode(closestUnsure, forKey: .closestUnsure)
        try container.encode(why, forKey: .why)
        try container.encode(notes, forKey: .notes)
        try container.encode(variants, forKey: .variants)
        try container.encode(mode, forKey: .mode)
        try container.encode(cached, forKey: .cached)
        try container.encode(search, forKey: .search)
    }
}

extension RunSummary {
    /// The summary of a finished run whose report is `report`.
    init(results: [VariantResult], decision: SelectionPolicy.Decision, setup: RunSetup, report: Report, search: SearchInfo,
         commit: CommitOutcome, cached: Bool) {
        let selected = results.first { $0.name == decision.selected }.flatMap { result in
            result.artifact.map { Selected(quantType: result.name, file: $0.path, sha256: $0.sha256, sizeBytes: $0.sizeBytes) }
        }
        let variants = results.map { result in
            let verdict = decision.verdicts[result.name]
            return Variant(quantType: result.name, sizeBytes: result.sizeBytes, bpw: result.bitsPerWeight,
                           accepted: decision.accepts(result.name), status: verdict?.status.rawValue, verdict: verdict?.summary,
                           moreToDecide: verdict?.moreToDecide, notEligible: decision.ineligible[result.name],
                           accuracy: result.score.metrics[.accuracy].flatMap { $0.n == 0 ? nil : $0.value },
                           kldMean: result.kld?.kldMean, flips: result.isBaseline ? nil : result.score.metrics[.flips]?.value,
                           reasons: result.isBaseline ? ["baseline"] : (verdict?.lines ?? []), notEvaluated: result.notEvaluated)
        }
        self.init(reportPath: commit.reportPath.path, resultsRepo: setup.resultsURL.path, commit: commit.commit, tag: commit.tag,
                  model: .init(name: setup.recipe.model.name, slug: setup.modelSlug, revision: setup.source.revision),
                  modelRevision: setup.source.revision, headline: Headline.sentence(report), glance: GlanceText.lines(report), selected: selected, closestUnsure: decision.closestUnsure, why: decision.why,
                  notes: decision.notes, variants: variants,
                  mode: setup.recipe.evaluation.mode.rawValue, cached: cached,
                  search: search)
    }
}
