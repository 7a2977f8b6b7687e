/// The per-chunk table llama-perplexity prints in KL-divergence mode before its summary, turned
/// from running means into each chunk's own mean.
///
/// Each row is `i  PPL ± e  ln(PPL(Q)/PPL(base)) ± e  KLD ± e  Δp RMS ± e %  Same top p ± e %`,
/// every figure the mean over chunks 1…i (llama.cpp `tools/perplexity/perplexity.cpp`,
/// `kl_divergence`). Every chunk scores the same number of tokens, so chunk i's own mean is
/// i·mᵢ − (i − 1)·mᵢ₋₁. The running means are printed to 5 decimals, so chunk i's own mean is
/// off by up to (2i − 1)·5·10⁻⁶ (8.5·10⁻⁵ at 9 chunks): noise that widens an interval over the
/// chunks, never narrows it; a mean that rounding makes negative is read as 0, as a divergence
/// cannot be below it.
struct KLDChunkTable: Equatable {
    /// Each chunk's mean KLD, in nats.
    var kld: [Double]
    /// Each chunk's "Same top p", in percent.
    var sameTopPPercent: [Double]

    /// The table of `output`, or nil when it has no rows numbered 1, 2, … in order.
    init?(output: String) {
        var runningKLD: [Double] = []
        var runningSame: [Double] = []
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: " ").filter { $0 != "±" && $0 != "%" }
            guard fields.count == 11, let index = Int(fields[0]), index == runningKLD.count + 1,
                  let kld = Double(fields[5]), let same = Double(fields[9]), kld.isFinite, same.isFinite else { continue }
            runningKLD.append(kld)
            runningSame.append(same)
        }
        guard !runningKLD.isEmpty else { return nil }
        kld = Self.ownMeans(runningKLD).map { max(0, $0) }
        sameTopPPercent = Self.ownMeans(runningSame)
    }

    private static func ownMeans(_ running: [Double]) -> [Double] {
        running.indices.map { index in
            index == 0 ? running[0] : Double(index + 1) * running[index] - Double(index) * running[index - 1]
        }
    }
}
