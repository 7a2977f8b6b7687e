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

    enum CodingKeys: String, CodingKey {
        case format, model, revision, ratings
        case runID = "run_id"
    }

    /// Reads a review file's bytes; `path` names the file in errors.
    /// - Throws: `ReviewError.unreadable` naming the JSON path and what was expected, also for
    ///   a `format` other than `currentFormat`.
    public static func decode(_ data: Data, path: String) throws(ReviewError) -> ReviewFile {
        let file: ReviewFile
        do {
            file = try JSONDecoder().decode(ReviewFile.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw .unreadable(path: path, field: ReportValidationError.path(context.codingPath + [key]), problem: "missing")
        } catch let DecodingError.typeMismatch(type, context) {
            throw .unreadable(path: path, field: ReportValidationError.path(context.codingPath), problem: "expected \(type)")
        } catch let DecodingError.valueNotFound(type, context) {
            throw .unreadable(path: path, field: ReportValidationError.path(context.codingPath), problem: "expected \(type), found null")
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
        return file
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
