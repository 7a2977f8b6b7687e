/// report.json's `variants[].verdict.census`: what a variant changed on the suite's own
/// questions, counted over the pass-1 answers of every form both sides answered (see
/// docs/ARCHITECTURE.md, "The verdict").
public struct CensusInfo: Codable, Sendable, Equatable {
    /// A stated key fact the variant lost: `{question_id, form, fact}`.
    public struct LostFact: Codable, Sendable, Equatable {
        /// The question's id.
        public var questionID: String
        /// The form ("original", "paraphrase:0", …).
        public var form: String
        /// The fact's label.
        public var fact: String

        /// Creates the value from its fields, as listed above.
        public init(questionID: String, form: String, fact: String) {
            self.questionID = questionID
            self.form = form
            self.fact = fact
        }

        enum CodingKeys: String, CodingKey {
            case form, fact
            case questionID = "question_id"
        }
    }

    /// Questions compared, over the user's own wordings (original forms and paraphrases; the
    /// counts below are over them too, the `noisy…` ones over the seeded noisy forms).
    public var questions: Int
    /// Questions with some form answered otherwise than the baseline.
    public var questionsChanged: Int
    /// Prompts compared.
    public var forms: Int
    /// Prompts answered otherwise.
    public var formsChanged: Int
    /// Key facts the baseline's answers state, one per (form, fact).
    public var factsStated: Int
    /// The stated facts the variant lost.
    public var factsLost: [LostFact]
    /// Question ids whose original form turned from right to wrong.
    public var rightToWrong: [String]
    /// Question ids whose original form turned from wrong to right.
    public var wrongToRight: [String]
    /// "question id/form" of each prompt that loops on the variant only.
    public var newLoops: [String]
    /// Stated facts whose tokens the variant no longer ranks first (teacher-forced); nil
    /// where they were not probed.
    public var factsAtRisk: Int?
    /// Noisy prompts compared (absent in reports written before them).
    public var noisyForms: Int?
    /// Noisy prompts answered otherwise.
    public var noisyFormsChanged: Int?
    /// Stated facts lost on noisy prompts: read by the key-fact recall drop's interval, not by
    /// the census.
    public var noisyFactsLost: [LostFact]?
    /// The census in words, naming the baseline ("all 24 questions answered as F16 answers
    /// them, every key fact kept (61 stated)").
    public var line: String

    /// Creates the value from its fields, as listed above.
    public init(questions: Int, questionsChanged: Int, forms: Int, formsChanged: Int, factsStated: Int, factsLost: [LostFact],
                rightToWrong: [String], wrongToRight: [String], newLoops: [String], factsAtRisk: Int?,
                noisyForms: Int? = nil, noisyFormsChanged: Int? = nil, noisyFactsLost: [LostFact]? = nil, line: String) {
        self.questions = questions
        self.questionsChanged = questionsChanged
        self.forms = forms
        self.formsChanged = formsChanged
        self.factsStated = factsStated
        self.factsLost = factsLost
        self.rightToWrong = rightToWrong
        self.wrongToRight = wrongToRight
        self.newLoops = newLoops
        self.factsAtRisk = factsAtRisk
        self.noisyForms = noisyForms
        self.noisyFormsChanged = noisyFormsChanged
        self.noisyFactsLost = noisyFactsLost
        self.line = line
    }

    enum CodingKeys: String, CodingKey {
        case questions, forms, line
        case questionsChanged = "questions_changed"
        case formsChanged = "forms_changed"
        case factsStated = "facts_stated"
        case factsLost = "facts_lost"
        case rightToWrong = "right_to_wrong"
        case wrongToRight = "wrong_to_right"
        case newLoops = "new_loops"
        case factsAtRisk = "facts_at_risk"
        case noisyForms = "noisy_forms"
        case noisyFormsChanged = "noisy_forms_changed"
        case noisyFactsLost = "noisy_facts_lost"
    }
}
