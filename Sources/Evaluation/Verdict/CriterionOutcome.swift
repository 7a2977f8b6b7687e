/// One criterion of a verdict: the loss measured, its 95 % interval, the margin it is read
/// against and the reading.
public struct CriterionOutcome: Sendable, Equatable {
    /// Which criterion.
    public var name: CriterionName
    /// The point estimate, in the criterion's unit (fraction, or nats for KLD).
    public var estimate: Double
    /// Its 95 % interval, same unit.
    public var interval: Interval
    /// The largest acceptable loss (the recipe's threshold, plus the noise floor for flips in
    /// parallel mode).
    public var margin: Double
    /// The interval read against the margin.
    public var reading: CriterionReading
    /// The sample behind the interval, counted in `unit`.
    public var n: Int
    /// What `n` counts: "questions", "facts" or "tokens".
    public var unit: String
    /// How the interval was computed, with its source.
    public var method: String
    /// The exact McNemar p-value of the paired correctness, for the accuracy drop.
    public var pValue: Double?
    /// How many more of `unit`, at the observed rates, would decide an undecided reading; nil
    /// when decided, or when no sample up to ``DecisionHorizon``'s cap would.
    public var moreToDecide: Int?
    /// For a share: how many times the census saw the loss it measures on these questions
    /// (answers turned wrong for accuracy and flips, stated facts lost for recall, facts at
    /// risk); nil for a divergence.
    public var censusCount: Int?
    /// Whether this sample is large enough for a loss of zero to read within the margin
    /// (``SuiteSize``); always true for a divergence.
    public var canReadWithin: Bool
    /// For a divergence: whether its interval is over independent units (llama-perplexity's
    /// chunks), not its ± over tokens, which is too narrow to carry closeness beyond the suite.
    public var isOverUnits: Bool

    /// Memberwise.
    public init(name: CriterionName, estimate: Double, interval: Interval, margin: Double, reading: CriterionReading,
                n: Int, unit: String, method: String, pValue: Double? = nil, moreToDecide: Int? = nil,
                censusCount: Int? = nil, canReadWithin: Bool = true, isOverUnits: Bool = true) {
        self.name = name
        self.estimate = estimate
        self.interval = interval
        self.margin = margin
        self.reading = reading
        self.n = n
        self.unit = unit
        self.method = method
        self.pValue = pValue
        self.moreToDecide = moreToDecide
        self.censusCount = censusCount
        self.canReadWithin = canReadWithin
        self.isOverUnits = isOverUnits
    }

    /// What the census saw of this share, for the line: "no answer of 24 turned wrong".
    private var censusClause: String {
        switch name {
        case .accuracyDrop, .flips: "no answer of \(n) turned wrong"
        case .keyFactRecallDrop: "no stated fact lost on the \(n) questions' own wordings"
        case .factsAtRisk: "no fact at risk"
        case .domainKLDMean, .kldMean: "a divergence has no census"
        }
    }

    /// Whether the census settles the criterion where its interval cannot: within its margin on
    /// its interval, or a share this suite is too small to read within whose census is clean
    /// (not one loss seen). It settles it only beside a domain KLD within
    /// (``VariantVerdict/status``); what a clean census leaves open beyond the suite is the
    /// verdict's ``VariantVerdict/limit``.
    public var isSettled: Bool {
        reading == .within || (reading == .undecided && name.isShare && !canReadWithin && censusCount == 0)
    }

    /// "accuracy drop 0.083 [-0.062, 0.258] vs margin 0.05: undecided (~180 more questions would decide)".
    public var line: String { line(censusSettles: isSettled) }

    /// The line, saying that the census settles an undecided share where `censusSettles`
    /// (``VariantVerdict`` passes false without a domain KLD to carry closeness, and the line
    /// then says how many more questions would decide instead).
    public func line(censusSettles: Bool) -> String {
        let isKLD = name == .kldMean || name == .domainKLDMean
        let number = { (value: Double) in String(format: isKLD ? "%.4f" : "%.3f", value) }
        var text = "\(name.label) \(number(estimate)) [\(number(interval.lower)), \(number(interval.upper))] vs margin \(number(margin)): \(reading.rawValue)"
        if let pValue { text += String(format: " (McNemar p = %.2f)", pValue) }
        if reading == .undecided && censusSettles {
            text += " (\(censusClause); \(n) \(unit) are too few to read a share this small)"
        } else if reading == .undecided {
            text += moreToDecide.map { " (~\($0) more \(unit) at these rates would decide)" } ?? " (no sample size at these rates would decide: the estimate sits at the margin)"
        }
        return text
    }
}
