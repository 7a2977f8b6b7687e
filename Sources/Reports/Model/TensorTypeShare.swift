/// The tensors of one ggml type in a variant's GGUF, as its tensor table says: what the file
/// really holds, whatever its name.
public struct TensorTypeShare: Codable, Sendable, Equatable {
    /// ggml's type name ("q4_K", "q5_0", "f32").
    public var type: String
    /// Number of tensors of this type.
    public var tensors: Int
    /// Bytes of their data (no header, no alignment padding).
    public var bytes: Int

    /// Memberwise.
    public init(type: String, tensors: Int, bytes: Int) {
        self.type = type
        self.tensors = tensors
        self.bytes = bytes
    }
}
