import Foundation

/// report.json: everything a run found, the source every other view is rendered from.
///
/// Keys are snake_case, `schema_version` is 1 (docs/EVALUATION.md "Keys and figures", docs/ARCHITECTURE.md
/// "report.json (per variant)"). Reports only renders and stores what it is given; the numbers come from the
/// pipeline. Read one with `Report.decode(_:)`, write one with `jsonData()`, and check one
/// with `validate()` before trusting it.
public struct Report: Codable, Sendable, Equatable {
    /// The schema version this code reads and writes.
    public static let currentSchemaVersion = 1

    /// 1.
    public var schemaVersion: Int
    /// "YYYYMMDDTHHMMSSZ-" + 6 hex digits (`RunID.make`).
    public var runID: String
    /// ISO 8601 UTC ("2026-11-29T09:30:00Z").
    public var createdAt: String
    /// The model and its revision.
    public var model: ModelInfo
    /// The tools that made the numbers.
    public var toolchain: ToolchainInfo
    /// The question suite.
    public var suite: SuiteInfo
    /// Serving and evaluation settings.
    public var settings: Settings
    /// The thresholds each variant was held to.
    public var acceptance: Acceptance
    /// Parallel mode only: the baseline answered twice; `MetricKey.differingAnswers` and
    /// `.flips` (fractions), String-keyed for the reason `Variant.metrics` is.
    public var noiseFloor: [String: Figure]?
    /// The ladder in order; the first is the baseline.
    public var variants: [Variant]
    /// Every question with every variant's answer.
    public var questions: [QuestionRow]
    /// The chosen quant and why.
    public var selection: Selection
    /// Wall-clock seconds per pipeline stage.
    public var stageTimings: [StageTiming]
    /// Warnings a reader must see before trusting the figures (a variant served without its own
    /// chat template, say), one sentence each; nil when there are none.
    public var notes: [String]?
    /// Which variants were asked the suite; nil in reports written before the search existed.
    public var search: SearchInfo?
    /// The human review imported for this run (`quantorch review import`), the latest when there
    /// were several; nil when the run has none.
    public var review: ReviewSummary?

    /// Creates the value from its fields, as listed above.
    public init(schemaVersion: Int = Report.currentSchemaVersion, runID: String, createdAt: String, model: ModelInfo,
                toolchain: ToolchainInfo, suite: SuiteInfo, settings: Settings, acceptance: Acceptance,
                noiseFloor: [String: Figure]?, variants: [Variant], questions: [QuestionRow],
                selection: Selection, stageTimings: [StageTiming], notes: [String]? = nil, search: SearchInfo? = nil, review: ReviewSummary? = nil) {
        self.schemaVersion = schemaVersion
        self.runID = runID
        self.createdAt = createdAt
        self.model = model
        self.toolchain = toolchain
        self.suite = suite
        self.settings = settings
        self.acceptance = acceptance
        self.noiseFloor = noiseFloor
        self.variants = variants
        self.questions = questions
        self.selection = selection
        self.stageTimings = stageTimings
        self.notes = notes
        self.search = search
        self.review = review
    }

    enum CodingKeys: String, CodingKey {
        case model, toolchain, suite, settings, acceptance, variants, questions, selection, notes, search, review
        case schemaVersion = "schema_version"
        case runID = "run_id"
        case createdAt = "created_at"
        case noiseFloor = "noise_floor"
        case stageTimings = "stage_timings"
    }

    /// The baseline variant (the first one, when the report is valid).
    public var baseline: Variant? { variants.first(where: \.isBaseline) }

    /// The selected variant, if any.
    public var selectedVariant: Variant? {
        selection.quantType.flatMap { quant in variants.first { $0.quantType == quant } }
    }

    /// The report as pretty-printed JSON with sorted keys (stable bytes for the same report).
    public func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Non-finite numbers are written as strings, so encoding never fails; validate() rejects them.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        do {
            return try encoder.encode(self) + Data("\n".utf8)
        } catch {
            preconditionFailure("report.json encoding failed although every field is a plain value: \(error)")
        }
    }

    /// Reads report.json.
    /// - Throws: `ReportValidationError.unreadable` naming the JSON path and what was expected.
    public static func decode(_ data: Data) throws(ReportValidationError) -> Report {
        do {
            return try JSONDecoder().decode(Report.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw .unreadable(field: ReportValidationError.path(context.codingPath + [key]), problem: "missing")
        } catch let DecodingError.typeMismatch(type, context) {
            throw .unreadable(field: ReportValidationError.path(context.codingPath), problem: "expected \(type)")
        } catch let DecodingError.valueNotFound(type, context) {
            throw .unreadable(field: ReportValidationError.path(context.codingPath), problem: "expected \(type), found null")
        } catch let DecodingError.dataCorrupted(context) {
            throw .unreadable(field: ReportValidationError.path(context.codingPath), problem: context.debugDescription)
        } catch {
            throw .unreadable(field: "", problem: "\(error)")
        }
    }

    /// This report with the fields that differ between two runs of the same work blanked:
    /// `created_at`, `run_id`, `stage_timings` (docs/ARCHITECTURE.md "Results repository"), and the
    /// `review`, which a person adds to a run after it was committed.
    public var withoutRunIdentity: Report {
        var copy = self
        copy.review = nil
        copy.createdAt = ""
        copy.runID = ""
        copy.stageTimings = []
        return copy
    }
}
