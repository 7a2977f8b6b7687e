/// One stored answer joined with the suite prompt it answers and judged afresh from the suite
/// (facts recomputed, so a corrected key fact changes the verdict).
struct ScoredAnswer {
    let record: AnswerRecord
    let prompt: Prompt
    let reference: String?
    let hits: [FactHit]
    let correct: Bool?

    init(record: AnswerRecord, prompt: Prompt, reference: String?) {
        self.record = record
        self.prompt = prompt
        self.reference = reference
        hits = KeyFactMatcher.hits(for: prompt.keyFacts, in: record.answer)
        correct = Correctness.judge(hits: hits, answer: record.answer, reference: reference, planted: prompt.planted)
    }

    /// (question id, form): the key within one pass of one variant.
    var formKey: FormKey { FormKey(questionID: record.questionID, form: record.form) }
}

/// A prompt's identity within a suite.
struct FormKey: Hashable {
    let questionID: String
    let form: String
}

/// The answers of one pass matched to the suite's prompts, in the suite's form order.
struct ScoredPass {
    let answers: [ScoredAnswer]
    let byKey: [FormKey: ScoredAnswer]

    /// Keeps the records of `pass` that answer a prompt of `suite`; when a prompt was answered
    /// more than once (an older variant file, say), the last record in file order wins.
    init(suite: Suite, records: [AnswerRecord], pass: Int) {
        var latest: [FormKey: AnswerRecord] = [:]
        for record in records where record.pass == pass {
            latest[FormKey(questionID: record.questionID, form: record.form)] = record
        }
        let references = Dictionary(suite.questions.map { ($0.id, $0.reference) }, uniquingKeysWith: { first, _ in first })
            .merging(suite.biasProbes.map { ($0.id, $0.reference) }, uniquingKeysWith: { first, _ in first })
        var answers: [ScoredAnswer] = []
        for prompt in suite.forms() {
            guard let record = latest[FormKey(questionID: prompt.questionID, form: prompt.form)] else { continue }
            answers.append(ScoredAnswer(record: record, prompt: prompt, reference: references[prompt.questionID] ?? nil))
        }
        self.answers = answers
        byKey = Dictionary(answers.map { ($0.formKey, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// The answers to original forms.
    var originals: [ScoredAnswer] { answers.filter { $0.record.form == "original" } }

    /// Question id → correctness of the original form, where defined.
    var correctness: [String: Bool] {
        var result: [String: Bool] = [:]
        for answer in originals {
            if let correct = answer.correct { result[answer.record.questionID] = correct }
        }
        return result
    }
}
