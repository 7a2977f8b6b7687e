import Evaluation
import Foundation

/// What `suite init` wrote, for the terminal: where the questions came from, what was found in
/// them, and what a suite of this size can show.
public struct SuiteInitSummary: Sendable {
    /// The suite file.
    public let out: URL
    /// How the training data read.
    public let data: TrainingDataSummary
    /// Records dropped as a repeat of a picked question or answer.
    public let duplicates: Int
    /// The questions written.
    public let questions: [DraftQuestion]
    /// The paraphraser's label, when paraphrases were asked for.
    public let paraphraser: String?
    /// Replies not kept as paraphrases, by reason.
    public let paraphraseRejections: [ParaphraseFilter.Rejection: Int]
    /// Questions asked for (`--questions`).
    public let requested: Int
    /// Picked records whose system prompt is not the suite's.
    public let otherSystemPrompts: Int

    /// "1 question", "40 questions".
    static func count(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// The summary's lines.
    public func lines(margins: VerdictMargins = .defaults) -> [String] {
        var lines = ["wrote \(out.path): \(Self.count(questions.count, "question")) from \(Self.count(data.recordsRead, "record")) of \(data.format.rawValue) data"]
        if questions.count < requested {
            lines.append("  asked for \(requested); the data holds only \(questions.count) distinct question–answer pairs")
        }
        if data.skipped > 0 {
            lines.append("  skipped \(data.skipped) unreadable record\(data.skipped == 1 ? "" : "s"): "
                + data.skipReasons.map { "line \($0.line): \($0.problem)" }.joined(separator: "; "))
        }
        if duplicates > 0 { lines.append("  \(duplicates) record\(duplicates == 1 ? "" : "s") repeated a question or answer already considered") }
        let categories = Dictionary(questions.map { ($0.pair.record.category ?? "(none)", 1) }, uniquingKeysWith: +)
        if categories.count > 1 {
            lines.append("  categories: " + categories.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        let withFacts = questions.filter { !$0.pair.facts.isEmpty }
        lines.append("  key facts: \(withFacts.reduce(0) { $0 + $1.pair.facts.count }) extracted from \(withFacts.count) of \(questions.count) answers"
            + (withFacts.count < questions.count ? "; the others are judged by exact match until you add facts by hand" : ""))
        lines.append("  false premises: \(questions.reduce(0) { $0 + $1.premises.count })")
        if otherSystemPrompts > 0 {
            lines.append("  \(Self.count(otherSystemPrompts, "picked record")) carry another system prompt than the suite's one (the most common); split the data by system prompt to keep them")
        }
        if let paraphraser {
            let kept = questions.reduce(0) { $0 + $1.paraphrases.count }
            let rejected = paraphraseRejections.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.rawValue)" }
            lines.append("  paraphrases by \(paraphraser): \(kept) kept" + (rejected.isEmpty ? "" : "; rejected: " + rejected.joined(separator: ", ")))
            let without = questions.filter(\.paraphrases.isEmpty).count
            if without > 0 { lines.append("  \(Self.count(without, "question")) got no paraphrase that passed") }
            // The filters see words, not meaning: a small model's "What is the company founded
            // by X?" for "Who founded X?" passes them.
            lines.append("  read the kept paraphrases: the filters cannot tell a question asked in other words from another question")
        } else {
            lines.append("  paraphrases: none (add --paraphrases 2 --paraphraser MODEL.gguf, or an endpoint, for unseen wordings)")
        }
        lines.append("what \(Self.count(questions.count, "question")) can show, per criterion:")
        lines += SuiteSize.lines(questions: questions.count, margins: margins).map { "  " + $0 }
        lines.append("review the facts in \(out.lastPathComponent), then point a recipe's suite at it")
        return lines
    }
}
