import Foundation
import LlamaTools
import Synchronization

/// Counts the llama.cpp processes a run launched and their summed wall time, so the run can
/// say whether it came from the cache (no process launched) and the benchmark can divide the
/// run's wall time by the time spent inside llama.cpp.
public final class ToolLedger: Sendable {
    /// One launched process.
    public struct Entry: Codable, Sendable, Equatable {
        /// Which tool and for what, e.g. "llama-quantize Q4_K_M".
        public var label: String
        /// Wall time in seconds.
        public var seconds: Double
    }

    private let entries = Mutex<[Entry]>([])

    /// An empty ledger.
    public init() {}

    /// Runs `body`, which launches one llama.cpp process, and records its wall time.
    func timed<T>(_ label: String, _ body: () async throws -> T) async rethrows -> T {
        let start = ContinuousClock.now
        defer {
            let seconds = start.duration(to: .now).seconds
            entries.withLock { $0.append(Entry(label: label, seconds: seconds)) }
        }
        return try await body()
    }

    /// Adds processes launched elsewhere (a Slurm job's), as that job reported them.
    func append(_ launched: [Entry]) {
        entries.withLock { $0 += launched }
    }

    /// Everything launched so far.
    public var all: [Entry] { entries.withLock { $0 } }

    /// Summed wall time of the launched processes, in seconds.
    public var totalSeconds: Double { all.reduce(0) { $0 + $1.seconds } }
}
