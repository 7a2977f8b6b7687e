/// Splits an answer into sentences for the unique-sentence ratio and detail retention.
///
/// A sentence ends at a line break, at 。！？ (and their full-width forms), and at `.`, `!` or `?`
/// followed by whitespace, by the end of the text or by a CJK character — so "853.9" and "e.g."
/// inside a word do not end one. Sentences are trimmed; empty ones are dropped.
public enum SentenceSplitter {
    /// The sentences of `text`, in order.
    public static func sentences(_ text: String) -> [String] {
        let characters = Array(text)
        var sentences: [String] = []
        var current = ""
        func finish() {
            let trimmed = current.trimmingWhitespace()
            if !trimmed.isEmpty { sentences.append(trimmed) }
            current = ""
        }
        for (index, character) in characters.enumerated() {
            if character.isNewline {
                finish()
                continue
            }
            current.append(character)
            if "。！？｡".contains(character) {
                finish()
            } else if ".!?".contains(character) {
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                if next == nil || next!.isWhitespace || next!.unicodeScalars.contains(where: CJKText.isCJK) {
                    finish()
                }
            }
        }
        finish()
        return sentences
    }
}

extension String {
    /// The text without leading and trailing whitespace (Foundation-free).
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
