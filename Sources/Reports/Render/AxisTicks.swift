import Foundation

/// "Nice" axis ticks (steps of 1, 2 or 5 × 10ⁿ) covering a range, for the SVG charts.
enum AxisTicks {
    /// About `count` ticks from the first multiple of the step ≥ `low` to the last ≤ `high`.
    static func ticks(low: Double, high: Double, count: Int = 5) -> [Double] {
        guard high > low, count > 0 else { return [low] }
        let raw = (high - low) / Double(count)
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        var ticks: [Double] = []
        var value = (low / step).rounded(.up) * step
        while value <= high + step * 1e-9 {
            ticks.append(abs(value) < step * 1e-9 ? 0 : value)
            value += step
        }
        return ticks
    }
}
