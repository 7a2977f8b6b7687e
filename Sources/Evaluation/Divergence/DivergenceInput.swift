/// One prompt answered by the baseline and by a variant, to find where the variant's answer
/// parts from the baseline's (``DivergenceProbe``).
public struct DivergenceInput: Sendable, Equatable {
    /// The question's (or bias probe's) id.
    public var questionID: String
    /// The form (``Prompt/form``).
    public var form: String
    /// The baseline's answer text.
    public var baselineAnswer: String
    /// The variant's answer text.
    public var variantAnswer: String
    /// The prompt's key facts, to tell whether the divergence falls inside one (``FactLocator``).
    public var facts: [KeyFact]

    /// One answered prompt; fields as documented on the properties.
    public init(questionID: String, form: String, baselineAnswer: String, variantAnswer: String, facts: [KeyFact]) {
        self.questionID = questionID
        self.form = form
        self.baselineAnswer = baselineAnswer
        self.variantAnswer = variantAnswer
        self.facts = facts
    }
}
