import Foundation
import MetricKeys

/// One metric of one variant in two revisions.
public struct MetricDelta: Codable, Sendable, Equatable {
    /// The figure's key: a `MetricKey` raw value, or a name given to `compare --fail-on`.
    public var metric: String
    /// Its value in revision A (the older one, as given first), with its interval.
    public var a: Figure?
    /// Its value in revision B.
    public var b: Figure?
    /// `b − a` in the figure's unit; nil when either is missing.
    public var delta: Double?
    /// 95 % interval of `delta` for fractions that carry Wilson intervals on both sides:
    /// Newcombe's hybrid score interval for a difference of proportions (Newcombe 1998,
    /// Statistics in Medicine 17:873–890, method 10). It treats the two runs as independent,
    /// which is conservative for the same questions asked twice.
    public var deltaCI95: [Double]?
    /// True when `deltaCI95` contains 0: the change is within what the sample size can resolve.
    public var withinNoise: Bool?
    /// True for a speed or latency (`MetricKey.isLoadDependent`): its change between two runs
    /// is the machine's load as much as the model, so it is shown, not read as a change.
    public var loadDependent: Bool?

    /// Compares `a` with `b`, computing `delta` and, where both carry Wilson intervals, `deltaCI95`.
    public init(metric: String, a: Figure?, b: Figure?) {
        self.metric = metric
        self.a = a
        self.b = b
        loadDependent = MetricKey(rawValue: metric)?.isLoadDependent == true ? true : nil
        guard let a, let b else { return }
        delta = b.value - a.value
        if a.unit == "fraction", b.unit == "fraction", let ciA = a.ci95, let ciB = b.ci95, ciA.count == 2, ciB.count == 2 {
            let d = b.value - a.value
            let low = d - ((b.value - ciB[0]) * (b.value - ciB[0]) + (ciA[1] - a.value) * (ciA[1] - a.value)).squareRoot()
            let high = d + ((ciB[1] - b.value) * (ciB[1] - b.value) + (a.value - ciA[0]) * (a.value - ciA[0])).squareRoot()
            deltaCI95 = [max(low, -1), min(high, 1)]
            withinNoise = low <= 0 && 0 <= high
        }
    }

    enum CodingKeys: String, CodingKey {
        case metric, a, b, delta
        case deltaCI95 = "delta_ci95"
        case withinNoise = "within_noise"
        case loadDependent = "load_dependent"
    }
}
