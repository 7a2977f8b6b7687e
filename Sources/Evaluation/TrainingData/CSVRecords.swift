import CSV
import Foundation

/// The rows of a CSV file with a header row, read by CSV.swift's streaming reader.
///
/// CSV.swift does not count lines, so each row's line is counted here from the line breaks its
/// quoted fields hold.
struct CSVRecords {
    let columns: CSVColumns
    private let reader: CSVReader
    private let file: String
    private var line: Int

    /// Opens `url` and reads its header; throws `unknownFormat` when the header names no question
    /// or no answer column.
    init(url: URL, file: String) throws(TrainingDataError) {
        guard let stream = InputStream(url: url) else { throw .unreadable(file: file, reason: "cannot open it") }
        do {
            reader = try CSVReader(stream: stream, hasHeaderRow: true)
        } catch {
            throw .unreadable(file: file, reason: "cannot read its CSV header row (\(error))")
        }
        let header = reader.headerRow ?? []
        guard let columns = CSVColumns(header: header) else {
            let names = header.map { "\"\($0)\"" }.joined(separator: ", ")
            throw .unknownFormat(file: file, found: "a CSV header with the columns \(names)")
        }
        self.columns = columns
        self.file = file
        self.line = 2 + Self.lineBreaks(in: header)
    }

    /// The next non-blank row and the line it starts on, or `nil` at the end of the file.
    mutating func next() throws(TrainingDataError) -> (line: Int, row: [String])? {
        while let row = reader.next() {
            // A row cut short by a decoding or read error comes back as if it were whole.
            try checkError(line: line + Self.lineBreaks(in: row))
            let start = line
            line += 1 + Self.lineBreaks(in: row)
            if row.contains(where: { !$0.isEmpty }) { return (start, row) }
        }
        try checkError(line: line)
        return nil
    }

    /// Throws the error CSV.swift recorded, if any: it records one instead of throwing, and
    /// records `cannotReadFile` at every end of file, which is no error.
    private func checkError(line: Int) throws(TrainingDataError) {
        switch reader.error as? CSVError {
        case .unicodeDecoding?:
            throw .unreadable(file: file, reason: "line \(line) is not UTF-8 text; save the file as UTF-8")
        case .streamErrorHasOccurred(let error)?:
            throw .unreadable(file: file, reason: error.localizedDescription)
        default:
            return
        }
    }

    /// Line breaks inside quoted fields: CR LF, LF or a lone CR each count once.
    private static func lineBreaks(in row: [String]) -> Int {
        row.reduce(0) { count, field in
            var breaks = 0
            var previous: UInt8 = 0
            for byte in field.utf8 {
                if byte == 0x0A && previous != 0x0D || byte == 0x0D { breaks += 1 }
                previous = byte
            }
            return count + breaks
        }
    }
}

/// Which columns of a CSV header hold the question, answer, system prompt and category.
struct CSVColumns {
    /// Names of the question column in the order they are tried (any case).
    static let questionNames = ["question", "instruction", "prompt", "input"]
    /// Names of the answer column in the order they are tried (any case).
    static let answerNames = ["answer", "output", "response", "completion"]

    private let names: [String]
    private let question: Int
    /// The input column joined to an instruction column as Alpaca joins them.
    private let input: Int?
    private let answer: Int
    private let system: Int?
    private let category: Int?

    /// The columns of `header`, or `nil` when it names no question or no answer column.
    init?(header: [String]) {
        let lowered = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ candidates: [String]) -> Int? {
            candidates.lazy.compactMap { lowered.firstIndex(of: $0) }.first
        }
        guard let question = column(Self.questionNames), let answer = column(Self.answerNames) else { return nil }
        self.names = header
        self.question = question
        self.input = lowered[question] == "instruction" ? lowered.firstIndex(of: "input") : nil
        self.answer = answer
        self.system = column(["system"])
        self.category = column(TrainingRecord.categoryFields)
    }

    /// The record of `row`, which starts at `line`.
    func record(_ row: [String], line: Int) throws(TrainingRecordProblem) -> TrainingRecord {
        func value(_ column: Int?) -> String? {
            column.flatMap { $0 < row.count ? row[$0].trimmedNonEmpty : nil }
        }
        guard let instruction = value(question) else { throw empty(question) }
        guard let answer = value(answer) else { throw empty(answer) }
        return TrainingRecord(question: joinedQuestion(instruction, value(input)), answer: answer, system: value(system), category: value(category), line: line)
    }

    private func empty(_ column: Int) -> TrainingRecordProblem {
        TrainingRecordProblem("an empty \"\(names[column])\" column (\(TrainingDataFormat.csv.shape))")
    }
}
