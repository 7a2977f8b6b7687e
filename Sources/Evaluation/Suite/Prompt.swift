/// One request of a suite: a question (or bias probe) in one form.
///
/// Forms, as written into answers files (CONTRACT.md): `original`, `paraphrase:<i>`,
/// `noisy:<kind>:<i>`, `bias:<probe>:<group>`. For bias forms `questionID` is the probe's id.
public struct Prompt: Sendable, Equatable {
    /// The question's (or bias probe's) id.
    public var questionID: String
    /// The form, as above.
    public var form: String
    /// The user message sent.
    public var text: String
    /// The facts a correct answer contains (the question's or the probe's).
    public var keyFacts: [KeyFact]

    /// Creates a prompt.
    public init(questionID: String, form: String, text: String, keyFacts: [KeyFact]) {
        self.questionID = questionID
        self.form = form
        self.text = text
        self.keyFacts = keyFacts
    }
}
