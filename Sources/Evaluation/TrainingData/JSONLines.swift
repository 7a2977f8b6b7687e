/// The records of a JSON Lines file: its non-blank lines, split across chunk boundaries.
///
/// Lines are cut at the byte 0x0A, which never occurs inside a multi-byte UTF-8 character, so a
/// character split across two chunks is joined again with its line. A trailing carriage return is
/// left to the JSON decoder, which takes it for whitespace.
struct JSONLines: JSONRecordSplitter {
    private let chunks: FileChunks
    private let file: String
    private var chunk: [UInt8]
    private var position = 0
    /// The start of a line that the previous chunks ended inside.
    private var carry: [UInt8] = []
    private var line = 1
    private var finished = false

    /// Splits `first` (the file's first chunk, without a byte order mark) and the chunks after it.
    init(chunks: FileChunks, first: [UInt8], file: String) {
        self.chunks = chunks
        self.chunk = first
        self.file = file
    }

    mutating func next() throws(TrainingDataError) -> JSONPiece? {
        while !finished {
            if position == chunk.count {
                if let more = try chunks.next() {
                    chunk = more
                    position = 0
                    continue
                }
                finished = true
                guard !carry.isEmpty, !carry.allSatisfy(isJSONWhitespace) else { return nil }
                return .record(line: line, bytes: carry, torn: true)
            }
            guard let end = chunk[position...].firstIndex(of: 0x0A) else {
                carry.append(contentsOf: chunk[position...])
                position = chunk.count
                if carry.count > JSONRecordLimit.bytes { throw JSONRecordLimit.tooLong(file: file, line: line) }
                continue
            }
            let bytes: [UInt8]
            if carry.isEmpty {
                bytes = Array(chunk[position..<end])
            } else {
                carry.append(contentsOf: chunk[position..<end])
                bytes = carry
                carry = []
            }
            position = end + 1
            line += 1
            if !bytes.allSatisfy(isJSONWhitespace) { return .record(line: line - 1, bytes: bytes, torn: false) }
        }
        return nil
    }
}
