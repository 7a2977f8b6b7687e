/// Cohen's kappa between two raters who each judged the same answers correct or not: the
/// agreement beyond what their own rates would give by chance.
///
/// κ = (p_o − p_e) / (1 − p_e), with p_o the share of answers both judge alike and p_e the
/// agreement expected by chance from each rater's own share of "correct"
/// (Cohen 1960, "A coefficient of agreement for nominal scales", Educational and Psychological
/// Measurement 20(1):37–46). κ is undefined (nil) when p_e is 1: both raters gave one and the
/// same judgement to every answer, so no agreement beyond chance can be measured.
///
/// ```json
/// {"n": 50, "both_correct": 20, "human_only": 5, "automatic_only": 10, "both_wrong": 15,
///  "observed_agreement": 0.7, "chance_agreement": 0.5, "kappa": 0.4}
/// ```
public struct CohenKappa: Codable, Sendable, Equatable {
    /// Answers judged by both.
    public var n: Int
    /// Answers both judge correct.
    public var bothCorrect: Int
    /// Answers the reviewer calls right and the automatic rule wrong.
    public var humanOnly: Int
    /// Answers the automatic rule calls correct and the reviewer not right.
    public var automaticOnly: Int
    /// Answers both judge not correct.
    public var bothWrong: Int
    /// p_o, 0…1.
    public var observedAgreement: Double
    /// p_e, 0…1.
    public var chanceAgreement: Double
    /// κ, −1…1; nil when `chanceAgreement` is 1.
    public var kappa: Double?

    /// κ from the 2 × 2 table of the two raters' judgements; nil when the table is empty.
    public init?(bothCorrect: Int, humanOnly: Int, automaticOnly: Int, bothWrong: Int) {
        let n = bothCorrect + humanOnly + automaticOnly + bothWrong
        guard n > 0 else { return nil }
        self.n = n
        self.bothCorrect = bothCorrect
        self.humanOnly = humanOnly
        self.automaticOnly = automaticOnly
        self.bothWrong = bothWrong
        let total = Double(n)
        let human = Double(bothCorrect + humanOnly) / total, automatic = Double(bothCorrect + automaticOnly) / total
        observedAgreement = Double(bothCorrect + bothWrong) / total
        chanceAgreement = human * automatic + (1 - human) * (1 - automatic)
        // Exact arithmetic on counts: p_e is 1 only when both raters' shares are 0 or both are 1.
        let oneSided = (bothCorrect + humanOnly == 0 || bothCorrect + humanOnly == n)
            && (bothCorrect + automaticOnly == bothCorrect + humanOnly)
        kappa = oneSided ? nil : (observedAgreement - chanceAgreement) / (1 - chanceAgreement)
    }

    /// κ over pairs of judgements (human, automatic); nil when there are none.
    public init?(_ pairs: [(human: Bool, automatic: Bool)]) {
        self.init(bothCorrect: pairs.count { $0.human && $0.automatic }, humanOnly: pairs.count { $0.human && !$0.automatic },
                  automaticOnly: pairs.count { !$0.human && $0.automatic }, bothWrong: pairs.count { !$0.human && !$0.automatic })
    }

    enum CodingKeys: String, CodingKey {
        case n, kappa
        case bothCorrect = "both_correct"
        case humanOnly = "human_only"
        case automaticOnly = "automatic_only"
        case bothWrong = "both_wrong"
        case observedAgreement = "observed_agreement"
        case chanceAgreement = "chance_agreement"
    }

    /// Writes every key, an undefined κ as null.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(n, forKey: .n)
        try container.encode(bothCorrect, forKey: .bothCorrect)
        try container.encode(humanOnly, forKey: .humanOnly)
        try container.encode(automaticOnly, forKey: .automaticOnly)
        try container.encode(bothWrong, forKey: .bothWrong)
        try container.encode(observedAgreement, forKey: .observedAgreement)
        try container.encode(chanceAgreement, forKey: .chanceAgreement)
        try container.encode(kappa, forKey: .kappa)
    }
}
