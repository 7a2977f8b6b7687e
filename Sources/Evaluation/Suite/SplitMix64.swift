/// SplitMix64 (Steele, Lea and Flood 2014, "Fast splittable pseudorandom number generators"):
/// a tiny generator whose output depends only on its 64-bit state, so the noisy prompts it
/// drives are the same on every run, platform and Swift version (the standard library's
/// generators and `random(in:using:)` make no such promise).
public struct SplitMix64: Sendable {
    private var state: UInt64

    /// Seeds from several parts (suite seed, question index, kind, copy), each mixed in turn, so
    /// that neighbouring seeds give unrelated streams.
    public init(mixing parts: [UInt64]) {
        var state: UInt64 = 0
        for part in parts {
            state = Self.finalize(state ^ part &+ 0x9E37_79B9_7F4A_7C15)
        }
        self.state = state
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.finalize(state)
    }

    /// A uniform fraction in [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform integer in 0..<bound (bound > 0), by the high half of a 128-bit product.
    public mutating func next(below bound: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    private static func finalize(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
