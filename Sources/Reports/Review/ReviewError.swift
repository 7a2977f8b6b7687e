/// Why a review was not imported; nothing was committed. Each message names the review file,
/// the field (`ratings[3].variant`) and what was expected.
public enum ReviewError: Error, CustomStringConvertible {
    /// The file cannot be read, is not JSON of the review's shape, or has another `format`.
    case unreadable(path: String, field: String, problem: String)
    /// The file's `model`, `revision` or `run_id` is not the run the import names.
    case otherRun(path: String, field: String, value: String, expected: String)
    /// The results repository has no such run of the model at that revision.
    case unknownRun(slug: String, revision: String, runID: String, known: [String])
    /// `ratings` is empty.
    case noRatings(path: String)
    /// A rating names a variant the run does not have, or one it did not ask the suite.
    case unknownVariant(path: String, index: Int, variant: String, known: [String])
    /// A rating names a question the run did not ask.
    case unknownQuestion(path: String, index: Int, questionID: String, known: [String])
    /// A rating names a form the run did not ask this question in for this variant.
    case unknownForm(path: String, index: Int, questionID: String, variant: String, form: String, known: [String])
    /// Two ratings name the same answer.
    case duplicate(path: String, index: Int, first: Int)
    /// The results repository could not be read or written.
    case results(ResultsRepositoryError)

    /// True for errors caused by what the user passed (exit code 2 on the command line).
    public var isBadInput: Bool {
        if case let .results(error) = self { return error.isBadInput }
        return true
    }

    public var description: String {
        switch self {
        case let .unreadable(path, field, problem):
            "review file \(path): \(field.isEmpty ? "the document" : field): \(problem); nothing committed"
        case let .otherRun(path, field, value, expected):
            "review file \(path): \(field) is \"\(value)\", but the import names \(expected); export the review from that run's report.html; nothing committed"
        case let .unknownRun(slug, revision, runID, known):
            "results repository: model \(slug) at revision \(revision) has no run \(runID); runs present: \(Self.list(known))"
        case let .noRatings(path):
            "review file \(path): ratings: empty; expected at least one rated answer; nothing committed"
        case let .unknownVariant(path, index, variant, known):
            "review file \(path): ratings[\(index)].variant: \"\(variant)\" is not a variant of this run that answered the suite; expected one of \(Self.list(known)); nothing committed"
        case let .unknownQuestion(path, index, questionID, known):
            "review file \(path): ratings[\(index)].question_id: \"\(questionID)\" is not a question of this run; expected one of \(Self.list(known)); nothing committed"
        case let .unknownForm(path, index, questionID, variant, form, known):
            "review file \(path): ratings[\(index)].form: \"\(form)\" is not a form \(variant) answered question \(questionID) in; expected one of \(Self.list(known)); nothing committed"
        case let .duplicate(path, index, first):
            "review file \(path): ratings[\(index)]: rates the same question, form and variant as ratings[\(first)]; expected one rating per answer; nothing committed"
        case let .results(error):
            "\(error)"
        }
    }

    private static func list(_ items: [String]) -> String {
        items.isEmpty ? "none" : items.joined(separator: ", ")
    }
}
