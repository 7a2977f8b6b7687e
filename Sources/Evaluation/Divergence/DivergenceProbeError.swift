/// Why a divergence could not be placed.
public enum DivergenceProbeError: Error, Equatable, CustomStringConvertible {
    /// The server's token pieces for an answer do not end with the answer's bytes, so token
    /// positions cannot be mapped to the text.
    case piecesDoNotSpellAnswer(questionID: String, form: String, side: String, textBytes: Int, pieceBytes: Int)

    public var description: String {
        switch self {
        case let .piecesDoNotSpellAnswer(questionID, form, side, textBytes, pieceBytes):
            "divergence of \(questionID) (\(form)): the server's token pieces of the \(side)'s answer spell \(pieceBytes) bytes that do not end with the answer's \(textBytes); is the llama-server build one whose /tokenize returns pieces (with_pieces)?"
        }
    }
}
