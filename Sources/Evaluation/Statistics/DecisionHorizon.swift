/// How many questions, at the rates observed so far, a suite would need for a loss criterion to
/// read ``CriterionReading/within`` or ``CriterionReading/beyond`` its margin.
///
/// A horizon holds the observed number of questions n₀ and a reader that gives the 95 % interval
/// the same observations would have at n questions. The search checks n₀, doubles n until the
/// interval decides or the cap is reached, then bisects for the smallest deciding n. That relies
/// on the interval narrowing as n grows around an estimate that does not move, which holds for
/// the three readers here: scaled counts keep every rate fixed while the Wilson and Newcombe
/// half-widths shrink roughly as 1/√n, and the normal reader shrinks exactly so.
///
/// The answer is a forecast, not a promise: a longer suite will observe other rates.
public struct DecisionHorizon: Sendable {
    /// The number of questions observed.
    public var observed: Int
    /// The 95 % interval at n questions with the observed rates; n must be ≥ 1.
    public var interval: @Sendable (Int) -> Interval

    /// The first n at which the interval decides, and how.
    public struct Decision: Sendable, Equatable {
        /// Questions needed, ≥ ``DecisionHorizon/observed``.
        public var questions: Int
        /// ``CriterionReading/within`` or ``CriterionReading/beyond``.
        public var reading: CriterionReading
    }

    /// A horizon over `observed` (≥ 1) questions with its reader.
    public init(observed: Int, interval: @escaping @Sendable (Int) -> Interval) {
        precondition(observed >= 1, "a decision horizon starts from at least one question, not \(observed)")
        self.observed = observed
        self.interval = interval
    }

    /// The smallest n in observed…cap whose interval lies wholly at or below `margin` (within) or
    /// wholly above it (beyond), or nil when none up to `cap` does — as when the estimate sits
    /// on the margin, where no finite suite decides.
    public func decision(margin: Double, cap: Int = 100_000) -> Decision? {
        if let reading = decided(at: observed, margin: margin) {
            return Decision(questions: observed, reading: reading)
        }
        guard var (undecided, found) = bracket(margin: margin, cap: cap) else { return nil }
        while found.questions - undecided > 1 {
            let middle = undecided + (found.questions - undecided) / 2
            if let reading = decided(at: middle, margin: margin) {
                found = Decision(questions: middle, reading: reading)
            } else {
                undecided = middle
            }
        }
        return found
    }

    /// Doubles n from the observed size until it decides: the last undecided n and the first
    /// deciding one, or nil when even `cap` does not decide.
    private func bracket(margin: Double, cap: Int) -> (undecided: Int, decided: Decision)? {
        var undecided = observed
        while undecided < cap {
            let next = min(cap, undecided * 2)
            if let reading = decided(at: next, margin: margin) {
                return (undecided, Decision(questions: next, reading: reading))
            }
            undecided = next
        }
        return nil
    }

    private func decided(at n: Int, margin: Double) -> CriterionReading? {
        let reading = CriterionReading.read(interval: interval(n), margin: margin)
        return reading == .undecided ? nil : reading
    }

    /// A paired accuracy drop (``PairedDifferenceInterval``) with the table's four cell shares
    /// kept and its counts scaled to n questions (fractional counts are what the formulas take).
    /// Nil when the table is empty.
    public static func pairedProportions(a: Int, b: Int, c: Int, d: Int) -> DecisionHorizon? {
        let observed = a + b + c + d
        guard observed > 0 else { return nil }
        return DecisionHorizon(observed: observed) { n in
            let scale = Double(n) / Double(observed)
            // A table with n ≥ 1 is never empty, so the interval always exists.
            return PairedDifferenceInterval.drop95(a: Double(a) * scale, b: Double(b) * scale,
                                                   c: Double(c) * scale, d: Double(d) * scale)!.interval
        }
    }

    /// An estimate read with `interval` over `n` questions; at m questions each side of the
    /// interval is scaled by √(n/m), the standard error's shrinkage, apart from the other so an
    /// asymmetric interval stays asymmetric. For a mean ± z·SE, or a percentile interval of
    /// ``ClusterBootstrap`` (n = its questions).
    public static func normalScaling(estimate: Double, interval: Interval, n: Int) -> DecisionHorizon {
        let below = estimate - interval.lower
        let above = interval.upper - estimate
        return DecisionHorizon(observed: n) { questions in
            let shrink = (Double(n) / Double(questions)).squareRoot()
            return Interval(lower: estimate - below * shrink, upper: estimate + above * shrink)
        }
    }

    /// A share k/n (e.g. of flips, against a maximum share) with its Wilson interval
    /// (``WilsonInterval``) at the same share of n questions. Nil when there are no trials.
    public static func proportion(successes: Int, trials: Int) -> DecisionHorizon? {
        guard trials > 0 else { return nil }
        return proportion(share: Double(successes) / Double(trials), trials: trials)
    }

    /// A share observed over `trials` (≥ 1) with its Wilson interval at the same share of n;
    /// the share need not be a whole count of the trials (facts at risk read at the number of
    /// questions they come from).
    public static func proportion(share: Double, trials: Int) -> DecisionHorizon {
        DecisionHorizon(observed: max(1, trials)) { n in
            // n ≥ 1 trials always have an interval.
            WilsonInterval.interval(successes: share * Double(n), trials: Double(n))!
        }
    }
}
