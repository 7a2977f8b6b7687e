import Foundation

/// Human-readable sizes for progress lines and selection reasons, in binary units (MiB, GiB)
/// like the report's tables, so the same file never shows two different figures.
enum ByteFormat {
    static func megabytes(_ bytes: Int) -> String {
        let mebibytes = Double(bytes) / 1_048_576
        return mebibytes >= 1024 ? String(format: "%.2f GiB", mebibytes / 1024) : String(format: "%.1f MiB", mebibytes)
    }
}
