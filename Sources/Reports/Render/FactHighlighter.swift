import Foundation

/// Splits an answer into plain and highlighted runs, one highlight per occurrence of a found
/// key fact, so a view can mark what the answer kept.
///
/// The search ignores case and character width (close to the NFKC + case folding Evaluation
/// matched with); a numeric fact ("853.9 g/mol") that does not occur verbatim is looked up by
/// its leading number ("853.9"). A fact found by Evaluation but not located here stays listed
/// as kept, just not highlighted. Overlapping occurrences keep the earlier one.
enum FactHighlighter {
    struct Run: Equatable {
        var text: String
        var highlighted: Bool
    }

    static func runs(answer: String, foundFacts: [String]) -> [Run] {
        var ranges: [Range<String.Index>] = []
        for fact in foundFacts {
            let hits = occurrences(of: fact, in: answer)
            if !hits.isEmpty {
                ranges += hits
            } else if let number = leadingNumber(fact) {
                ranges += occurrences(of: number, in: answer)
            }
        }
        var runs: [Run] = []
        var cursor = answer.startIndex
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where range.lowerBound >= cursor {
            if cursor < range.lowerBound { runs.append(Run(text: String(answer[cursor..<range.lowerBound]), highlighted: false)) }
            runs.append(Run(text: String(answer[range]), highlighted: true))
            cursor = range.upperBound
        }
        if cursor < answer.endIndex { runs.append(Run(text: String(answer[cursor...]), highlighted: false)) }
        return runs
    }

    private static func occurrences(of needle: String, in text: String) -> [Range<String.Index>] {
        guard !needle.isEmpty else { return [] }
        var found: [Range<String.Index>] = []
        var start = text.startIndex
        while start < text.endIndex,
              let range = text.range(of: needle, options: [.caseInsensitive, .widthInsensitive], range: start..<text.endIndex) {
            found.append(range)
            start = range.upperBound
        }
        return found
    }

    private static func leadingNumber(_ fact: String) -> String? {
        let number = fact.prefix { $0.isNumber || $0 == "." || $0 == "," }
        return number.contains(where: \.isNumber) ? String(number) : nil
    }
}
