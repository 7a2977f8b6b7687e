/// One variant's metrics in both revisions.
public struct VariantDelta: Codable, Sendable, Equatable {
    /// The quant type.
    public var quantType: String
    /// File size in bytes in A.
    public var sizeBytesA: Int?
    /// File size in bytes in B.
    public var sizeBytesB: Int?
    /// One entry per compared metric.
    public var metrics: [MetricDelta]

    enum CodingKeys: String, CodingKey {
        case metrics
        case quantType = "quant_type"
        case sizeBytesA = "size_bytes_a"
        case sizeBytesB = "size_bytes_b"
    }
}
