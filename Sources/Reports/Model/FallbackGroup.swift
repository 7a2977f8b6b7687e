/// Tensors llama-quantize gave another type than it chose, counted per (wanted → used) pair and
/// reason: a Q4_K_M of a model with 576-weight rows has 166 tensors q4_K → q5_0.
public struct FallbackGroup: Codable, Sendable, Equatable {
    /// ggml type llama-quantize chose first ("q4_K").
    public var wanted: String
    /// ggml type it wrote instead ("q5_0").
    public var used: String
    /// Number of tensors.
    public var tensors: Int
    /// Why, in words: "576 columns not divisible by 256".
    public var reason: String

    /// Memberwise.
    public init(wanted: String, used: String, tensors: Int, reason: String) {
        self.wanted = wanted
        self.used = used
        self.tensors = tensors
        self.reason = reason
    }
}
