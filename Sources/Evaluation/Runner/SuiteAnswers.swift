/// One variant's answers to a suite, exactly one per form, from an answers log that may hold
/// more (lines from an older suite or variant file, or a prompt answered twice by two runs that
/// shared a work folder before runs were locked).
public enum SuiteAnswers {
    /// For each of the suite's forms, in form order, the first record of `log` with that form's
    /// resume key (suite sha256, `variantSHA256`, question id, form, `pass`): the one
    /// ``EvaluationRunner`` treats as done. Forms not answered yet are left out.
    public static func pick(from log: [AnswerRecord], suite: Suite, variantSHA256: String, pass: Int) -> [AnswerRecord] {
        var first: [ResumeKey: AnswerRecord] = [:]
        for record in log where first[record.resumeKey] == nil {
            first[record.resumeKey] = record
        }
        return suite.forms().compactMap { prompt in
            first[ResumeKey(suiteSHA256: suite.sha256, variantSHA256: variantSHA256, questionID: prompt.questionID,
                            form: prompt.form, pass: pass)]
        }
    }
}
