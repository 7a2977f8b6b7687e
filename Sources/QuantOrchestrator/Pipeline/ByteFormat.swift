import Foundation
/// Human-readable sizes for progress lines (decimal units, as file sizes are usually quoted).
enum ByteFormat {
    static func megabytes(_ bytes: Int) -> String {
        bytes >= 1_000_000_000 ? String(format: "%.2f GB", Double(bytes) / 1e9) : String(format: "%.1f MB", Double(bytes) / 1e6)
    }
}
