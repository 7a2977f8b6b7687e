/// Whether a domain mix beat its stock neighbour (`variants[].mix.comparison`): the stock rung
/// whose size it targets ("same as Q4_K_M", which it is no larger than), else the largest stock
/// rung no larger than it; on domain KLD, by the two 95 % intervals, and on the suite's
/// outcome, by the two verdicts against the baseline.
public struct MixComparison: Codable, Sendable, Equatable {
    /// The neighbour's name ("Q4_K_M").
    public var neighbour: String
    public var mixBytes: Int
    public var neighbourBytes: Int
    /// Both domain KLD figures (mean with its interval, nats); nil where not measured.
    public var mixDomainKLD: Figure?
    public var neighbourDomainKLD: Figure?
    /// `better` (the mix's interval lies wholly below the neighbour's), `worse` (wholly
    /// above), `undecided` (they overlap), `not measured`.
    public var domainKLD: String
    /// Both verdict statuses (CLOSE, UNSURE, REJECTED); nil for a rung the suite did not ask.
    public var mixStatus: String?
    public var neighbourStatus: String?
    /// Both key-fact recall drops against the baseline, with their intervals; nil without one.
    public var mixKeyFactRecallDrop: Figure?
    public var neighbourKeyFactRecallDrop: Figure?
    /// `better` (a better verdict: CLOSE over UNSURE over REJECTED), `worse`, `same verdict`,
    /// `not evaluated` (either was not asked the suite).
    public var suite: String
    /// One sentence with the figures, as report.md writes it.
    public var line: String

    enum CodingKeys: String, CodingKey {
        case neighbour, suite, line
        case mixBytes = "mix_bytes", neighbourBytes = "neighbour_bytes", mixDomainKLD = "mix_domain_kld",
             neighbourDomainKLD = "neighbour_domain_kld", domainKLD = "domain_kld", mixStatus = "mix_status",
             neighbourStatus = "neighbour_status", mixKeyFactRecallDrop = "mix_key_fact_recall_drop",
             neighbourKeyFactRecallDrop = "neighbour_key_fact_recall_drop"
    }

    /// The comparison of `mix` with the stock (`kind` quantize, not the baseline) variant
    /// named `target` when there is one, else the largest stock variant no larger than it;
    /// nil when there is none or the mix has no size.
    public static func of(_ mix: Variant, among variants: [Variant], target: String?) -> MixComparison? {
        guard let size = mix.sizeBytes else { return nil }
        let stock = variants.filter { $0.kind == "quantize" && !$0.isBaseline && $0.sizeBytes != nil }
        let neighbour = stock.first { $0.quantType == target }
            ?? stock.filter { ($0.sizeBytes ?? .max) <= size }.max { ($0.sizeBytes ?? 0) < ($1.sizeBytes ?? 0) }
        guard let neighbour, let neighbourSize = neighbour.sizeBytes else { return nil }
        let mixKLD = mix.figure(.domainKLDMean)
        let neighbourKLD = neighbour.figure(.domainKLDMean)
        let kld = reading(mixKLD, neighbourKLD)
        let mixStatus = mix.notEvaluated == nil ? mix.verdict?.status : nil
        let neighbourStatus = neighbour.notEvaluated == nil ? neighbour.verdict?.status : nil
        let suite: String
        if let mixStatus, let neighbourStatus {
            let rank = ["REJECTED": 0, "UNSURE": 1, "CLOSE": 2]
            let difference = (rank[mixStatus] ?? 1) - (rank[neighbourStatus] ?? 1)
            suite = difference > 0 ? "better" : difference < 0 ? "worse" : "same verdict"
        } else {
            suite = "not evaluated"
        }
        var comparison = MixComparison(
            neighbour: neighbour.quantType, mixBytes: size, neighbourBytes: neighbourSize, mixDomainKLD: mixKLD, neighbourDomainKLD: neighbourKLD,
            domainKLD: kld, mixStatus: mixStatus, neighbourStatus: neighbourStatus,
            mixKeyFactRecallDrop: recallDrop(mix), neighbourKeyFactRecallDrop: recallDrop(neighbour), suite: suite, line: "")
        comparison.line = comparison.sentence(mix: mix.quantType)
        return comparison
    }

    /// `better`, `worse`, `undecided` or `not measured` from two means with 95 % intervals.
    static func reading(_ mix: Figure?, _ neighbour: Figure?) -> String {
        guard let mix, let neighbour else { return "not measured" }
        let (mixLow, mixHigh) = (mix.ci95?.first ?? mix.value, mix.ci95?.last ?? mix.value)
        let (otherLow, otherHigh) = (neighbour.ci95?.first ?? neighbour.value, neighbour.ci95?.last ?? neighbour.value)
        if mixHigh < otherLow { return "better" }
        if mixLow > otherHigh { return "worse" }
        return "undecided"
    }

    private static func recallDrop(_ variant: Variant) -> Figure? {
        guard variant.notEvaluated == nil, let criterion = variant.verdict?.criteria.first(where: { $0.name == "key_fact_recall_drop" }) else { return nil }
        return Figure(value: criterion.estimate, unit: "fraction", n: criterion.n, ci95: [criterion.lower, criterion.upper])
    }

    private func sentence(mix name: String) -> String {
        let kldPart: String = switch domainKLD {
        case "better": "beat \(neighbour) on domain KLD"
        case "worse": "lost to \(neighbour) on domain KLD"
        case "undecided": "did not beat \(neighbour) on domain KLD (the intervals overlap)"
        default: "was not compared with \(neighbour) on domain KLD (not measured)"
        }
        let figures = [mixDomainKLD.map { "\(name) \(Self.text($0))" }, neighbourDomainKLD.map { "\(neighbour) \(Self.text($0))" }].compactMap(\.self)
        let suitePart: String = switch suite {
        case "better": "and beat it on the suite (\(mixStatus ?? "") vs \(neighbourStatus ?? ""))"
        case "worse": "and lost to it on the suite (\(mixStatus ?? "") vs \(neighbourStatus ?? ""))"
        case "same verdict": "and tied it on the suite (both \(mixStatus ?? ""))"
        default: "and was not compared on the suite (not both asked it)"
        }
        let recall = [mixKeyFactRecallDrop.map { "\(name) \(Self.text($0))" }, neighbourKeyFactRecallDrop.map { "\(neighbour) \(Self.text($0))" }].compactMap(\.self)
        return "\(name) (\(Self.megabytes(mixBytes))) \(kldPart)" + (figures.isEmpty ? "" : ": \(figures.joined(separator: " vs "))")
            + ", \(suitePart)" + (recall.isEmpty ? "" : "; key-fact recall drop \(recall.joined(separator: " vs "))")
            + "; \(neighbour) is \(Self.megabytes(neighbourBytes))."
    }

    private static func text(_ figure: Figure) -> String { FigureFormat.text(figure) }

    private static func megabytes(_ bytes: Int) -> String { FigureFormat.mebibytes(Double(bytes)) }
}
