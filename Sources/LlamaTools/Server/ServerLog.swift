import Foundation

/// The part of a server log file written by one launch.
struct ServerLog {
    /// The log file.
    let url: URL
    /// Its size before the launch, in bytes; the launch's output starts there.
    let startOffset: UInt64

    /// Marks the current end of `url` (0 when it does not exist yet) as the launch's start.
    static func marking(_ url: URL) -> ServerLog {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.uint64Value ?? 0
        return ServerLog(url: url, startOffset: size)
    }

    /// Everything this launch wrote, decoded as UTF-8 (lossy), with `secret` masked.
    func text(masking secret: String?) -> String {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return "" }
        defer { try? handle.close() }
        guard (try? handle.seek(toOffset: startOffset)) != nil, let data = try? handle.readToEnd() else { return "" }
        let text = String(decoding: data, as: UTF8.self)
        guard let secret, !secret.isEmpty else { return text }
        return text.replacingOccurrences(of: secret, with: "<redacted>")
    }

    /// The last `count` non-empty lines this launch wrote, secret masked, or a note when there are none.
    func lastLines(_ count: Int = 15, masking secret: String?) -> String {
        let lines = text(masking: secret).split(whereSeparator: \.isNewline).suffix(count)
        return lines.isEmpty ? "(the log is empty)" : lines.joined(separator: "\n")
    }
}
