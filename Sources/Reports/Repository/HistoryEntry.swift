/// One committed run of a model, as `quantorch history` lists it.
public struct HistoryEntry: Codable, Sendable, Equatable {
    /// The model revision the run evaluated.
    public var revision: String
    /// The tags the checkpoint's git repository gives that revision (`rev1`); nil when it has
    /// none or the repository is not where the report says.
    public var revisionNames: [String]?
    /// The run id.
    public var runID: String
    /// When the run's report was made (ISO 8601 UTC).
    public var createdAt: String
    /// The run's tag.
    public var tag: String
    /// The selected quant type; nil when no quant passed and the baseline is kept.
    public var selectedQuantType: String?
    /// The selected variant's headline figures, when one was selected.
    public var selected: HeadlineFigures?
    /// The baseline's headline figures.
    public var baseline: HeadlineFigures?
    /// The run's human review (`quantorch review import`); nil when it has none.
    public var review: ReviewSummary?

    /// Creates the value from its fields, as listed above.
    public init(revision: String, runID: String, createdAt: String, tag: String, selectedQuantType: String?,
                selected: HeadlineFigures?, baseline: HeadlineFigures?, review: ReviewSummary? = nil) {
        self.revision = revision
        self.runID = runID
        self.createdAt = createdAt
        self.tag = tag
        self.selectedQuantType = selectedQuantType
        self.selected = selected
        self.baseline = baseline
        self.review = review
    }

    /// The entry for a committed report.
    public init(_ report: Report) {
        self.init(revision: report.model.revision, runID: report.runID, createdAt: report.createdAt,
                  tag: ResultsRepository.tagName(for: report), selectedQuantType: report.selection.quantType,
                  selected: report.selectedVariant.map(HeadlineFigures.init), baseline: report.baseline.map(HeadlineFigures.init),
                  review: report.review)
    }

    enum CodingKeys: String, CodingKey {
        case revision, tag, selected, baseline, review
        case revisionNames = "revision_names"
        case runID = "run_id"
        case createdAt = "created_at"
        case selectedQuantType = "selected_quant_type"
    }

    /// Writes every key, absent values as null, so `--json` readers see a fixed shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(revision, forKey: .revision)
        try container.encode(revisionNames, forKey: .revisionNames)
        try container.encode(runID, forKey: .runID)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(tag, forKey: .tag)
        try container.encode(selectedQuantType, forKey: .selectedQuantType)
        try container.encode(selected, forKey: .selected)
        try container.encode(baseline, forKey: .baseline)
        try container.encode(review, forKey: .review)
    }
}
