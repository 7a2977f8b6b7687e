import Foundation

/// The adaptive search of the ladder (`search: adaptive`): which rungs to ask the whole suite,
/// one at a time, so that the smallest CLOSE rung is found with as few suite evaluations as
/// the evidence allows.
///
/// The rungs are the eligible local variants (smaller than the baseline, within `max_size`),
/// largest first, each with its screening: the verdict on its KL divergences alone (generic and
/// domain), which needs no suite.
/// 1. A rung whose screening is REJECTED (a KLD beyond its margin) is decided: no suite result
///    can make it CLOSE, so it is never evaluated.
/// 2. Where the screening KLD is not monotone in size among the rest (a larger rung diverges
///    more than a smaller one, on the generic or the domain corpus), every rung from the larger
///    to the smaller is evaluated: the size order says nothing there.
/// 3. The rest is a binary search for the boundary between CLOSE and not CLOSE, assuming a
///    rung is CLOSE when a smaller one is (lower bound: the rung after the last known CLOSE;
///    upper: the first known not CLOSE); rungs already evaluated count as known.
/// 4. The rung just above the pick is always evaluated, to check the assumption next to the
///    decision.
/// 5. Whenever the results contradict the assumption (a rung not CLOSE above a CLOSE one),
///    every rung below the contradicting one is evaluated, so the pick is the smallest CLOSE
///    rung an exhaustive run would find.
///
/// With n candidates and no inversion this asks at most ⌈log2 (n + 1)⌉ + 1 rungs. The search is
/// a value: ``next()`` names the rung to evaluate, ``record(_:close:)`` gives its status.
public struct LadderSearch: Sendable, Equatable {
    /// One rung: its name, size and screening.
    public struct Rung: Sendable, Equatable {
        /// The ladder entry's name.
        public var name: String
        /// GGUF file size in bytes: the order of the search.
        public var sizeBytes: Int
        /// Mean KL divergence over the generic corpus, nats.
        public var kldMean: Double?
        /// Mean KL divergence over the baseline's answers, nats; nil when not measured.
        public var domainKLDMean: Double?
        /// True when the verdict on its KL divergences alone is REJECTED.
        public var rejectedByKLD: Bool

        /// Memberwise.
        public init(name: String, sizeBytes: Int, kldMean: Double?, domainKLDMean: Double?, rejectedByKLD: Bool) {
            self.name = name
            self.sizeBytes = sizeBytes
            self.kldMean = kldMean
            self.domainKLDMean = domainKLDMean
            self.rejectedByKLD = rejectedByKLD
        }
    }

    /// The candidates, largest first (ties in the order given).
    public let candidates: [Rung]
    /// Every rung given, screened out or not, largest first.
    public let rungs: [Rung]
    /// Candidates in a non-monotone stretch of the screening KLD: evaluated whatever the search.
    public let inverted: Set<String>
    /// Evaluated rungs: name → CLOSE.
    public private(set) var results: [String: Bool] = [:]
    /// Evaluated rungs in the order they were evaluated.
    public private(set) var order: [String] = []

    /// - Parameter rungs: the eligible local variants, any order.
    public init(rungs: [Rung]) {
        let sorted = rungs.enumerated().sorted { ($0.element.sizeBytes, $1.offset) > ($1.element.sizeBytes, $0.offset) }.map(\.element)
        self.rungs = sorted
        candidates = sorted.filter { !$0.rejectedByKLD }
        inverted = Self.invertedStretches(candidates)
    }

    /// The next rung to ask the suite, or nil when the search is decided.
    public func next() -> String? {
        if let name = candidates.first(where: { inverted.contains($0.name) && results[$0.name] == nil })?.name { return name }
        if let contradiction = contradiction {
            return candidates[(contradiction + 1)...].first { results[$0.name] == nil }?.name
        }
        let (low, high) = bounds
        if low < high { return candidates[(low + high) / 2].name }
        let pick = low - 1
        if pick > 0, results[candidates[pick - 1].name] == nil { return candidates[pick - 1].name }
        return nil
    }

    /// Records the outcome of a rung's suite evaluation.
    public mutating func record(_ name: String, close: Bool) {
        if results[name] == nil { order.append(name) }
        results[name] = close
    }

    /// The most suite evaluations the search makes over `candidates` rungs whose screening KLD
    /// grows as the size shrinks: ⌈log2 (n + 1)⌉ for the binary search, plus the rung above the
    /// pick, at most n.
    public static func monotoneBound(candidates: Int) -> Int {
        min(candidates, Int(log2(Double(candidates + 1)).rounded(.up)) + 1)
    }

    /// The candidates not evaluated yet, largest first: what the search may still ask.
    public var undecided: [String] {
        candidates.map(\.name).filter { results[$0] == nil }
    }

    /// The smallest evaluated CLOSE rung, the pick the search supports; nil when none is.
    public var smallestClose: String? {
        candidates.last { results[$0.name] == true }?.name
    }

    /// Why a rung was not evaluated, or nil when it was (or is still to be).
    public func whyNotEvaluated(_ name: String) -> String? {
        guard results[name] == nil, let index = rungs.firstIndex(where: { $0.name == name }) else { return nil }
        if rungs[index].rejectedByKLD { return "its KL divergence alone rejects it, whatever the suite would show" }
        let position = candidates.firstIndex { $0.name == name } ?? 0
        if let larger = candidates[..<position].last(where: { results[$0.name] == false }) {
            return "the larger \(larger.name) is not CLOSE and the KL divergences grow as the size shrinks, so this smaller rung is taken as not CLOSE either"
        }
        if let smaller = candidates[(position + 1)...].first(where: { results[$0.name] == true }) {
            return "the smaller \(smaller.name) is CLOSE, so this larger rung cannot be the pick"
        }
        return "the search ended before it"
    }

    /// The first candidate (largest first) that is not CLOSE while a smaller one is, by index.
    private var contradiction: Int? {
        guard let smallestClose = candidates.lastIndex(where: { results[$0.name] == true }) else { return nil }
        return candidates[..<smallestClose].firstIndex { results[$0.name] == false }
    }

    /// The binary search's bounds: after the last known CLOSE rung, and the first known not
    /// CLOSE one (the candidate count when none is).
    private var bounds: (low: Int, high: Int) {
        let low = (candidates.lastIndex { results[$0.name] == true } ?? -1) + 1
        let high = candidates.firstIndex { results[$0.name] == false } ?? candidates.count
        return (low, max(low, high))
    }

    /// Every candidate from a larger rung to a smaller one with a lower screening KLD (generic
    /// or domain), inclusive.
    private static func invertedStretches(_ candidates: [Rung]) -> Set<String> {
        var names: Set<String> = []
        for larger in candidates.indices {
            for smaller in candidates.indices where smaller > larger {
                if exceeds(candidates[larger].kldMean, candidates[smaller].kldMean)
                    || exceeds(candidates[larger].domainKLDMean, candidates[smaller].domainKLDMean) {
                    names.formUnion(candidates[larger...smaller].map(\.name))
                }
            }
        }
        return names
    }

    /// Whether both were measured and the first is larger.
    private static func exceeds(_ first: Double?, _ second: Double?) -> Bool {
        guard let first, let second else { return false }
        return first > second
    }
}
