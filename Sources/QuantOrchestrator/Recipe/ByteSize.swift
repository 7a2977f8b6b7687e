/// A size as a person writes it in a recipe or on the command line: "6 GiB", "4.5GB",
/// "800 MiB", "512k", or a plain number of bytes. Binary units (KiB, MiB, GiB, TiB) are powers
/// of 1024 and decimal ones (kB, MB, GB, TB) powers of 1000, as IEC 80000-13 defines them; a
/// bare K/M/G/T is read as binary, the way llama.cpp and most tools print file sizes.
public enum ByteSize {
    /// The smallest budget accepted, 1 MiB: no model fits in less, so a smaller figure is a
    /// unit left out ("max_size: 120" is 120 bytes).
    public static let smallestBudget = 1024 * 1024

    /// The size in bytes, or nil when `text` is not a non-negative number with one of the
    /// units above.
    public static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let match = trimmed.wholeMatch(of: /(?<number>[0-9]+(?:\.[0-9]+)?)\s*(?<unit>[A-Za-z]*)/),
              let number = Double(match.number) else { return nil }
        let unit = match.unit.lowercased()
        let scale: Double
        switch unit {
        case "", "b": scale = 1
        case "k", "kib": scale = 1024
        case "m", "mib": scale = 1024 * 1024
        case "g", "gib": scale = 1024 * 1024 * 1024
        case "t", "tib": scale = 1024 * 1024 * 1024 * 1024
        case "kb": scale = 1e3
        case "mb": scale = 1e6
        case "gb": scale = 1e9
        case "tb": scale = 1e12
        default: return nil
        }
        let bytes = number * scale
        guard bytes.isFinite, bytes < Double(Int.max) else { return nil }
        return Int(bytes.rounded())
    }
}
