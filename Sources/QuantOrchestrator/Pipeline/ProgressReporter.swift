import Foundation
import LlamaTools
import Synchronization

/// Progress of `quantorch run` on stderr: one line per finished stage with the elapsed time,
/// and counts while the suite runs. On a terminal the count is a live line rewritten in
/// place; otherwise (CI logs, pipes) plain lines at every quarter, so logs stay short.
public final class ProgressReporter: Sendable {
    private let start = ContinuousClock.now
    private let live: Bool
    private let sink: @Sendable (String) -> Void
    private let lastQuarter = Mutex<[String: Int]>([:])

    /// - Parameters:
    ///   - live: rewrite a live line (true when stderr is a terminal).
    ///   - sink: where text goes (stderr by default).
    public init(live: Bool = isatty(STDERR_FILENO) == 1,
                sink: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.live = live
        self.sink = sink
    }

    /// A finished (or skipped) stage.
    public func stage(_ text: String) {
        sink((live ? "\r\u{1B}[K" : "") + "[\(elapsed)] \(text)\n")
    }

    /// Answers done out of total for one variant.
    public func questions(_ label: String, done: Int, total: Int) {
        if live {
            sink("\r\u{1B}[K[\(elapsed)] \(label): questions \(done)/\(total)")
            return
        }
        let quarter = total == 0 ? 4 : done * 4 / total
        let changed = lastQuarter.withLock { seen in
            guard seen[label] != quarter else { return false }
            seen[label] = quarter
            return true
        }
        if changed, quarter > 0 { sink("[\(elapsed)] \(label): questions \(done)/\(total)\n") }
    }

    private var elapsed: String {
        let seconds = start.duration(to: .now).seconds
        return seconds < 60 ? String(format: "%5.1fs", seconds) : String(format: "%2dm%02ds", Int(seconds) / 60, Int(seconds) % 60)
    }
}
