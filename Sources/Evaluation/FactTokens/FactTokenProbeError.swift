/// Why a baseline answer could not be teacher-forced.
public enum FactTokenProbeError: Error, Equatable, CustomStringConvertible {
    /// The server's token pieces, concatenated, do not end with the prompt + answer's UTF-8
    /// bytes, so tokens cannot be placed in the text (a tokenizer that rewrites text, such as
    /// one normalizing whitespace or Unicode).
    case piecesDoNotSpellText(questionID: String, textBytes: Int, pieceBytes: Int)

    /// A message naming the question and what to check.
    public var description: String {
        switch self {
        case let .piecesDoNotSpellText(questionID, textBytes, pieceBytes):
            "cannot place the tokens of question \(questionID)'s prompt and answer: their pieces (\(pieceBytes) bytes) do not end with the text's \(textBytes) bytes; this model's tokenizer rewrites text, so its fact tokens cannot be located"
        }
    }
}
