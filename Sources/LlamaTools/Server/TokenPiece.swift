/// One token of a tokenized text and the bytes it stands for (`POST /tokenize` with
/// `with_pieces`, llama.cpp tools/server/README.md).
///
/// A token of a byte-level vocabulary may hold part of a UTF-8 sequence (the server then sends
/// its piece as an array of byte values, e.g. `[230]` for the first byte of "日"), so the piece is
/// kept as bytes: concatenated in order, the pieces of a text spell its UTF-8 bytes.
public struct TokenPiece: Sendable, Equatable {
    /// Token id in the model's vocabulary.
    public var id: Int
    /// The token's bytes as the server renders it (special tokens as their text, e.g. `<|im_start|>`).
    public var bytes: [UInt8]

    /// A token and its bytes.
    public init(id: Int, bytes: [UInt8]) {
        self.id = id
        self.bytes = bytes
    }

    /// The piece as text, or nil when its bytes are not valid UTF-8 on their own.
    public var text: String? {
        String(validating: bytes, as: UTF8.self)
    }
}
