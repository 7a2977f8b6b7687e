/// Checks a review file against the run it claims to review, before anything is written:
/// the file names that run, and every rating names an existing variant that answered the
/// suite, a question of the run, and a form that variant answered that question in, once.
public struct ReviewCheck: Sendable {
    /// The run's report.
    public var report: Report
    /// Per variant name, the (question id, form) pairs of its answers file; a variant absent
    /// here is taken to have answered the original form of each question in `report.questions`.
    public var answered: [String: Set<AnsweredForm>]

    /// One line of an answers file, by what identifies the answer.
    public struct AnsweredForm: Hashable, Sendable {
        /// `question_id`.
        public var questionID: String
        /// `form`.
        public var form: String

        /// Creates the value from its fields, as listed above.
        public init(questionID: String, form: String) {
            self.questionID = questionID
            self.form = form
        }
    }

    /// Creates the check from its fields, as listed above.
    public init(report: Report, answered: [String: Set<AnsweredForm>]) {
        self.report = report
        self.answered = answered
    }

    /// Refuses `file` (read from `path`) unless it reviews this run and every rating is known.
    /// - Throws: `ReviewError.otherRun`, `.noRatings`, `.unknownVariant`, `.unknownQuestion`,
    ///   `.unknownForm` or `.duplicate`, for the first problem found.
    public func check(_ file: ReviewFile, path: String) throws(ReviewError) {
        if file.model != report.model.slug && file.model != report.model.name {
            throw .otherRun(path: path, field: "model", value: file.model, expected: "model \(report.model.slug)")
        }
        if file.revision != report.model.revision {
            throw .otherRun(path: path, field: "revision", value: file.revision, expected: "revision \(report.model.revision)")
        }
        if file.runID != report.runID {
            throw .otherRun(path: path, field: "run_id", value: file.runID, expected: "run \(report.runID)")
        }
        guard !file.ratings.isEmpty else { throw .noRatings(path: path) }
        let variants = report.variants.filter { $0.notEvaluated == nil }.map(\.quantType)
        let questions = orderedUnique(report.questions.map(\.id) + answered.values.flatMap { $0.map(\.questionID) }.sorted())
        var seen: [AnsweredForm: [String: Int]] = [:]
        for (index, rating) in file.ratings.enumerated() {
            guard variants.contains(rating.variant) else {
                throw .unknownVariant(path: path, index: index, variant: rating.variant, known: variants)
            }
            guard questions.contains(rating.questionID) else {
                throw .unknownQuestion(path: path, index: index, questionID: rating.questionID, known: questions)
            }
            let forms = forms(of: rating.variant, question: rating.questionID)
            guard forms.contains(rating.form) else {
                throw .unknownForm(path: path, index: index, questionID: rating.questionID, variant: rating.variant,
                                   form: rating.form, known: forms)
            }
            let answer = AnsweredForm(questionID: rating.questionID, form: rating.form)
            if let first = seen[answer]?[rating.variant] { throw .duplicate(path: path, index: index, first: first) }
            seen[answer, default: [:]][rating.variant] = index
        }
    }

    /// The forms `variant` answered `question` in, original first.
    private func forms(of variant: String, question: String) -> [String] {
        guard let lines = answered[variant] else {
            let shown = report.questions.first { $0.id == question }?.answers.contains { $0.quantType == variant } == true
            return shown ? [ReviewSummary.originalForm] : []
        }
        let forms = lines.filter { $0.questionID == question }.map(\.form).sorted()
        return orderedUnique(forms.filter { $0 == ReviewSummary.originalForm } + forms)
    }

    private func orderedUnique(_ items: [String]) -> [String] {
        var seen: Set<String> = []
        return items.filter { seen.insert($0).inserted }
    }
}
