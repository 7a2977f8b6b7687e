/// The criteria a variant's verdict reads, each a loss against the baseline (bigger is worse).
/// Raw values are report.json's `criteria[].name`.
public enum CriterionName: String, Sendable, Codable, CaseIterable {
    /// Baseline accuracy minus the variant's, over the questions' original forms (fraction).
    case accuracyDrop = "accuracy_drop"
    /// Baseline key-fact recall minus the variant's, over every form that has key facts, the
    /// question as the unit (fraction).
    case keyFactRecallDrop = "key_fact_recall_drop"
    /// Share of questions whose correctness differs from the baseline's (Dutta et al. 2024).
    case flips
    /// Share of the facts the baseline's answers state whose tokens the variant no longer ranks
    /// first when the baseline's answer is teacher-forced (``FactTokenEvidence``).
    case factsAtRisk = "facts_at_risk"
    /// Mean KL divergence from the baseline over the baseline's own answers, in nats.
    case domainKLDMean = "domain_kld_mean"
    /// Mean KL divergence from the baseline over the generic perplexity corpus, in nats.
    case kldMean = "kld_mean"

    /// Whether it is a share of questions or facts (accuracy, recall, flips, facts at risk),
    /// whose census on the suite is read where its interval cannot be (``SuiteSize``); the
    /// others are token-level divergences, always read on their intervals.
    public var isShare: Bool { self != .domainKLDMean && self != .kldMean }

    /// How verdict lines name it ("accuracy drop").
    public var label: String {
        switch self {
        case .accuracyDrop: "accuracy drop"
        case .keyFactRecallDrop: "key-fact recall drop (all forms)"
        case .flips: "flips"
        case .factsAtRisk: "facts at risk"
        case .domainKLDMean: "domain KLD"
        case .kldMean: "generic KLD"
        }
    }
}
