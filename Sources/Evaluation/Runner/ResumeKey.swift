/// What identifies an answer across runs (docs/EVALUATION.md "Answers files"): an answer with the same
/// key is already done and is not asked again.
public struct ResumeKey: Hashable, Sendable {
    /// SHA-256 of the suite file.
    public var suiteSHA256: String
    /// SHA-256 of the variant's GGUF file.
    public var variantSHA256: String
    /// The question's (or bias probe's) id.
    public var questionID: String
    /// The form.
    public var form: String
    /// The pass (1, or 2 for the parallel-mode repeat).
    public var pass: Int

    /// Creates a key.
    public init(suiteSHA256: String, variantSHA256: String, questionID: String, form: String, pass: Int) {
        self.suiteSHA256 = suiteSHA256
        self.variantSHA256 = variantSHA256
        self.questionID = questionID
        self.form = form
        self.pass = pass
    }
}
