/// Tells, from the start of a file, whether it is UTF-8 text, so that a file in another encoding
/// gets one message about the file instead of one about each of its records.
enum TextEncodingCheck {
    /// Why `start` (the file's first chunk; `whole` when it is the whole file) is not UTF-8 text,
    /// or `nil` when it is.
    static func problem(in start: [UInt8], whole: Bool) -> String? {
        if start.starts(with: [0xFF, 0xFE]) || start.starts(with: [0xFE, 0xFF]) {
            return "it is UTF-16 text (it starts with a UTF-16 byte order mark); save it as UTF-8"
        }
        if start.contains(0) {
            return "it holds NUL bytes, so it is UTF-16 or binary data, not UTF-8 text; save it as UTF-8"
        }
        // A chunk may end inside a character: only its complete lines are checked.
        let checked = whole ? start[...] : start[..<(start.lastIndex(of: 0x0A) ?? 0)]
        if String(validating: checked, as: UTF8.self) != nil { return nil }
        var line = 1
        for bytes in checked.split(separator: 0x0A, omittingEmptySubsequences: false) {
            if String(validating: bytes, as: UTF8.self) == nil { break }
            line += 1
        }
        return "line \(line) is not UTF-8 text; save the file as UTF-8 (e.g. iconv -f LATIN1 -t UTF-8)"
    }
}
