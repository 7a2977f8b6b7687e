/// The fixed texts every server's tokenizer is asked to tokenize: each one exercises a part of
/// a BPE/SentencePiece pre-tokenizer that a changed `tokenizer.ggml.pre`, vocabulary or merge
/// list shows first, and each resembles what suite answers are scored on.
public enum ServerProbeTexts {
    /// Mixed case, digits and decimals with a unit, a chemical formula, CJK with a full-width
    /// stop, code, and runs of spaces, tabs and newlines; in this order.
    public static let fixed: [String] = [
        "The Quick brown FOX jumps over McDonald's iPhone in New YORK.",
        "Its molar mass is 853.9 g/mol; 3,141 samples at 0.05% and 1e-3.",
        "C17H21ClN4O2",
        "首都是北京。",
        "func area(_ r: Double) -> Double {\n    return .pi * r * r // circle\n}",
        "a  b   c\t\td\n\n\n    e     \n",
    ]

    /// The fixed texts followed by `firstPrompt` (the suite's first question), which carries
    /// the vocabulary the scores are really measured on.
    public static func all(firstPrompt: String) -> [String] {
        fixed + [firstPrompt]
    }
}
