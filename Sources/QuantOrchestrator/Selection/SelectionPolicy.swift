import Foundation

/// Picks the cheapest acceptable quant: the smallest file among the quantized variants whose
/// losses against the baseline all stay within the recipe's thresholds.
///
/// Criteria (CONTRACT.md "Recipe", drops are absolute differences of fractions):
/// accuracy drop ≤ `accuracyDropMax`, key-fact recall drop ≤ `keyFactRecallDropMax`,
/// flips ≤ `flipsMax` (in parallel mode, flips beyond the noise floor's), mean KLD ≤ `kldMeanMax`.
/// A criterion without data (nil figure) does not apply and the reason text says so. A variant
/// whose file is not smaller than the baseline's is never selected, whatever its losses: a
/// ladder in the wrong order ([Q8_0, F16, Q2_K]) must not end up recommending F16. An
/// endpoint is judged like any variant but never selected: there is no file of it to ship.
/// Every rejected variant gets one reason per failed criterion; a failed drop whose McNemar
/// p-value is ≥ 0.05 is marked "within noise", because the suite is too small to tell.
public struct SelectionPolicy: Sendable {
    /// The thresholds.
    public let acceptance: Recipe.Acceptance
    /// Flips of the baseline against itself in parallel mode (nil in sequential mode).
    public let noiseFloorFlips: Double?

    /// Memberwise.
    public init(acceptance: Recipe.Acceptance, noiseFloorFlips: Double?) {
        self.acceptance = acceptance
        self.noiseFloorFlips = noiseFloorFlips
    }

    /// The verdict on one variant.
    public struct Verdict: Sendable, Equatable {
        /// True when every applicable criterion passed.
        public var accepted: Bool
        /// One line per failed criterion (empty when accepted).
        public var reasons: [String]
        /// One line per passed criterion, for the selection's explanation.
        public var passes: [String]
    }

    /// The outcome over the whole ladder.
    public struct Decision: Sendable, Equatable {
        /// Verdicts in the order given (baseline excluded).
        public var verdicts: [String: Verdict]
        /// The selected quant type, nil when none passed.
        public var selected: String?
        /// The rule, in one sentence.
        public var rule: String
        /// Why this variant (or why none), with figures.
        public var why: String
    }

    /// Judges one variant against the baseline.
    public func judge(_ variant: VariantMeasurements, baseline: VariantMeasurements) -> Verdict {
        var reasons: [String] = []
        var passes: [String] = []
        func noise(_ p: Double?) -> String {
            guard let p, p >= 0.05 else { return "" }
            return String(format: " (McNemar p = %.2f: within noise for this suite)", p)
        }
        func drop(_ label: String, _ value: Double?, _ base: Double?, max: Double, p: Double?) {
            guard let value, let base else { passes.append("\(label): no data, not applied"); return }
            let dropped = base - value
            let text = String(format: "%@ %.3f vs baseline %.3f: drop %.3f", label, value, base, dropped)
            if dropped > max + 1e-12 {
                reasons.append(text + String(format: " > %.2f", max) + noise(p))
            } else {
                passes.append(text + String(format: " ≤ %.2f", max))
            }
        }
        drop("accuracy", variant.accuracy, baseline.accuracy, max: acceptance.accuracyDropMax, p: variant.mcnemarP)
        drop("key-fact recall", variant.keyFactRecall, baseline.keyFactRecall, max: acceptance.keyFactRecallDropMax, p: nil)
        if let flips = variant.flips {
            let floor = noiseFloorFlips ?? 0
            let excess = Swift.max(0, flips - floor)
            let text = noiseFloorFlips == nil
                ? String(format: "flips %.3f", flips)
                : String(format: "flips %.3f minus noise floor %.3f = %.3f", flips, floor, excess)
            if excess > acceptance.flipsMax + 1e-12 {
                reasons.append(text + String(format: " > %.2f", acceptance.flipsMax) + noise(variant.mcnemarP))
            } else {
                passes.append(text + String(format: " ≤ %.2f", acceptance.flipsMax))
            }
        } else {
            passes.append("flips: no data, not applied")
        }
        if let size = variant.sizeBytes, let baselineSize = baseline.sizeBytes, size >= baselineSize {
            reasons.append("size \(ByteFormat.megabytes(size)) is not smaller than the baseline \(baseline.quantType)'s \(ByteFormat.megabytes(baselineSize)): a variant is selected only when it saves space (check the ladder's order)")
        }
        if let kld = variant.kldMean {
            let text = String(format: "mean KLD %.4f nats", kld)
            if kld > acceptance.kldMeanMax + 1e-12 {
                reasons.append(text + String(format: " > %.2f", acceptance.kldMeanMax))
            } else {
                passes.append(text + String(format: " ≤ %.2f", acceptance.kldMeanMax))
            }
        } else {
            passes.append("mean KLD: no data, not applied")
        }
        return Verdict(accepted: reasons.isEmpty, reasons: reasons, passes: passes)
    }

    /// Judges every quantized variant and picks the smallest accepted one.
    /// - Parameters:
    ///   - variants: the quantized variants (baseline excluded), any order.
    ///   - baseline: the baseline's measurements.
    public func decide(_ variants: [VariantMeasurements], baseline: VariantMeasurements) -> Decision {
        let rule = "the smallest quantized GGUF whose accuracy drop, key-fact recall drop, flips and mean KLD against \(baseline.quantType) all stay within the recipe's thresholds"
        var verdicts: [String: Verdict] = [:]
        for variant in variants { verdicts[variant.quantType] = judge(variant, baseline: baseline) }
        let bySize = variants.filter { !$0.isEndpoint }.sorted { ($0.sizeBytes ?? .max) < ($1.sizeBytes ?? .max) }
        guard let chosen = bySize.first(where: { verdicts[$0.quantType]?.accepted == true }) else {
            let why = "no quantized variant passed; keep the baseline \(baseline.quantType). "
                + bySize.map { "\($0.quantType): \(verdicts[$0.quantType]?.reasons.joined(separator: "; ") ?? "")" }.joined(separator: ". ")
            return Decision(verdicts: verdicts, selected: nil, rule: rule, why: why)
        }
        let smaller = bySize.prefix { ($0.sizeBytes ?? .max) < (chosen.sizeBytes ?? .max) }
        var why = "\(chosen.quantType) is the smallest variant that passes (\(chosen.sizeBytes.map(ByteFormat.megabytes) ?? "size unknown")): "
            + (verdicts[chosen.quantType]?.passes.joined(separator: "; ") ?? "")
        if !smaller.isEmpty {
            why += ". Smaller ones failed: " + smaller.map { "\($0.quantType) (\(verdicts[$0.quantType]?.reasons.joined(separator: "; ") ?? ""))" }.joined(separator: ", ")
        }
        return Decision(verdicts: verdicts, selected: chosen.quantType, rule: rule, why: why)
    }
}
