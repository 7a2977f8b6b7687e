import Evaluation
import Foundation

/// Picks the variant to ship: the smallest CLOSE variant (``VariantVerdict``) that saves space
/// over the baseline and fits the budget.
///
/// - Every variant gets a verdict from ``VerdictJudge``: each criterion on its 95 % interval
///   against its margin, CLOSE / UNSURE / REJECTED.
/// - A variant whose file is not smaller than the baseline's is never selected: a ladder in the
///   wrong order ([Q8_0, F16, Q2_K]) must not end up recommending F16. An endpoint is judged
///   but never selected: there is no file of it to ship.
/// - The budget (`max_size`, `max_memory`) filters the CLOSE variants; when a CLOSE variant
///   exists but none fits, the note names the best that fits and what it loses.
/// - With no CLOSE variant the report names the closest UNSURE one (fewest further questions
///   to decide) and what would decide it; `run` exits 3.
/// - A monotone reading: when a larger variant is REJECTED while a smaller one is selected, a
///   note says so by name (such inversions are real, e.g. a K-quant whose rows fit its blocks
///   worse); the smaller one is selected only because it is CLOSE.
public struct SelectionPolicy: Sendable {
    /// The margins and the budget.
    public let acceptance: Recipe.Acceptance
    /// Flips of the baseline against itself in parallel mode (nil in sequential mode).
    public let noiseFloorFlips: Double?

    /// Memberwise.
    public init(acceptance: Recipe.Acceptance, noiseFloorFlips: Double?) {
        self.acceptance = acceptance
        self.noiseFloorFlips = noiseFloorFlips
    }

    /// The outcome over the whole ladder.
    public struct Decision: Sendable, Equatable {
        /// Verdicts by variant name (baseline excluded).
        public var verdicts: [String: VariantVerdict]
        /// The selected variant, nil when none is CLOSE and fits.
        public var selected: String?
        /// The rule, in one sentence.
        public var rule: String
        /// Why this variant (or why none), with figures.
        public var why: String
        /// When nothing was selected: the UNSURE variant nearest a decision.
        public var closestUnsure: String?
        /// Inversions and budget notes, one sentence each.
        public var notes: [String]
        /// Variants that cannot be shipped whatever their verdict, with the reason (size not
        /// below the baseline's, over the budget, an endpoint).
        public var ineligible: [String: String]

        /// Whether the variant named `name` could be shipped: CLOSE and eligible (the
        /// baseline, never judged, is not).
        public func accepts(_ name: String) -> Bool {
            verdicts[name]?.status == .close && ineligible[name] == nil
        }
    }

    /// The margins the judge reads.
    var margins: VerdictMargins { acceptance.margins }

    /// The verdict on one variant.
    public func judge(_ variant: VariantMeasurements) -> VariantVerdict {
        var evidence = variant.evidence
        evidence.noiseFloorFlips = noiseFloorFlips
        return VerdictJudge(margins: margins).judge(evidence)
    }

    /// Why `variant` cannot be shipped whatever its verdict, or nil when it can.
    func ineligibility(_ variant: VariantMeasurements, baseline: VariantMeasurements) -> String? {
        if variant.isEndpoint { return "an endpoint: there is no file to ship" }
        if let size = variant.sizeBytes, let baselineSize = baseline.sizeBytes, size >= baselineSize {
            return "size \(ByteFormat.megabytes(size)) is not smaller than the baseline \(baseline.quantType)'s \(ByteFormat.megabytes(baselineSize)) (check the ladder's order)"
        }
        return overBudget(variant)
    }

    /// The budget line `variant` exceeds, or nil.
    func overBudget(_ variant: VariantMeasurements) -> String? {
        if let limit = acceptance.maxSizeBytes, let size = variant.sizeBytes, size > limit {
            return "size \(ByteFormat.megabytes(size)) is over max_size \(ByteFormat.megabytes(limit))"
        }
        if let limit = acceptance.maxMemoryBytes, let memory = variant.peakRSSBytes, memory > limit {
            return "peak server memory \(ByteFormat.megabytes(memory)) is over max_memory \(ByteFormat.megabytes(limit))"
        }
        return nil
    }

    /// Judges every variant and picks the smallest eligible CLOSE one.
    /// - Parameters:
    ///   - variants: the variants (baseline excluded), any order.
    ///   - baseline: the baseline's measurements.
    public func decide(_ variants: [VariantMeasurements], baseline: VariantMeasurements) -> Decision {
        let rule = "the smallest GGUF that is CLOSE to \(baseline.quantType) (no stated key fact lost on the suite's questions, the domain KLD and every share within their margins or settled by a clean census, every server check passed; docs/VERDICT.md)"
            + (acceptance.maxSizeBytes != nil || acceptance.maxMemoryBytes != nil ? " and fits the budget" : "")
        var verdicts: [String: VariantVerdict] = [:]
        var ineligible: [String: String] = [:]
        for variant in variants {
            verdicts[variant.quantType] = judge(variant)
            if let reason = ineligibility(variant, baseline: baseline) { ineligible[variant.quantType] = reason }
        }
        let bySize = variants.sorted { ($0.sizeBytes ?? .max) < ($1.sizeBytes ?? .max) }
        let status = { (variant: VariantMeasurements) in verdicts[variant.quantType]?.status ?? .unsure }
        let chosen = bySize.first { status($0) == .close && ineligible[$0.quantType] == nil }
        var notes: [String] = []

        let closeButOut = bySize.filter { status($0) == .close && ineligible[$0.quantType] != nil && !$0.isEndpoint }
        if chosen == nil, !closeButOut.isEmpty {
            let names = closeButOut.map { "\($0.quantType) (\(ineligible[$0.quantType] ?? ""))" }.joined(separator: ", ")
            var note = "CLOSE but not eligible: \(names)."
            if let best = bestFitting(bySize, verdicts: verdicts, ineligible: ineligible) {
                let losses = verdicts[best.quantType]?.criteria.filter { $0.reading != .within }.map(\.line) ?? []
                note += " The best variant that fits is \(best.quantType), \(status(best).rawValue): " + (losses.isEmpty ? "no criterion past its margin" : losses.joined(separator: "; "))
            } else {
                note += " No variant fits the budget."
            }
            notes.append(note)
        }
        notes += inversions(bySize, verdicts: verdicts, ineligible: ineligible, chosen: chosen?.quantType)
        if let chosen {
            let smaller = bySize.filter { ($0.sizeBytes ?? .max) < (chosen.sizeBytes ?? .max) && !$0.isEndpoint }
            var why = "\(chosen.quantType) is the smallest variant that is CLOSE (\(chosen.sizeBytes.map(ByteFormat.megabytes) ?? "size unknown")): "
                + (verdicts[chosen.quantType]?.criteria.map(\.line).joined(separator: "; ") ?? "")
            if !smaller.isEmpty {
                why += ". Smaller ones: " + smaller.map { "\($0.quantType) \(verdicts[$0.quantType]?.summary ?? "")" + (ineligible[$0.quantType].map { " [\($0)]" } ?? "") }.joined(separator: "; ")
            }
            return Decision(verdicts: verdicts, selected: chosen.quantType, rule: rule, why: why, closestUnsure: nil, notes: notes,
                            ineligible: ineligible)
        }
        let unsure = bySize.filter { status($0) == .unsure && ineligible[$0.quantType] == nil && $0.evidence.notEvaluated == nil }
        let closest = unsure.min { (verdicts[$0.quantType]?.moreToDecide ?? .max) < (verdicts[$1.quantType]?.moreToDecide ?? .max) }
        var why = "no variant is CLOSE and eligible; keep the baseline \(baseline.quantType)"
        if let closest, let verdict = verdicts[closest.quantType] {
            let skipped = variants.contains { $0.evidence.notEvaluated != nil }
            why += ". Closest to a decision\(skipped ? " among the variants asked the suite" : ""): \(closest.quantType), \(verdict.summary)"
        }
        why += ". " + bySize.filter { $0.quantType != closest?.quantType }
            .map { "\($0.quantType): \(verdicts[$0.quantType]?.summary ?? "")" + (ineligible[$0.quantType].map { " [\($0)]" } ?? "") }
            .joined(separator: ". ")
        return Decision(verdicts: verdicts, selected: nil, rule: rule, why: why, closestUnsure: closest?.quantType, notes: notes,
                        ineligible: ineligible)
    }

    /// A note per REJECTED variant with a smaller eligible variant that is not: the larger one
    /// loses more than the smaller (a K-quant whose rows fit its blocks worse, say). Such an
    /// inversion is measured, not smoothed over; the smaller one is selected only when CLOSE.
    private func inversions(_ bySize: [VariantMeasurements], verdicts: [String: VariantVerdict], ineligible: [String: String],
                            chosen: String?) -> [String] {
        let local = bySize.filter { !$0.isEndpoint && $0.sizeBytes != nil }
        return local.compactMap { larger in
            guard let verdict = verdicts[larger.quantType], verdict.status == .rejected,
                  let smaller = local.last(where: { ($0.sizeBytes ?? 0) < (larger.sizeBytes ?? 0) && ineligible[$0.quantType] == nil
                                                    && verdicts[$0.quantType]?.status != .rejected }),
                  let smallerStatus = verdicts[smaller.quantType]?.status else { return nil }
            let beyond = verdict.criteria.filter { $0.reading == .beyond }.map(\.line).joined(separator: "; ")
            let outcome = smaller.quantType == chosen
                ? "\(smaller.quantType) is selected because it is CLOSE"
                : "\(smaller.quantType) is not selected unless it is CLOSE"
            return "inverted: the larger \(larger.quantType) is REJECTED (\(beyond)) while the smaller \(smaller.quantType) is \(smallerStatus.rawValue)"
                + (smaller.evidence.notEvaluated == nil ? "" : " (not evaluated)") + "; \(outcome)"
        }
    }

    /// Among the variants that fit the budget and are smaller than the baseline, the best:
    /// UNSURE before REJECTED, then the largest (the least compressed).
    private func bestFitting(_ variants: [VariantMeasurements], verdicts: [String: VariantVerdict],
                             ineligible: [String: String]) -> VariantMeasurements? {
        let fitting = variants.filter { ineligible[$0.quantType] == nil }
        return fitting.max { lhs, rhs in
            let rank = { (v: VariantMeasurements) in verdicts[v.quantType]?.status == .rejected ? 0 : 1 }
            return (rank(lhs), lhs.sizeBytes ?? 0) < (rank(rhs), rhs.sizeBytes ?? 0)
        }
    }
}
