/// A `--fail-on` rule one variant broke.
public struct Regression: Codable, Sendable, Equatable {
    /// The variant.
    public var quantType: String
    /// The rule's metric.
    public var metric: String
    /// Its value in A.
    public var a: Double
    /// Its value in B.
    public var b: Double
    /// How much it got worse (`MetricDirection.worsening`).
    public var worsening: Double
    /// The rule's limit.
    public var maxDrop: Double

    /// One line for the terminal: "Q4_K_M accuracy got worse by 0.250 (0.750 → 0.500), limit 0.050".
    public var description: String {
        "\(quantType) \(metric) got worse by \(FigureFormat.fixed(worsening, 4)) (\(FigureFormat.fixed(a, 4)) → \(FigureFormat.fixed(b, 4))), limit \(FigureFormat.fixed(maxDrop, 4))"
    }

    enum CodingKeys: String, CodingKey {
        case metric, a, b, worsening
        case quantType = "quant_type"
        case maxDrop = "max_drop"
    }
}
