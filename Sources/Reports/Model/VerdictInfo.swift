/// A variant's verdict against the baseline in report.json (`variants[].verdict`): its status,
/// one line saying why, each criterion on its interval, and the server checks.
public struct VerdictInfo: Codable, Sendable, Equatable {
    /// "CLOSE", "UNSURE" or "REJECTED".
    public var status: String
    /// One line: the status and the criterion (or check) that decides it.
    public var summary: String
    /// For an UNSURE variant: how many more of the binding criterion's `unit` (questions,
    /// tokens), at the observed rates, would decide it; nil otherwise or when none would.
    public var moreToDecide: Int?
    /// Each criterion read.
    public var criteria: [CriterionInfo]
    /// The checks run on the variant's server before scoring; empty for an endpoint.
    public var checks: [ServerCheckInfo]
    /// What the variant changed on the suite's own questions; nil where it answered none (and
    /// in reports written before the census).
    public var census: CensusInfo?
    /// For a CLOSE variant some of whose shares were settled by a clean census: what the suite
    /// cannot show beyond its questions ("beyond these 24 questions, up to 12 % …").
    public var limit: String?

    /// Creates the value from its fields, as listed above.
    public init(status: String, summary: String, moreToDecide: Int?, criteria: [CriterionInfo], checks: [ServerCheckInfo],
                census: CensusInfo? = nil, limit: String? = nil) {
        self.status = status
        self.summary = summary
        self.moreToDecide = moreToDecide
        self.criteria = criteria
        self.checks = checks
        self.census = census
        self.limit = limit
    }

    enum CodingKeys: String, CodingKey {
        case status, summary, criteria, checks, census, limit
        case moreToDecide = "more_to_decide"
    }
}

/// One criterion of a verdict: a loss against the baseline (bigger is worse), its 95 %
/// interval and its reading against the margin.
public struct CriterionInfo: Codable, Sendable, Equatable {
    /// "accuracy_drop", "key_fact_recall_drop", "flips", "facts_at_risk", "domain_kld_mean", "kld_mean".
    public var name: String
    /// The point estimate (fraction; nats for KLD).
    public var estimate: Double
    /// Lower bound of the 95 % interval.
    public var lower: Double
    /// Upper bound of the 95 % interval.
    public var upper: Double
    /// The largest acceptable loss.
    public var margin: Double
    /// "within" (the whole interval inside the margin), "beyond" (the whole interval past it,
    /// or a significant paired loss past it) or "undecided".
    public var reading: String
    /// The sample behind the interval, in `unit`.
    public var n: Int
    /// "questions" or "tokens".
    public var unit: String
    /// How the interval was computed, with its source.
    public var method: String
    /// Exact McNemar p-value (accuracy drop only).
    public var pValue: Double?
    /// More of `unit` that would decide an undecided reading, at the observed rates.
    public var moreToDecide: Int?
    /// The criterion in words, as report.md prints it.
    public var line: String
    /// For a share: whether this suite is large enough for a share of zero to read within.
    public var canReadWithin: Bool?
    /// For a share: the losses the census counted on these questions.
    public var censusCount: Int?

    /// Creates the value from its fields, as listed above.
    public init(name: String, estimate: Double, lower: Double, upper: Double, margin: Double, reading: String, n: Int,
                unit: String, method: String, pValue: Double?, moreToDecide: Int?, line: String,
                canReadWithin: Bool? = nil, censusCount: Int? = nil) {
        self.name = name
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
        self.margin = margin
        self.reading = reading
        self.n = n
        self.unit = unit
        self.method = method
        self.pValue = pValue
        self.moreToDecide = moreToDecide
        self.line = line
        self.canReadWithin = canReadWithin
        self.censusCount = censusCount
    }

    enum CodingKeys: String, CodingKey {
        case name, estimate, lower, upper, margin, reading, n, unit, method, line
        case canReadWithin = "can_read_within"
        case censusCount = "census_count"
        case pValue = "p_value"
        case moreToDecide = "more_to_decide"
    }
}

/// A check of a variant's server before scoring: whether it passed, and whether its failure
/// could have changed the scores (then the variant is UNSURE, never CLOSE).
public struct ServerCheckInfo: Codable, Sendable, Equatable {
    /// "chat_template", "tokenization", "context" or "truncation".
    public var name: String
    /// Whether it passed.
    public var passed: Bool
    /// Whether a failure could have changed the scores.
    public var couldChangeScores: Bool
    /// What was compared and found.
    public var detail: String

    /// Creates the value from its fields, as listed above.
    public init(name: String, passed: Bool, couldChangeScores: Bool, detail: String) {
        self.name = name
        self.passed = passed
        self.couldChangeScores = couldChangeScores
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey {
        case name, passed, detail
        case couldChangeScores = "could_change_scores"
    }
}
