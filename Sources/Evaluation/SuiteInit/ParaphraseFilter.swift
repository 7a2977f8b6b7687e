import Foundation

/// Which generated paraphrases of a question `suite init` keeps (docs/SUITE.md "Paraphrases").
///
/// A paraphrase must be an unseen wording of the same question that does not give the answer
/// away, or it measures nothing the original does not. Kept only when it:
/// - is a question: ends with `?` or `？`, or starts with a question or request word (what,
///   which, who, where, when, how, why, name, list, tell, give, describe, is, are, does, do,
///   can), or, in Chinese, ends with 吗 or 呢 or holds 什么, 哪, 谁, 多少, 几, 怎么, 为什么, 如何;
/// - differs from the original: word overlap (``TokenOverlap``, Jaccard) below `maxOverlap`, and
///   not every word of the original repeated ("Rewrite the question: <original>");
/// - keeps the names the original asks about, and adds none: each word after the first that
///   starts with a capital or holds a digit ("Zelmora", "X200"), so the question stays about
///   the same thing;
/// - states none of the answer's key facts (``KeyFactMatcher``);
/// - is not a repeat of a paraphrase already kept (overlap below `maxOverlap` with each).
/// The overlap with every question of the training data is checked by the caller, which
/// streams the file again (``TrainingDataReader``).
public struct ParaphraseFilter: Sendable {
    /// Why a paraphrase was not kept.
    public enum Rejection: String, Sendable, CaseIterable, Comparable {
        case empty = "empty or unreadable reply"
        case notAQuestion = "not a question"
        case closeToOriginal = "too close to the original"
        case dropsName = "drops a name the question asks about"
        case addsName = "adds a name the question does not ask about"
        case givesAwayFact = "states the answer's key fact"
        case repeatsKept = "repeats a paraphrase already kept"
        case closeToTrainingQuestion = "too close to a question of the training data"

        public static func < (lhs: Rejection, rhs: Rejection) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// The overlap from which two questions count as the same wording (0.8: a changed word or
    /// two in a ten-word question).
    public static let maxOverlap = 0.8

    /// The original question.
    public let original: String
    /// The key facts of its answer.
    public let facts: [KeyFact]

    /// A filter for paraphrases of `original`, whose answer states `facts`.
    public init(original: String, facts: [KeyFact]) {
        self.original = original
        self.facts = facts
    }

    /// Nil when `candidate` is kept beside `kept`, else why not.
    public func rejection(of candidate: String, kept: [String]) -> Rejection? {
        guard !candidate.isEmpty else { return .empty }
        guard Self.isQuestion(candidate) else { return .notAQuestion }
        let words = TokenOverlap.words(candidate)
        let originalWords = TokenOverlap.words(original)
        if TokenOverlap.jaccard(words, originalWords) >= Self.maxOverlap || originalWords.isSubset(of: words) { return .closeToOriginal }
        if !Self.names(in: original).isSubset(of: words) { return .dropsName }
        if KeyFactMatcher.hits(for: facts, in: candidate).contains(where: \.found) { return .givesAwayFact }
        if !Self.names(in: candidate).isSubset(of: originalWords) { return .addsName }
        if kept.contains(where: { TokenOverlap.jaccard(words, TokenOverlap.words($0)) >= Self.maxOverlap }) { return .repeatsKept }
        return nil
    }

    /// The model's reply reduced to the question it wrote: its first non-empty line, without a
    /// label ("Paraphrase:", "Rewritten question:", "改写：") or surrounding quotes.
    public static func cleaned(_ reply: String) -> String {
        var line = reply.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty } ?? ""
        for label in ["paraphrase:", "paraphrased question:", "rewritten question:", "question:", "改写：", "改写:", "问题：", "问题:"]
        where line.lowercased().hasPrefix(label) {
            line = String(line.dropFirst(label.count)).trimmingCharacters(in: .whitespaces)
        }
        let quotes: [(Character, Character)] = [("\"", "\""), ("“", "”"), ("'", "'"), ("「", "」")]
        for (open, close) in quotes where line.count >= 2 && line.first == open && line.last == close {
            line = String(line.dropFirst().dropLast())
        }
        return line.trimmingCharacters(in: .whitespaces)
    }

    private static let questionWords: Set<String> = ["what", "which", "who", "whom", "whose", "where", "when", "how", "why", "name",
                                                     "list", "tell", "give", "describe", "is", "are", "does", "do", "did", "can", "could"]
    private static let chineseQuestionCues = ["什么", "哪", "谁", "多少", "几", "怎么", "为什么", "如何"]

    /// The folded words after the first that start with a capital or hold a digit.
    static func names(in question: String) -> Set<String> {
        let words = question.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).dropFirst()
        return Set(words.filter { $0.first?.isUppercase == true || $0.contains(where: \.isNumber) }.map { TextFolding.fold(String($0)) })
    }

    static func isQuestion(_ text: String) -> Bool {
        if text.hasSuffix("?") || text.hasSuffix("？") || text.hasSuffix("吗") || text.hasSuffix("呢") { return true }
        if chineseQuestionCues.contains(where: text.contains) { return true }
        let first = text.split(whereSeparator: { !$0.isLetter }).first.map { $0.lowercased() } ?? ""
        return questionWords.contains(first)
    }
}
