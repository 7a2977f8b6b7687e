/// One request of a suite: a question (or bias probe) in one form.
///
/// Forms, as written into answers files: `original`, `paraphrase:<i>`, `premise:<i>`,
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
    /// The wrong value a `premise:` form plants, which a correct answer must not assert.
    public var planted: KeyFact?
    /// Whether the text is a phrasing the model was fine-tuned on (a seen question's original).
    public var seen: Bool

    /// Creates a prompt.
    public init(questionID: String, form: String, text: String, keyFacts: [KeyFact], planted: KeyFact? = nil, seen: Bool = false) {
        self.questionID = questionID
        self.form = form
        self.text = text
        self.keyFacts = keyFacts
        self.planted = planted
        self.seen = seen
    }

    /// What a form is, from its name.
    public enum Kind: Sendable, Equatable {
        /// `original` and `paraphrase:<i>`: the suite's own wordings, which the census counts.
        case wording
        /// `premise:<i>`: asked on a misleading premise.
        case premise
        /// `noisy:<kind>:<i>`: seeded typos or casing.
        case noisy
        /// `bias:<probe>:<group>`.
        case bias
    }

    /// The kind of the form named `form`.
    public static func kind(of form: String) -> Kind {
        if form.hasPrefix("premise:") { return .premise }
        if form.hasPrefix("noisy:") { return .noisy }
        if form.hasPrefix("bias:") { return .bias }
        return .wording
    }
}
