import Evaluation
import Foundation

/// Measures the verdict rule's error rates by simulation: for variants whose true divergence or
/// loss rate sits below, at and beyond a margin, at suites of several sizes, how often
/// ``VerdictJudge`` says CLOSE. The rule is judged by these rates, not by a demo's output.
///
/// Two families of cells, each drawn with a seeded ``SplitMix64`` (the same seed gives the
/// same table on every run and platform):
/// - `domain_kld`: a clean census (nothing lost on the suite's questions) and a domain KLD whose
///   per-question values are log-normal (σ = 1, so a few questions carry much of it, as real
///   answers do) around a true mean of 0.1×, 0.5×, 1×, 1.25× and 1.5× the margin, averaged into chunks of
///   `questionsPerChunk` consecutive questions as llama-perplexity's windows group the answers;
///   the rule reads it with Student's t over the chunks. Beyond the margin, CLOSE must stay
///   at or below 5 % at every size.
/// - `loss_rate`: each question independently loses one of its two key facts with probability
///   0.1×, 0.5×, 1×, 1.25× and 1.5× the 0.05 share margin (an answer the baseline had right then turns
///   wrong, and the fact is at risk), beside a negligible divergence. Where the suite is large
///   enough for a share of zero to read within (``SuiteSize``, 73 questions at 0.05) the
///   intervals control the rate; below that the census alone speaks for the suite, and a
///   variant beyond the margin is CLOSE exactly when it happened to lose nothing on these
///   questions, (1 − p)ⁿ: those cells are marked as not controlled, and the report states
///   that limit (``VariantVerdict/limit``).
public struct VerdictSimulation: Sendable {
    /// One cell of the table.
    public struct Cell: Codable, Sendable, Equatable {
        /// "domain_kld" or "loss_rate".
        public var family: String
        /// "below", "at" or "beyond".
        public var relation: String
        /// The true mean KLD (nats) or loss rate (fraction).
        public var trueValue: Double
        /// The margin it is read against.
        public var margin: Double
        /// Questions in the suite.
        public var questions: Int
        /// Variants judged.
        public var trials: Int
        /// Share judged CLOSE.
        public var close: Double
        /// Share judged REJECTED.
        public var rejected: Double
        /// Whether the rule's inference controls this cell (false: the census alone speaks
        /// for a suite this small, see the type's documentation).
        public var controlled: Bool

        enum CodingKeys: String, CodingKey {
            case family, relation, margin, questions, trials, close, rejected, controlled
            case trueValue = "true_value"
        }
    }

    /// Variants judged per cell.
    public var trials: Int
    /// The seed of every draw.
    public var seed: UInt64
    /// Suite sizes, in questions.
    public var sizes: [Int]
    /// The margins (the recipe's defaults unless given).
    public var margins: VerdictMargins
    /// Questions whose answers one llama-perplexity chunk scores, on average.
    public var questionsPerChunk: Int
    /// Cluster-bootstrap resamples per judged variant.
    public var replicates: Int

    /// A simulation; the defaults are the documented table's.
    public init(trials: Int = 2000, seed: UInt64 = 20_261_207, sizes: [Int] = [12, 24, 50, 100, 200],
                margins: VerdictMargins = .defaults, questionsPerChunk: Int = 3, replicates: Int = 400) {
        self.trials = trials
        self.seed = seed
        self.sizes = sizes
        self.margins = margins
        self.questionsPerChunk = questionsPerChunk
        self.replicates = replicates
    }

    /// The true values simulated, as multiples of the margin.
    public static let relations: [(name: String, factor: Double)] = [("below", 0.1), ("below", 0.5), ("at", 1.0), ("beyond", 1.25), ("beyond", 1.5)]

    /// Every cell: both families × each relation × each size.
    public func run() -> [Cell] {
        let judge = VerdictJudge(margins: margins, replicates: replicates)
        var cells: [Cell] = []
        for (family, margin) in [("domain_kld", margins.domainKLDMean), ("loss_rate", margins.keyFactRecallDrop)] {
            for (relation, factor) in Self.relations {
                for (sizeIndex, questions) in sizes.enumerated() {
                    var generator = SplitMix64(mixing: [seed, UInt64(family.count), UInt64(factor * 100), UInt64(sizeIndex)])
                    var close = 0
                    var rejected = 0
                    for _ in 0..<trials {
                        let evidence = family == "domain_kld"
                            ? divergence(mean: margin * factor, questions: questions, generator: &generator)
                            : losses(rate: margin * factor, questions: questions, generator: &generator)
                        switch judge.judge(evidence).status {
                        case .close: close += 1
                        case .rejected: rejected += 1
                        case .unsure: break
                        }
                    }
                    let controlled = family == "domain_kld" || SuiteSize.canReadWithin(questions: questions, margin: margin)
                    cells.append(Cell(family: family, relation: relation, trueValue: margin * factor, margin: margin,
                                      questions: questions, trials: trials, close: Double(close) / Double(trials),
                                      rejected: Double(rejected) / Double(trials), controlled: controlled))
                }
            }
        }
        return cells
    }

    /// A variant that answers every question as the baseline does, with a domain KLD of true
    /// mean `mean`.
    func divergence(mean: Double, questions: Int, generator: inout SplitMix64) -> VerdictEvidence {
        var evidence = clean(questions: questions)
        evidence.domainKLD = domainKLD(mean: mean, questions: questions, generator: &generator)
        return evidence
    }

    /// A variant that loses a fact on each question with probability `rate`, with a domain KLD
    /// a tenth of its margin.
    func losses(rate: Double, questions: Int, generator: inout SplitMix64) -> VerdictEvidence {
        let right = rightOnBaseline(questions)
        var table = PairedCorrectness(bothRight: 0, baselineOnly: 0, variantOnly: 0, bothWrong: 0)
        var census = SuiteCensus(questions: questions, forms: questions, factsStated: 2 * questions)
        var recall: [[Double]] = []
        for question in 0..<questions {
            let lost = generator.nextUnit() < rate
            recall.append([lost ? 0.5 : 0])
            if lost {
                census.questionsChanged += 1
                census.formsChanged += 1
                census.factsLost.append(.init(questionID: "q\(question)", form: "original", fact: "fact"))
            }
            switch (question < right, lost) {
            case (true, false): table.bothRight += 1
            case (true, true):
                table.baselineOnly += 1
                census.rightToWrong.append("q\(question)")
            case (false, _): table.bothWrong += 1
            }
        }
        return VerdictEvidence(correctness: table, recallDifferences: recall, flips: (table.baselineOnly, questions),
                               factsAtRisk: (census.factsLost.count, 2 * questions, questions),
                               domainKLD: domainKLD(mean: margins.domainKLDMean / 10, questions: questions, generator: &generator),
                               census: census)
    }

    /// The evidence of a variant that changed nothing on the suite's questions.
    private func clean(questions: Int) -> VerdictEvidence {
        let right = rightOnBaseline(questions)
        return VerdictEvidence(correctness: PairedCorrectness(bothRight: right, baselineOnly: 0, variantOnly: 0, bothWrong: questions - right),
                               recallDifferences: Array(repeating: [0], count: questions), flips: (0, questions),
                               factsAtRisk: (0, 2 * questions, questions), census: SuiteCensus(questions: questions, forms: questions,
                                                                                               factsStated: 2 * questions))
    }

    /// The fine-tuned baseline answers 85 % of its own questions right.
    private func rightOnBaseline(_ questions: Int) -> Int { Int((Double(questions) * 0.85).rounded()) }

    /// Per-question log-normal KLD (σ = 1) of true mean `mean`, averaged into chunks.
    private func domainKLD(mean: Double, questions: Int, generator: inout SplitMix64) -> MeanEstimate {
        let sigma = 1.0
        let perQuestion = (0..<questions).map { _ in mean * exp(sigma * normal(&generator) - sigma * sigma / 2) }
        let chunks = stride(from: 0, to: questions, by: questionsPerChunk).map { start in
            let slice = perQuestion[start..<min(questions, start + questionsPerChunk)]
            return slice.reduce(0, +) / Double(slice.count)
        }
        let observed = perQuestion.reduce(0, +) / Double(questions)
        return MeanEstimate(mean: observed, standardError: nil, n: questions * 60, questions: questions, chunkMeans: chunks)
    }

    /// A standard normal draw (Box and Muller 1958).
    private func normal(_ generator: inout SplitMix64) -> Double {
        let u = max(generator.nextUnit(), 0x1p-53)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * generator.nextUnit())
    }

    /// The table as text: one row per family and relation, P(CLOSE) per size in percent, "*"
    /// where the cell is not controlled.
    public static func table(_ cells: [Cell]) -> String {
        let sizes = Array(Set(cells.map(\.questions))).sorted()
        let pad = { (text: String, width: Int) in text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0) }
        let right = { (text: String, width: Int) in String(repeating: " ", count: max(0, width - text.count)) + text }
        var lines = [pad("criterion", 11) + pad("relation", 9) + pad("true value", 11) + pad("margin", 7)
                     + sizes.map { right("n=\($0)", 8) }.joined()]
        var seen: [String] = []
        for cell in cells where !seen.contains(cell.family + "\(cell.trueValue)") {
            seen.append(cell.family + "\(cell.trueValue)")
            let row = cells.filter { $0.family == cell.family && $0.trueValue == cell.trueValue }
            let figures = sizes.map { size in
                row.first { $0.questions == size }.map { right(String(format: "%.1f", $0.close * 100) + ($0.controlled ? " " : "*"), 8) } ?? right("— ", 8)
            }
            lines.append(pad(cell.family, 11) + pad(cell.relation, 9) + pad(String(format: "%.4f", cell.trueValue), 11)
                         + pad(String(format: "%.3f", cell.margin), 7) + figures.joined())
        }
        lines.append("P(CLOSE) in % of \(cells.first?.trials ?? 0) variants judged per cell; * census only: the suite is too small for a share's")
        lines.append("interval, so a variant beyond the margin is CLOSE when it lost nothing on these questions, (1 − p)^n,")
        lines.append("and the report states that limit.")
        return lines.joined(separator: "\n")
    }
}
