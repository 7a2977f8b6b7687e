import Foundation

/// Reads the question–answer pairs of a fine-tuning data set, one record at a time.
///
/// Reads the shapes ``TrainingDataFormat`` lists: Alpaca, ShareGPT, OpenAI messages and
/// prompt/completion records as JSON Lines (a file whose first character is "{") or as one JSON
/// array (first character "["), and CSV files with a header row (files named `.csv`, or any other
/// text file whose first line is such a header). The file must be UTF-8, with or without a byte
/// order mark. It is read in chunks: memory holds one record, not the file.
///
/// A record is bad when it is not valid JSON, not an object, or has no non-empty question or
/// answer where its format puts them. Without `skipBad` the first bad record stops the reading
/// with ``TrainingDataError/badRecord(file:line:problem:)``; with it, bad records are counted in
/// the summary and skipped.
public struct TrainingDataReader: Sendable {
    /// The file read.
    public let url: URL
    /// The format named by the user, or `nil` to detect it from the first record.
    public let format: TrainingDataFormat?
    /// Whether bad records are skipped and counted rather than an error.
    public let skipBad: Bool

    /// A reader of `url` as `format` (`nil`: detected from the first record).
    public init(url: URL, format: TrainingDataFormat? = nil, skipBad: Bool = false) {
        self.url = url
        self.format = format
        self.skipBad = skipBad
    }

    /// The file as errors name it.
    private var file: String { url.path }

    /// Detects the format from the file's first record, reading only the start of the file; the
    /// format named at `init` plays no part. A CSV file is told by its `.csv` name or, for other
    /// names, by a first line that is a CSV header with a question and an answer column.
    ///
    /// - Throws: ``TrainingDataError/unknownFormat(file:found:)`` naming the first record's fields
    ///   (or the CSV header's columns) when they fit no format; `unreadable` for a missing, empty
    ///   or non-UTF-8 file or one without records; `badRecord` when, without `skipBad`, a record
    ///   before the first valid one is bad.
    public func detectFormat() throws(TrainingDataError) -> TrainingDataFormat {
        switch try open(format: nil) {
        case .csv:
            return .csv
        case .jsonLines(var lines):
            return try firstFormat(&lines, layout: "JSON Lines record")
        case .jsonArray(var elements):
            return try firstFormat(&elements, layout: "JSON array's record")
        }
    }

    /// Streams every record to `body` in file order and says what was read; memory does not grow
    /// with the file.
    ///
    /// - Returns: The format read, the records read (never none) and the records skipped.
    /// - Throws: Whatever ``detectFormat()`` throws when no format was named; ``TrainingDataError/badRecord(file:line:problem:)``
    ///   for the first bad record without `skipBad`, and even with it for a record longer than
    ///   64 MiB (a missing quote or bracket, which leaves the rest of the file unreadable); `unreadable` when
    ///   no record could be read; whatever `body` throws, which ends the reading.
    public func forEach(_ body: (TrainingRecord) throws(TrainingDataError) -> Void) throws(TrainingDataError) -> TrainingDataSummary {
        switch try open(format: format) {
        case .csv(var rows):
            var summary = TrainingDataSummary(format: .csv)
            while let (line, row) = try rows.next() {
                let columns = rows.columns
                try deliver(line: line, into: &summary, body) { () throws(TrainingRecordProblem) in try columns.record(row, line: line) }
            }
            guard summary.recordsRead > 0 else { throw noRecords(summary) }
            return summary
        case .jsonLines(var lines):
            return try forEachJSON(&lines, layout: "JSON Lines record", body)
        case .jsonArray(var elements):
            return try forEachJSON(&elements, layout: "JSON array's record", body)
        }
    }

    private enum Source {
        case jsonLines(JSONLines)
        case jsonArray(JSONArrayElements)
        case csv(CSVRecords)
    }

    /// Opens the file as `format` reads it (`nil`: as its name and first character tell).
    private func open(format: TrainingDataFormat?) throws(TrainingDataError) -> Source {
        let chunks = try FileChunks(url: url, file: file)
        guard var first = try chunks.next() else { throw .unreadable(file: file, reason: "the file is empty") }
        if let problem = TextEncodingCheck.problem(in: first, whole: first.count < FileChunks.size) {
            throw .unreadable(file: file, reason: problem)
        }
        if format == .csv || format == nil && url.pathExtension.lowercased() == "csv" {
            return .csv(try CSVRecords(url: url, file: file))
        }
        if first.starts(with: [0xEF, 0xBB, 0xBF]) { first.removeFirst(3) }
        switch first.first(where: { !isJSONWhitespace($0) }) {
        case nil:
            throw .unreadable(file: file, reason: "the file holds only blank lines")
        case UInt8(ascii: "["):
            return .jsonArray(JSONArrayElements(chunks: chunks, first: first, file: file))
        case UInt8(ascii: "{"):
            return .jsonLines(JSONLines(chunks: chunks, first: first, file: file))
        default:
            let firstLine = String(decoding: first.prefix(while: { $0 != 0x0A && $0 != 0x0D }).prefix(80), as: UTF8.self)
            if let format {
                throw .unreadable(file: file, reason: "it is not JSON (its first line is \"\(firstLine)\"), and --format \(format.rawValue) reads JSON Lines or a JSON array")
            }
            do {
                return .csv(try CSVRecords(url: url, file: file))
            } catch .unknownFormat {
                throw .unknownFormat(file: file, found: "text that is neither JSON nor a CSV header (its first line is \"\(firstLine)\")")
            }
        }
    }

    private func firstFormat<Splitter: JSONRecordSplitter>(_ splitter: inout Splitter, layout: String) throws(TrainingDataError) -> TrainingDataFormat {
        var summary = TrainingDataSummary(format: .alpaca)
        while let piece = try splitter.next() {
            if let (object, line) = try decode(piece, into: &summary) { return try format(of: object, line: line, layout: layout) }
        }
        throw noRecords(summary)
    }

    private func forEachJSON<Splitter: JSONRecordSplitter>(
        _ splitter: inout Splitter, layout: String, _ body: (TrainingRecord) throws(TrainingDataError) -> Void
    ) throws(TrainingDataError) -> TrainingDataSummary {
        var format = self.format
        // Until the first record tells the format, skips are counted under a placeholder.
        var summary = TrainingDataSummary(format: format ?? .alpaca)
        while let piece = try splitter.next() {
            guard let (object, line) = try decode(piece, into: &summary) else { continue }
            let recordFormat: TrainingDataFormat
            if let format {
                recordFormat = format
            } else {
                recordFormat = try self.format(of: object, line: line, layout: layout)
                format = recordFormat
                summary.format = recordFormat
            }
            try deliver(line: line, into: &summary, body) { () throws(TrainingRecordProblem) in
                try JSONRecordFields.record(object, format: recordFormat, line: line)
            }
        }
        guard summary.recordsRead > 0 else { throw noRecords(summary) }
        return summary
    }

    /// The object of a piece and its line, or `nil` when the piece is bad and skipped.
    private func decode(_ piece: JSONPiece, into summary: inout TrainingDataSummary) throws(TrainingDataError) -> ([String: Any], Int)? {
        switch piece {
        case .problem(let line, let problem):
            try reject(line: line, problem, into: &summary)
            return nil
        case .record(let line, let bytes, let torn):
            do throws(TrainingRecordProblem) {
                return (try JSONRecordFields.object(bytes, torn: torn), line)
            } catch {
                try reject(line: line, error.text, into: &summary)
                return nil
            }
        }
    }

    /// The format of the first record, `object`, which starts at `line`.
    private func format(of object: [String: Any], line: Int, layout: String) throws(TrainingDataError) -> TrainingDataFormat {
        if let format = JSONRecordFields.format(of: object) { return format }
        let keys = object.keys.sorted()
        let fields = keys.isEmpty ? "no fields" : "the fields " + keys.prefix(12).map { "\"\($0)\"" }.joined(separator: ", ")
            + (keys.count > 12 ? " and \(keys.count - 12) more" : "")
        throw .unknownFormat(file: file, found: "a \(layout) (line \(line)) with \(fields)")
    }

    /// Hands the record `make` reads to `body` and counts it, or skips it as `reject` does.
    private func deliver(line: Int, into summary: inout TrainingDataSummary, _ body: (TrainingRecord) throws(TrainingDataError) -> Void,
                         _ make: () throws(TrainingRecordProblem) -> TrainingRecord) throws(TrainingDataError) {
        let record: TrainingRecord
        do throws(TrainingRecordProblem) {
            record = try make()
        } catch {
            try reject(line: line, error.text, into: &summary)
            return
        }
        summary.recordsRead += 1
        try body(record)
    }

    private func reject(line: Int, _ problem: String, into summary: inout TrainingDataSummary) throws(TrainingDataError) {
        guard skipBad else { throw .badRecord(file: file, line: line, problem: problem) }
        summary.skip(line: line, problem: problem)
    }

    /// The error for a file that yielded no record, naming the first bad one if there was one.
    private func noRecords(_ summary: TrainingDataSummary) -> TrainingDataError {
        guard let skip = summary.skipReasons.first else { return .unreadable(file: file, reason: "it holds no records") }
        return .unreadable(file: file, reason: "none of its \(summary.skipped) records could be read; the first, at line \(skip.line): \(skip.problem)")
    }
}
