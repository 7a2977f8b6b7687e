/// The records of a file holding one JSON array (Alpaca's `alpaca_data.json` form): the bytes of
/// each top-level element, found by tracking bracket depth and string state so that the whole
/// array is never decoded at once.
///
/// Commas between elements are not checked: each element is decoded alone, and what matters is
/// where it starts and ends.
struct JSONArrayElements: JSONRecordSplitter {
    private enum Phase {
        case beforeArray, between, inElement, afterArray, done
    }

    private let chunks: FileChunks
    private let file: String
    private var chunk: [UInt8]
    private var position = 0
    private var line = 1
    private var phase = Phase.beforeArray

    /// The current element's bytes from earlier chunks.
    private var element: [UInt8] = []
    private var elementLine = 0
    private var depth = 0
    private var inString = false
    private var escaped = false
    /// A number, `true`, `false` or `null`, which ends at the next comma, bracket or whitespace.
    private var bare = false

    /// Splits `first` (the file's first chunk, without a byte order mark, starting with optional
    /// whitespace and "[") and the chunks after it.
    init(chunks: FileChunks, first: [UInt8], file: String) {
        self.chunks = chunks
        self.chunk = first
        self.file = file
    }

    mutating func next() throws(TrainingDataError) -> JSONPiece? {
        while phase != .done {
            if position == chunk.count {
                if let more = try chunks.next() {
                    chunk = more
                    position = 0
                    continue
                }
                return endOfFile()
            }
            if let piece = try scan() { return piece }
        }
        return nil
    }

    /// Scans the current chunk from `position` until an element or a problem is complete or the
    /// chunk ends.
    private mutating func scan() throws(TrainingDataError) -> JSONPiece? {
        let bytes = chunk
        var index = position
        var start = phase == .inElement ? index : 0
        defer { position = index }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == 0x0A { line += 1 }
            switch phase {
            case .beforeArray:
                if byte == UInt8(ascii: "[") { phase = .between }
            case .between:
                if isJSONWhitespace(byte) || byte == UInt8(ascii: ",") { continue }
                if byte == UInt8(ascii: "]") {
                    phase = .afterArray
                    continue
                }
                phase = .inElement
                start = index - 1
                elementLine = line
                depth = byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") ? 1 : 0
                inString = byte == UInt8(ascii: "\"")
                bare = depth == 0 && !inString
            case .inElement:
                if inString {
                    if escaped {
                        escaped = false
                    } else if byte == UInt8(ascii: "\\") {
                        escaped = true
                    } else if byte == UInt8(ascii: "\"") {
                        inString = false
                        if depth == 0 { return finishElement(bytes[start..<index]) }
                    }
                } else if bare {
                    if isJSONWhitespace(byte) || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") {
                        if byte == UInt8(ascii: "]") { phase = .afterArray }
                        return finishElement(bytes[start..<index - 1])
                    }
                } else if byte == UInt8(ascii: "\"") {
                    inString = true
                } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                    depth += 1
                } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { return finishElement(bytes[start..<index]) }
                }
            case .afterArray:
                if !isJSONWhitespace(byte) {
                    phase = .done
                    return .problem(line: line, "text after the array's closing \"]\"; a JSON file must hold one array of records")
                }
            case .done:
                return nil
            }
        }
        if phase == .inElement {
            element.append(contentsOf: bytes[start...])
            if element.count > JSONRecordLimit.bytes { throw JSONRecordLimit.tooLong(file: file, line: elementLine) }
        }
        return nil
    }

    private mutating func finishElement(_ tail: ArraySlice<UInt8>) -> JSONPiece {
        if phase == .inElement { phase = .between }
        element.append(contentsOf: tail)
        defer { element = [] }
        return .record(line: elementLine, bytes: element, torn: false)
    }

    private mutating func endOfFile() -> JSONPiece? {
        defer { phase = .done }
        switch phase {
        case .beforeArray, .afterArray, .done:
            return nil
        case .between:
            return .problem(line: line, "the file ends before the array's closing \"]\": was it cut short?")
        case .inElement:
            if bare { return .record(line: elementLine, bytes: element, torn: true) }
            return .problem(line: elementLine, "the file ends inside this record: was it cut short, or is a quote or bracket missing?")
        }
    }
}
