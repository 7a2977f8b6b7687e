/// Flips (Dutta et al. 2024, "Accuracy is Not All You Need", §3): the share of questions whose
/// correctness differs between the baseline and a variant, counted in both directions apart —
/// two quantised models can have equal accuracy while many answers changed.
///
/// Counted over the questions that have a correctness value on both sides (``Correctness``).
public struct Flips: Sendable, Equatable {
    /// Questions compared.
    public var n: Int
    /// Right on the baseline, wrong on the variant.
    public var correctToWrong: Int
    /// Wrong on the baseline, right on the variant.
    public var wrongToCorrect: Int

    /// All flips.
    public var total: Int { correctToWrong + wrongToCorrect }

    /// Compares correctness by question id.
    public init(baseline: [String: Bool], variant: [String: Bool]) {
        var n = 0, correctToWrong = 0, wrongToCorrect = 0
        for (id, before) in baseline {
            guard let after = variant[id] else { continue }
            n += 1
            if before && !after { correctToWrong += 1 }
            if !before && after { wrongToCorrect += 1 }
        }
        self.n = n
        self.correctToWrong = correctToWrong
        self.wrongToCorrect = wrongToCorrect
    }

    /// The exact McNemar p-value of these discordant pairs (``McNemarTest``).
    public var mcNemarP: Double {
        McNemarTest.pValue(correctToWrong: correctToWrong, wrongToCorrect: wrongToCorrect)
    }
}
