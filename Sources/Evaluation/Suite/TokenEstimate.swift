/// Tokens a text is estimated to take before a model's tokenizer is at hand: four characters of
/// Latin text or one CJK character a token, rounded up. For sizing (`suite init`'s max_tokens)
/// and lint warnings (`suite check --context`); `run` counts exactly with the model's tokenizer.
public enum TokenEstimate {
    /// The estimated tokens of `text`.
    public static func tokens(in text: String) -> Int {
        Int(text.unicodeScalars.reduce(0.0) { $0 + (CJKText.isCJK($1) ? 1 : 0.25) }.rounded(.up))
    }
}
