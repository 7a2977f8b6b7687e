/// What is wrong with one record, in the words of ``TrainingDataError/badRecord(file:line:problem:)``.
struct TrainingRecordProblem: Error {
    var text: String

    init(_ text: String) {
        self.text = text
    }
}

extension String {
    /// The text without surrounding whitespace, or `nil` when nothing else is left.
    /// Foundation's `trimmingCharacters(in:)` goes through UTF-16 on Linux and took most of the
    /// reading time; this looks at the Unicode scalars at the two ends only.
    var trimmedNonEmpty: String? {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return nil }
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return self }
        return String(scalars[first...last])
    }
}

/// Whether `scalar` is white space or a line break, without the Unicode property lookup for the
/// ASCII characters that nearly every text starts and ends with.
private func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
}

/// Alpaca's question: the instruction, then a blank line and the input when there is one.
func joinedQuestion(_ instruction: String, _ input: String?) -> String {
    input.map { instruction + "\n\n" + $0 } ?? instruction
}
