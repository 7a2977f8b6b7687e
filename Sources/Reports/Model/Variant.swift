import MetricKeys

/// One rung of the ladder: a GGUF file (or a served endpoint) with its quality, perplexity and
/// efficiency figures.
public struct Variant: Codable, Sendable, Equatable {
    /// The variant's name, its id in the report, the answers file and `compare`: for a stock
    /// entry its quant type as llama-quantize spells it ("F16", "Q8_0", "Q4_K_M"), else the
    /// ladder entry's `name`. (The key stays `quant_type` so older reports read alike.)
    public var quantType: String
    /// How the variant was made: "quantize", "tensor-type mix", "gguf" (a file evaluated as it
    /// is) or "endpoint"; nil in reports written before ladder entries had kinds.
    public var kind: String?
    /// The GGUF's own file type (`general.file_type`, e.g. "Q4_K_M" for a mix made from it);
    /// nil for an endpoint or a file that does not record it.
    public var fileType: String?
    /// For an endpoint: its base URL and model ("https://host/v1 model-name"); never a key.
    public var endpoint: String?
    /// True for the ladder's first entry, which every other variant is compared against.
    public var isBaseline: Bool
    /// The GGUF file name ("" for an endpoint).
    public var file: String
    /// sha256 of the GGUF file, 64 hex digits; for an endpoint, of its URL and model.
    public var sha256: String
    /// File size in bytes; for an endpoint the size the recipe states, or nil.
    public var sizeBytes: Int?
    /// Bits per weight: file bits / parameter count; nil for an endpoint.
    public var bpw: Double?
    /// Evaluation's figures, by the raw value of a ``MetricKey`` of group `.quality`.
    ///
    /// The three sections are keyed by String, not by ``MetricKey``, so that a report whose
    /// keys this build does not know (one written by a newer or an older quantorch) still
    /// decodes, renders and re-encodes byte for byte; code reads them through
    /// `figure(_:)` with a ``MetricKey``.
    public var metrics: [String: Figure]
    /// llama-perplexity's figures, keys of group `.perplexity`.
    public var perplexity: [String: Figure]
    /// Speed and memory, keys of group `.efficiency`.
    public var efficiency: [String: Figure]
    /// The answers file inside the run folder ("answers/Q8_0.jsonl").
    public var answersFile: String
    /// Whether the variant could be shipped: CLOSE to the baseline (docs/VERDICT.md) and eligible (smaller than the baseline, within the budget, not an endpoint).
    public var accepted: Bool
    /// Why it was accepted or rejected, one sentence each.
    public var reasons: [String]
    /// The chat template the server applied; nil in reports written before it was recorded.
    public var chatTemplate: ChatTemplateInfo?
    /// The GGUF's tensors per ggml type, most bytes first; nil for an endpoint and in reports
    /// written before it was recorded.
    public var typeMix: [TensorTypeShare]?
    /// What llama-quantize gave another type than it chose, most tensors first; empty when
    /// nothing fell back, nil when the variant was not quantized by this run (a GGUF entry, the
    /// source's own type, an endpoint) and in older reports.
    public var fallbacks: [FallbackGroup]?
    /// The verdict against the baseline (CLOSE / UNSURE / REJECTED, each criterion on its
    /// interval, the server checks); nil for the baseline and in reports written before it.
    public var verdict: VerdictInfo?
    /// Why the variant was not asked the suite (the adaptive search screened it on its KL
    /// divergences): it then has KLD figures but no metrics, answers or answers file (`answers_file`
    /// is ""). Nil when it was asked, and in older reports.
    public var notEvaluated: String?
    /// Where its answers part from the baseline's, token by token; nil for the baseline, a
    /// variant not asked the suite, and in older reports.
    public var divergence: TokenDivergence?
    /// A domain mix's choice and its comparison with its stock neighbour; nil for the other
    /// kinds and in older reports.
    public var mix: DomainMix?

    /// Creates the value from its fields, as listed above.
    public init(quantType: String, kind: String? = nil, fileType: String? = nil, endpoint: String? = nil,
                isBaseline: Bool, file: String, sha256: String, sizeBytes: Int?, bpw: Double?,
                metrics: [String: Figure], perplexity: [String: Figure], efficiency: [String: Figure],
                answersFile: String, accepted: Bool, reasons: [String], chatTemplate: ChatTemplateInfo? = nil,
                typeMix: [TensorTypeShare]? = nil, fallbacks: [FallbackGroup]? = nil, verdict: VerdictInfo? = nil,
                notEvaluated: String? = nil, divergence: TokenDivergence? = nil, mix: DomainMix? = nil) {
        self.quantType = quantType
        self.kind = kind
        self.fileType = fileType
        self.endpoint = endpoint
        self.isBaseline = isBaseline
        self.file = file
        self.sha256 = sha256
        self.sizeBytes = sizeBytes
        self.bpw = bpw
        self.metrics = metrics
        self.perplexity = perplexity
        self.efficiency = efficiency
        self.answersFile = answersFile
        self.accepted = accepted
        self.reasons = reasons
        self.chatTemplate = chatTemplate
        self.typeMix = typeMix
        self.fallbacks = fallbacks
        self.verdict = verdict
        self.notEvaluated = notEvaluated
        self.divergence = divergence
        self.mix = mix
    }

    /// The figure under `key`, or nil when this variant has none.
    public func figure(_ key: MetricKey) -> Figure? {
        figure(key.rawValue)
    }

    /// The figure named `key`, looked up in metrics, then perplexity, then efficiency: for a
    /// name given by a user (`compare --fail-on`), which may be a key this build does not know.
    public func figure(_ key: String) -> Figure? {
        metrics[key] ?? perplexity[key] ?? efficiency[key]
    }

    /// The answers file of the variant named `name` inside a run folder: "answers/<name>.jsonl".
    public static func answersFile(of name: String) -> String { "answers/\(answersFileName(of: name))" }

    /// The answers file's own name for the variant named `name`: "<name>.jsonl".
    public static func answersFileName(of name: String) -> String { "\(name).jsonl" }

    enum CodingKeys: String, CodingKey {
        case file, sha256, bpw, metrics, perplexity, efficiency, accepted, reasons, kind, endpoint, fallbacks, verdict, divergence, mix
        case fileType = "file_type"
        case quantType = "quant_type"
        case isBaseline = "is_baseline"
        case sizeBytes = "size_bytes"
        case answersFile = "answers_file"
        case chatTemplate = "chat_template"
        case typeMix = "type_mix"
        case notEvaluated = "not_evaluated"
    }
}
