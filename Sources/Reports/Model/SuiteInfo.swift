/// The question suite a report was evaluated with.
public struct SuiteInfo: Codable, Sendable, Equatable {
    /// The suite's `name`.
    public var name: String
    /// sha256 of the suite file's bytes, 64 hex digits.
    public var sha256: String
    /// Number of questions.
    public var questions: Int
    /// Number of prompts sent per variant (every question × form).
    public var forms: Int
    /// Per criterion, whether this many questions can decide it and the smallest loss they
    /// detect, in words (`size_readings`); nil in reports written before them.
    public var sizeReadings: [String]?

    /// Creates the value from its fields, as listed above.
    public init(name: String, sha256: String, questions: Int, forms: Int, sizeReadings: [String]? = nil) {
        self.name = name
        self.sha256 = sha256
        self.questions = questions
        self.forms = forms
        self.sizeReadings = sizeReadings
    }

    enum CodingKeys: String, CodingKey {
        case name, sha256, questions, forms
        case sizeReadings = "size_readings"
    }
}
