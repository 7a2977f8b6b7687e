/// The marker both views put on an answer that `QuestionAnswer.looping` flags, so a reader
/// sees why an answer holding every key fact still counts as wrong.
enum LoopMarker {
    /// "⟳ looping".
    static let text = "⟳ looping"
}
