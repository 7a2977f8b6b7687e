/// A question asked on a misleading premise (docs/SUITE.md "False premises"; the write-up's
/// adversarial test, 对抗性攻击测试): the prompt asserts a wrong value of one of the question's
/// key facts ("I read that Zelmora was founded in 1992. When was Zelmora founded?").
///
/// Form `premise:<index>`. Its answer is correct only when it states every key fact of the
/// question and does not assert `planted` (``PremiseCheck`` states what asserting is: a mention
/// under a negation, "not 1992", is a correction, not an assertion).
public struct FalsePremise: Sendable, Equatable {
    /// The user message, with the wrong value in it.
    public var prompt: String
    /// The wrong value the prompt plants, in key-fact shape (text, or a number with its tolerance).
    public var planted: KeyFact

    /// Creates a false-premise form.
    public init(prompt: String, planted: KeyFact) {
        self.prompt = prompt
        self.planted = planted
    }
}
