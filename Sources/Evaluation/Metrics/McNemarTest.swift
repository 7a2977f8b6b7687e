import Foundation

/// The exact McNemar test (McNemar 1947; exact form: the two-sided binomial sign test on the
/// discordant pairs, as in Fagerland, Lydersen and Laake 2013, "The McNemar test for binary
/// matched-pairs data").
///
/// With b questions right on the baseline and wrong on the variant and c the other way, under
/// the null hypothesis each of the n = b + c discordant pairs goes either way with probability
/// ½: p = min(1, 2 · Σ_{i=0}^{min(b,c)} C(n, i) / 2ⁿ). n = 0 gives p = 1. Computed exactly
/// (terms summed in log space to avoid underflow), no normal approximation.
public enum McNemarTest {
    /// The two-sided exact p-value in 0…1.
    public static func pValue(correctToWrong b: Int, wrongToCorrect c: Int) -> Double {
        let n = b + c
        guard n > 0 else { return 1 }
        let logHalfPowerN = Double(n) * log(0.5)
        var logChoose = 0.0
        var tail = 0.0
        for i in 0...min(b, c) {
            if i > 0 {
                logChoose += log(Double(n - i + 1)) - log(Double(i))
            }
            tail += exp(logChoose + logHalfPowerN)
        }
        return min(1, 2 * tail)
    }
}
