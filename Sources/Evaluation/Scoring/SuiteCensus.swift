/// What a variant changed on the user's own questions, counted, not estimated: answers are
/// deterministic in sequential mode, so on these questions a count is the truth and needs no
/// interval. The verdict reads it beside the intervals (``VerdictJudge``): a key fact the
/// baseline stated and the variant lost, an answer that turned wrong or a new repetition loop
/// is seen here even where a suite of 24 questions is too small for any share to be read.
///
/// Counted over the user's own wordings, the pass-1 answers of each question's original form and
/// paraphrases answered on both sides. The seeded noisy forms (typos, casing) are not the user's
/// questions but one draw of perturbations among many: what a variant loses there is counted
/// apart (`noisy…`) and read by inference, in the key-fact recall drop's interval over every
/// form, not by the census. Bias probes are not questions and are not counted.
public struct SuiteCensus: Sendable, Equatable {
    /// A key fact the baseline's answer states and the variant's answer to the same prompt does not.
    public struct LostFact: Sendable, Equatable, Hashable {
        /// The question's id.
        public var questionID: String
        /// The form (``Prompt/form``).
        public var form: String
        /// The fact's label.
        public var fact: String

        /// Memberwise.
        public init(questionID: String, form: String, fact: String) {
            self.questionID = questionID
            self.form = form
            self.fact = fact
        }
    }

    /// Questions with at least one form answered on both sides.
    public var questions: Int
    /// Of those, questions where some form's answer text differs from the baseline's.
    public var questionsChanged: Int
    /// Prompts (forms) answered on both sides.
    public var forms: Int
    /// Of those, prompts whose answer text differs.
    public var formsChanged: Int
    /// (form, fact) pairs the baseline's answers state.
    public var factsStated: Int
    /// The stated facts the variant's answers lost, in suite order.
    public var factsLost: [LostFact]
    /// Questions whose original form the baseline answered right and the variant wrong.
    public var rightToWrong: [String]
    /// Questions whose original form the baseline answered wrong and the variant right.
    public var wrongToRight: [String]
    /// Prompts whose answer loops (``LoopDetector``) on the variant and not on the baseline,
    /// as "question id/form".
    public var newLoops: [String]
    /// Noisy prompts answered on both sides.
    public var noisyForms: Int
    /// Of those, prompts whose answer text differs.
    public var noisyFormsChanged: Int
    /// Stated facts lost on noisy prompts.
    public var noisyFactsLost: [LostFact]

    /// Memberwise; every count defaults to none.
    public init(questions: Int, questionsChanged: Int = 0, forms: Int = 0, formsChanged: Int = 0, factsStated: Int = 0,
                factsLost: [LostFact] = [], rightToWrong: [String] = [], wrongToRight: [String] = [], newLoops: [String] = [],
                noisyForms: Int = 0, noisyFormsChanged: Int = 0, noisyFactsLost: [LostFact] = []) {
        self.questions = questions
        self.questionsChanged = questionsChanged
        self.forms = forms
        self.formsChanged = formsChanged
        self.factsStated = factsStated
        self.factsLost = factsLost
        self.rightToWrong = rightToWrong
        self.wrongToRight = wrongToRight
        self.newLoops = newLoops
        self.noisyForms = noisyForms
        self.noisyFormsChanged = noisyFormsChanged
        self.noisyFactsLost = noisyFactsLost
    }

    /// The census of `answers` against `baseline` over `suite`'s questions.
    public static func of(suite: Suite, answers: [AnswerRecord], baseline: [AnswerRecord]) -> SuiteCensus {
        let pass = ScoredPass(suite: suite, records: answers, pass: 1)
        let base = ScoredPass(suite: suite, records: baseline, pass: 1)
        let questionIDs = Set(suite.questions.map(\.id))
        var census = SuiteCensus(questions: 0)
        var changed: Set<String> = []
        var compared: Set<String> = []
        for answer in pass.answers where questionIDs.contains(answer.record.questionID) {
            guard let before = base.byKey[answer.formKey] else { continue }
            let id = answer.record.questionID
            let kept = Set(answer.hits.filter(\.found).map(\.fact))
            let lost = before.hits.filter { $0.found && !kept.contains($0.fact) }.map {
                LostFact(questionID: id, form: answer.record.form, fact: $0.fact)
            }
            switch Prompt.kind(of: answer.record.form) {
            case .wording:
                break
            case .noisy:
                census.noisyForms += 1
                if answer.record.answer != before.record.answer { census.noisyFormsChanged += 1 }
                census.noisyFactsLost += lost
                continue
            case .premise, .bias:
                // A premise is built to mislead: its losses are the premise figures' (Scorer), not
                // evidence that the variant forgot the fact.
                continue
            }
            compared.insert(id)
            census.forms += 1
            if answer.record.answer != before.record.answer {
                census.formsChanged += 1
                changed.insert(id)
            }
            census.factsStated += before.hits.filter(\.found).count
            census.factsLost += lost
            if LoopDetector.isLooping(answer.record.answer) && !LoopDetector.isLooping(before.record.answer) {
                census.newLoops.append("\(id)/\(answer.record.form)")
            }
            guard answer.record.form == "original", let after = answer.correct, let was = before.correct else { continue }
            if was && !after { census.rightToWrong.append(id) }
            if !was && after { census.wrongToRight.append(id) }
        }
        census.questions = compared.count
        census.questionsChanged = changed.count
        return census
    }

    /// "cisplatin: 300.05 g/mol; …": the first three of `lost`, as the census's sentences name them.
    public static func named(_ lost: [LostFact]) -> String {
        lost.prefix(3).map { "\($0.questionID): \($0.fact)" }.joined(separator: "; ") + (lost.count > 3 ? "; …" : "")
    }

    /// Whether nothing the verdict counts against a variant happened: no stated fact lost, no
    /// answer turned wrong, no new loop.
    public var isClean: Bool { factsLost.isEmpty && rightToWrong.isEmpty && newLoops.isEmpty }

    /// The census in words, naming the baseline: "all 24 questions answered as F16 answers
    /// them, every key fact kept (61 stated)" or "3 of 24 questions answered otherwise than F16
    /// (5 of 48 prompts), 2 of 61 key facts F16 states lost (cisplatin: 300.05 g/mol; …), 1
    /// answer turned wrong (cisplatin)", then what changed under noise ("under seeded noise, 2
    /// of 72 prompts answered otherwise, 1 fact lost (tenarocil-weight: 294.31 g/mol)").
    /// - Parameter factsAtRisk: the facts-at-risk clause, placed before the noisy forms' one.
    public func line(baseline: String, factsAtRisk: String? = nil) -> String {
        var clauses: [String] = []
        if questionsChanged == 0 {
            clauses.append("all \(questions) question\(questions == 1 ? "" : "s") answered as \(baseline) answers \(questions == 1 ? "it" : "them")")
        } else {
            clauses.append("\(questionsChanged) of \(questions) questions answered otherwise than \(baseline) (\(formsChanged) of \(forms) prompts)")
        }
        if factsStated > 0 {
            if factsLost.isEmpty {
                clauses.append("every key fact kept (\(factsStated) stated)")
            } else {
                clauses.append("\(factsLost.count) of \(factsStated) key facts \(baseline) states lost (\(Self.named(factsLost)))")
            }
        }
        if !rightToWrong.isEmpty {
            clauses.append("\(rightToWrong.count) answer\(rightToWrong.count == 1 ? "" : "s") turned wrong (\(rightToWrong.prefix(3).joined(separator: ", "))\(rightToWrong.count > 3 ? ", …" : ""))")
        }
        if !newLoops.isEmpty {
            clauses.append("\(newLoops.count) new repetition loop\(newLoops.count == 1 ? "" : "s") (\(newLoops.prefix(3).joined(separator: ", ")))")
        }
        if let factsAtRisk { clauses.append(factsAtRisk) }
        if noisyFormsChanged > 0 {
            var noise = "under seeded noise, \(noisyFormsChanged) of \(noisyForms) prompts answered otherwise"
            if !noisyFactsLost.isEmpty {
                noise += ", \(noisyFactsLost.count) fact\(noisyFactsLost.count == 1 ? "" : "s") lost (\(Self.named(noisyFactsLost)))"
            }
            clauses.append(noise)
        }
        return clauses.joined(separator: ", ")
    }
}
