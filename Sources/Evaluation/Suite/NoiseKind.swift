/// A kind of input noise for the robustness forms (docs/SUITE.md "The suite file": `robustness.kinds`).
///
/// Each kind edits characters of the original prompt chosen at the suite's `rate`
/// (see ``NoiseInjector``). Whitespace is never edited, so word boundaries stay put.
public enum NoiseKind: String, Codable, Sendable, CaseIterable {
    /// Two neighbouring non-space characters change places ("capital" → "cpaital").
    case swap
    /// A non-space character is deleted.
    case drop
    /// A random lower-case ASCII letter is inserted after a non-space character.
    case insert
    /// A cased letter changes case.
    case `case`
    /// A punctuation mark is deleted, or a random ASCII punctuation mark is inserted after
    /// another non-space character.
    case punctuation
}
