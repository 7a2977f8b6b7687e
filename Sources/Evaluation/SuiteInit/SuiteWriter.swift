import Foundation

/// Writes the suite `suite init` built as YAML that ``Suite/load(from:)`` reads, with a comment
/// before each question saying where it came from (file and line) and which facts were
/// extracted, so a person can review it before trusting it (docs/SUITE.md).
public enum SuiteWriter {
    /// The suite's text.
    /// - Parameters:
    ///   - name: the suite's name.
    ///   - header: comment lines for the top of the file (without `#`).
    ///   - source: the training file's name, for the per-question comments.
    ///   - systemPrompt: the system message, when the training data has one.
    ///   - maxTokens: `sampling.max_tokens`.
    public static func yaml(name: String, header: [String], source: String, systemPrompt: String?, maxTokens: Int,
                            questions: [DraftQuestion]) -> String {
        var lines = header.map { $0.isEmpty ? "#" : "# \($0)" }
        lines.append("name: \(quoted(name))")
        if let systemPrompt { lines.append("system_prompt: \(quoted(systemPrompt))") }
        lines.append("sampling: {temperature: 0, seed: 42, max_tokens: \(maxTokens)}")
        lines.append("questions:")
        for question in questions {
            let record = question.pair.record
            let facts = question.pair.facts.map { "\($0.fact.label) (\($0.kind.rawValue))" }
            lines.append("  # \(source):\(record.line) · " + (facts.isEmpty
                ? "no key fact found: add key_facts by hand, or only an exact match of the reference counts"
                : "facts: " + facts.joined(separator: ", ")))
            lines.append("  - id: \(quoted(question.id))")
            if let category = record.category { lines.append("    category: \(quoted(category))") }
            lines.append("    seen: true")
            lines.append("    prompt: \(quoted(record.question))")
            lines.append("    reference: \(quoted(record.answer))")
            if !facts.isEmpty {
                lines.append("    key_facts: [" + question.pair.facts.map { fact($0.fact) }.joined(separator: ", ") + "]")
            }
            if !question.paraphrases.isEmpty {
                lines.append("    paraphrases:")
                lines += question.paraphrases.map { "      - \(quoted($0))" }
            }
            if !question.premises.isEmpty {
                lines.append("    false_premises:")
                lines += question.premises.map { "      - {prompt: \(quoted($0.prompt)), planted: \(fact($0.planted))}" }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A key fact in the suite's shape: text, or `{number, rel_tol, unit}`.
    static func fact(_ fact: KeyFact) -> String {
        switch fact {
        case .text(let text):
            return quoted(text)
        case .number(let value, let relTol, let unit):
            let number = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
            let tolerance = relTol == 0 ? "0" : String(format: "%.3g", relTol)
            return "{number: \(number), rel_tol: \(tolerance)" + (unit.map { ", unit: \(quoted($0))" } ?? "") + "}"
        }
    }

    /// A YAML double-quoted scalar: JSON's string escapes are YAML's too, and non-ASCII text is
    /// kept as it is so a reviewer can read it.
    static func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? encoder.encode(text)).flatMap { String(data: $0, encoding: .utf8) } ?? "\"\""
    }
}
