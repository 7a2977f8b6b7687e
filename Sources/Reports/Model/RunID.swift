import Foundation

/// A run's id: UTC `YYYYMMDDTHHMMSSZ-` + 6 lowercase hex digits, e.g. `20261129T093000Z-3fa9c1`
/// (docs/ARCHITECTURE.md "Results repository"). Ids sort by time; the hex part separates runs started
/// in the same second.
public enum RunID {
    /// A new id for a run started at `date`.
    public static func make(date: Date = Date()) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let stamp = String(format: "%04d%02d%02dT%02d%02d%02dZ", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
                           parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
        return stamp + "-" + String(format: "%06x", UInt32.random(in: 0..<0x1000000))
    }

    /// Whether `id` has the run id's shape.
    public static func isWellFormed(_ id: String) -> Bool {
        let scalars = Array(id.unicodeScalars)
        guard scalars.count == 23 else { return false }
        func digits(_ range: Range<Int>) -> Bool { range.allSatisfy { ("0"..."9").contains(scalars[$0]) } }
        let hex = (17..<23).allSatisfy { ("0"..."9").contains(scalars[$0]) || ("a"..."f").contains(scalars[$0]) }
        return digits(0..<8) && scalars[8] == "T" && digits(9..<15) && scalars[15] == "Z" && scalars[16] == "-" && hex
    }
}
