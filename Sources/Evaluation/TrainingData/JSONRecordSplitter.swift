/// What a splitter of JSON text hands on: one record's bytes, or a problem with the text between
/// records that the reader reports (or skips) like a bad record.
enum JSONPiece {
    /// The bytes of one top-level value starting at `line`; `torn` when they end the file
    /// without a line break, the mark of a file cut short.
    case record(line: Int, bytes: [UInt8], torn: Bool)
    case problem(line: Int, String)
}

/// Cuts a JSON file into its records' bytes without decoding them, so that memory holds one
/// record at a time.
protocol JSONRecordSplitter {
    /// The next piece, or `nil` after the last.
    mutating func next() throws(TrainingDataError) -> JSONPiece?
}

/// Limits for every splitter.
enum JSONRecordLimit {
    /// A record longer than this is taken for a missing quote or bracket that made the splitter
    /// swallow the rest of the file, and stops the reading even with skipBad.
    static let bytes = 64 << 20

    static func tooLong(file: String, line: Int) -> TrainingDataError {
        .badRecord(file: file, line: line,
                   problem: "a record longer than \(bytes >> 20) MiB starts here; a quote, bracket or line break is probably missing")
    }
}

/// JSON's whitespace, for skipping between records and telling blank lines.
func isJSONWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
}
