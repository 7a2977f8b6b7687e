/// One question and its reference answer taken from a fine-tuning record.
///
/// The question and answer are never empty; leading and trailing whitespace is removed from every
/// field because completion-style data often pads answers with a space or a newline that no model
/// reproduces.
public struct TrainingRecord: Sendable, Equatable {
    /// The user's turn (for Alpaca the instruction, then a blank line and the input if any).
    public var question: String
    /// The assistant's turn right after the question.
    public var answer: String
    /// The system prompt of the record, if it has a non-empty one.
    public var system: String?
    /// The first non-empty text field among ``categoryFields``, if any.
    public var category: String?
    /// The 1-based line of the file where the record starts.
    public var line: Int

    /// Creates a record; the reader trims the texts and leaves empty optional ones `nil`.
    public init(question: String, answer: String, system: String? = nil, category: String? = nil, line: Int) {
        self.question = question
        self.answer = answer
        self.system = system
        self.category = category
        self.line = line
    }

    /// Fields (JSON) or columns (CSV, any case) that name a record's category, in the order they
    /// are tried: data sets mixing several tasks label them under one of these names.
    public static let categoryFields = ["category", "task", "topic", "type", "source"]
}
