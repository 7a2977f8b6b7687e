/// How the Markdown and HTML views state a domain mix (``DomainMix``).
enum MixText {
    static let legend = "A domain mix sets each tensor group of its base one step down, one step up or as the base has it, choosing the steps whose summed domain-KLD increase (each group measured alone against the baseline's answers) is least within the target size. It is then evaluated like every variant, and compared with the stock rung whose size it targets (else the largest stock rung no larger than it): on domain KLD by the two 95 % intervals, on the suite by the two verdicts."

    static let header = ["Group", "Step", "Tensors get", "Size change", "Domain KLD change (nats)", "Chosen"]

    /// "Q4_K_M with attn_v=q6_K, ffn_down=q4_K: 100.5 MiB of 100.6 MiB (same as Q4_K_M) …".
    static func choice(_ variant: Variant, _ mix: DomainMix) -> String {
        let pairs = mix.pairs.isEmpty ? "no group changed (the base is best within the target)"
                                      : mix.pairs.map { "\($0.group)=\($0.type)" }.joined(separator: ", ")
        let size = variant.sizeBytes.map { ", \(FigureFormat.mebibytes(Double($0))) as written" } ?? ""
        return "\(mix.base) with \(pairs): predicted \(FigureFormat.mebibytes(Double(mix.predictedBytes)))\(size), target \(FigureFormat.mebibytes(Double(mix.targetBytes))) (\(mix.target)); "
            + "predicted domain KLD \(FigureFormat.fixed(mix.baseDomainKLD + mix.predictedDomainKLDIncrease, 4)) (the base \(FigureFormat.fixed(mix.baseDomainKLD, 4)), "
            + "\(signed(mix.predictedDomainKLDIncrease))). Method: \(mix.method)."
    }

    /// One row per measured step.
    static func rows(_ mix: DomainMix) -> [[String]] {
        mix.options.map { option in
            let chosen = mix.pairs.contains { $0.group == option.group && $0.type == option.type }
            return [option.group, option.type, option.groupTypes.joined(separator: ", "),
                    (option.deltaBytes >= 0 ? "+" : "−") + FigureFormat.mebibytes(Double(abs(option.deltaBytes))),
                    signed(option.deltaDomainKLD), chosen ? "yes" : ""]
        }
    }

    private static func signed(_ value: Double) -> String {
        (value >= 0 ? "+" : "−") + FigureFormat.fixed(abs(value), 4)
    }
}
