import Crypto
import Foundation

/// Picks `count` question–answer pairs from a stream of training records for `suite init`
/// (docs/SUITE.md "Building a suite from training data"), in memory that does not grow with
/// the stream.
///
/// - Seeded and stable: each record's rank is SHA-256 of the seed and its question and answer,
///   so the same file, count and seed give the same pairs whatever the records' order, and a
///   record added elsewhere in the file changes nothing unless it ranks in.
/// - Without near-duplicates: questions and answers are compared normalised (``TextFolding``,
///   then only letters and digits kept); of records sharing either, only the best-ranked one can
///   be picked. Training sets repeat an answer under several phrasings, and one fact asked
///   twice would count twice in every figure. Answers of fewer than four words ("Yes.") are
///   not compared: they answer different questions alike.
/// - Spread over categories: records are kept per category (the first 64 categories; later
///   ones share one bucket), and picking takes one from each category in turn.
/// - Preferring checkable facts: a record whose answer states a key fact
///   (``KeyFactExtractor``) ranks before every record whose answer states none.
///
/// Each category keeps its `count` best records (bottom-k sampling); facts are extracted only
/// for a record that could still rank in, so a large file costs little more than reading it.
public struct PairSampler {
    /// Pairs to pick (> 0).
    public let count: Int
    /// The sampling seed.
    public let seed: UInt64
    /// Records offered so far.
    public private(set) var offered = 0
    /// Records dropped because a better-ranked record of the same category has the same
    /// normalised question or answer.
    public private(set) var duplicates = 0

    private var buckets: [String: [Entry]] = [:]
    private static let maxCategories = 64
    private static let otherCategories = "\u{0}other"

    /// A sampler that picks `count` pairs with `seed`.
    public init(count: Int, seed: UInt64) {
        precondition(count > 0, "a suite has at least one question")
        self.count = count
        self.seed = seed
    }

    /// Considers one record.
    public mutating func offer(_ record: TrainingRecord) {
        offered += 1
        let priority = rank(question: record.question, answer: record.answer)
        var category = record.category ?? ""
        if buckets[category] == nil, buckets.count >= Self.maxCategories { category = Self.otherCategories }
        var bucket = buckets[category, default: []]
        // With the bucket full of fact-stating records ranked above this one, it cannot get in
        // whatever its answer states: skip the normalising and the extraction, which cost far
        // more than the rank.
        if bucket.count >= count, let worst = bucket.last, worst.tier == 0, priority >= worst.priority { return }
        let question = Self.normalised(record.question)
        // A short answer ("Yes.", "Ljubljana.") answers different questions alike: only an
        // answer of four words or more marks two records as one fact.
        let answer = TokenOverlap.words(record.answer).count >= 4 ? Self.normalised(record.answer) : "\u{0}\(question)"
        guard !question.isEmpty, !record.answer.isEmpty else { return }
        let facts = KeyFactExtractor.facts(in: record.answer, question: record.question)
        let entry = Entry(tier: facts.isEmpty ? 1 : 0, priority: priority, question: question, answer: answer,
                          pair: PickedPair(record: record, facts: facts))
        if let twin = bucket.firstIndex(where: { $0.question == question || $0.answer == answer }) {
            duplicates += 1
            guard entry < bucket[twin] else { return }
            bucket.remove(at: twin)
        }
        if bucket.count >= count, let worst = bucket.last, !(entry < worst) { return }
        bucket.insert(entry, at: bucket.firstIndex { entry < $0 } ?? bucket.endIndex)
        if bucket.count > count { bucket.removeLast() }
        buckets[category] = bucket
    }

    /// The picked pairs, in file order: fact-stating records first, one category after another
    /// in turn (categories by name), skipping a question or answer picked from another category.
    public func picked() -> [PickedPair] {
        var result: [PickedPair] = []
        var questions: Set<String> = []
        var answers: Set<String> = []
        let categories = buckets.keys.sorted()
        for tier in 0...1 {
            var queues = categories.map { buckets[$0]!.filter { $0.tier == tier }[...] }
            while result.count < count, queues.contains(where: { !$0.isEmpty }) {
                for index in queues.indices where result.count < count {
                    guard let entry = queues[index].popFirst() else { continue }
                    guard !questions.contains(entry.question), !answers.contains(entry.answer) else { continue }
                    questions.insert(entry.question)
                    answers.insert(entry.answer)
                    result.append(entry.pair)
                }
            }
        }
        return result.sorted { $0.record.line < $1.record.line }
    }

    /// Letters and digits of the folded text: "What's the dose?" and "what is the dose" stay
    /// apart, "What's the dose ?" and "what's the dose" do not.
    static func normalised(_ text: String) -> String {
        String(String.UnicodeScalarView(TextFolding.fold(text).unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }))
    }

    private func rank(question: String, answer: String) -> UInt64 {
        var hasher = SHA256()
        hasher.update(data: Data("\(seed)\u{0}\(question)\u{0}\(answer)".utf8))
        return hasher.finalize().withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
    }

    private struct Entry: Comparable {
        let tier: Int
        let priority: UInt64
        let question: String
        let answer: String
        let pair: PickedPair

        static func < (lhs: Entry, rhs: Entry) -> Bool {
            (lhs.tier, lhs.priority) < (rhs.tier, rhs.priority)
        }

        static func == (lhs: Entry, rhs: Entry) -> Bool {
            lhs.tier == rhs.tier && lhs.priority == rhs.priority
        }
    }
}

/// A question–answer pair ``PairSampler`` picked, with the key facts extracted from its answer.
public struct PickedPair: Sendable, Equatable {
    /// The training record.
    public var record: TrainingRecord
    /// Its answer's key facts that its question does not state, in answer order (may be empty).
    public var facts: [ExtractedFact]

    /// Creates a picked pair.
    public init(record: TrainingRecord, facts: [ExtractedFact]) {
        self.record = record
        self.facts = facts
    }
}
