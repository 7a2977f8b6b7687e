/// Why a quant type name was not accepted.
public enum QuantTypeError: Error, Equatable, CustomStringConvertible, InputClassifiable {
    /// The name is not a type llama-quantize accepts; `valid` lists those it does.
    case unknown(String, valid: [String])

    /// Always true: the name came from the caller.
    public var isInputError: Bool { true }

    public var description: String {
        switch self {
        case let .unknown(name, valid):
            "unknown quant type \"\(name)\"; llama-quantize accepts: \(valid.joined(separator: ", "))"
        }
    }
}
