import Foundation

/// A human review of one run: what report.html's "Export review" downloads, what
/// `quantorch review import` reads, and what is committed as `review.json` in the run's folder.
///
/// ```json
/// {"format": "quantorch-review/1", "model": "huggingfacetb--smollm2-135m-instruct",
///  "revision": "4e53ad5f7c2b…", "run_id": "20261129T093000Z-3fa9c1",
///  "ratings": [{"question_id": "cisplatin", "form": "original", "variant": "Q6_K", "rating": "right", "note": ""}]}
/// ```
/// `model` is the run's model slug (its name is accepted too), `revision` the full revision.
public struct ReviewFile: Codable, Sendable, Equatable {
    /// The `format` this code reads and writes.
    public static let currentFormat = "quantorch-review/1"
    /// The file's name inside the run folder.
    public static let fileName = "review.json"

    /// `currentFormat`.
    public var format: String
    /// The run's model slug.
    public var model: String
    /// The run's full model revision.
    public var revision: String
    /// The run id.
    public var runID: String
    /// One entry per rated answer, at most one per question, form and variant.
    public var ratings: [ReviewRating]

    /// Creates the value from its fields, as listed above.
    public init(format: String = ReviewFile.currentFormat, model: String, revision: String, runID: String, ratings: [ReviewRating]) {
        self.format = format
        self.model = model
        self.revision = revision
        self.runID = runID
        self.ratings = ratings
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case format, model, revision, ratings
        case runID = "run_id"

        static var allNames: Set<String> { Set(allCases.map(\.rawValue)) }
    }

    /// The longest note a rating may carry, in characters: a note is a sentence or two, and
    /// the file is committed to the results repository.
    public static let maxNoteCharacters = 10_000

    /// Reads a review file's bytes; `path` names the file in errors.
    /// - Throws: `ReviewError.unreadable` naming the JSON path and what was expected: for text
    ///   that is not JSON (with where the parser stopped), an unknown field, a value of another
    ///   shape, a note over ``maxNoteCharacters``, and a `format` other than `currentFormat`.
    public static func decode(_ data: Data, path: String) throws(ReviewError) -> ReviewFile {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            throw .unreadable(path: path, field: "", problem: "not valid JSON (\(detail))")
        }
        try checkFields(object, path: path)
        let file: ReviewFile
        do {
            file = try JSONDecoder().decode(ReviewFile.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw .unreadable(path: path, field: ReportValidationError.path(context.codingPath + [key]), problem: "missing")
        } catch let DecodingError.typeMismatch(type, context) {
            throw .unreadable(path: path, field: ReportValidationError.path(context.codingPath), problem: "expected \(shape(of: type))")
        } catch let DecodingError.valueNotFound(type, context) {
            throw .unreadable(path: path, field: ReportValidationError.path(context.codingPath), problem: "expected \(shape(of: type)), found null")
        } catch let DecodingError.dataCorrupted(context) {
            let problem = context.codingPath.last?.stringValue == ReviewRating.CodingKeys.rating.rawValue
                ? "expected one of \(HumanRating.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))"
                : context.debugDescription
            throw .unreadable(path: path, field: ReportValidationError.path(context.codingPath), problem: problem)
        } catch {
            throw .unreadable(path: path, field: "", problem: "\(error)")
        }
        guard file.format == currentFormat else {
            throw .unreadable(path: path, field: "format", problem: "is \"\(file.format)\"; expected \"\(currentFormat)\"")
        }
        if let index = file.ratings.firstIndex(where: { $0.note.count > maxNoteCharacters }) {
            throw .unreadable(path: path, field: "ratings[\(index)].note",
                              problem: "is \(file.ratings[index].note.count) characters; expected at most \(maxNoteCharacters)")
        }
        return file
    }

    /// Refuses a field this format does not have, at the top level or in a rating, so a typo
    /// ("raiting") or a field another tool added is not dropped without a word.
    private static func checkFields(_ object: Any, path: String) throws(ReviewError) {
        guard let top = object as? [String: Any] else { return }
        let known = CodingKeys.allNames
        if let unknown = top.keys.sorted().first(where: { !known.contains($0) }) {
            throw .unreadable(path: path, field: unknown, problem: "unknown field; expected only \(known.sorted().joined(separator: ", "))")
        }
        for (index, rating) in (top[CodingKeys.ratings.rawValue] as? [Any] ?? []).enumerated() {
            guard let fields = rating as? [String: Any] else { continue }
            let allowed = ReviewRating.CodingKeys.allNames
            if let unknown = fields.keys.sorted().first(where: { !allowed.contains($0) }) {
                throw .unreadable(path: path, field: "ratings[\(index)].\(unknown)",
                                  problem: "unknown field; expected only \(allowed.sorted().joined(separator: ", "))")
            }
        }
    }

    /// A decoding type as a reader of the file calls it.
    private static func shape(of type: Any.Type) -> String {
        switch type {
        case is [String: Any].Type: "an object"
        case is [Any].Type: "a list"
        case is String.Type: "a string"
        default: "\(type)"
        }
    }

    /// The file as pretty-printed JSON with sorted keys (stable bytes for the same review).
    public func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(self) + Data("\n".utf8)
        } catch {
            preconditionFailure("review.json encoding failed although every field is a plain value: \(error)")
        }
    }
}
