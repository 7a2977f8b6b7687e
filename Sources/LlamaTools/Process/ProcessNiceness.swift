#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Gives every child the niceness quantorch was started with (`nice -n 19 quantorch run …`).
///
/// On Linux niceness is per thread, a child takes the niceness of the thread that spawns it, and
/// Swift's concurrency threads come from libdispatch, which sets each worker's niceness from its
/// QoS (0, or −4 for overcommit workers) whatever the process was started with: children spawned
/// from them ran at 0, on the shared machines nice exists for. So a child is started through
/// `nice` by the difference between the process's niceness (its main thread's, in
/// /proc/self/stat) and the spawning thread's own.
public enum ProcessNiceness {
    /// The niceness quantorch was started with: field 19 of /proc/self/stat, which describes
    /// the main thread; 0 when it cannot be read.
    static let started: Int32 = {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return 0 }
        // Fields after the ")" that ends the command name start at field 3 (state).
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 16 ? Int32(fields[16]) ?? 0 : 0
    }()

    /// `executable` and `arguments` as they must be launched from the calling thread: through
    /// `/usr/bin/nice -n K` when this thread runs K levels less nice than the process was
    /// started, else unchanged.
    public static func command(_ executable: String, _ arguments: [String]) -> (executable: String, arguments: [String]) {
        errno = 0
        let current = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        guard errno == 0, started > current, FileManager.default.isExecutableFile(atPath: nice) else { return (executable, arguments) }
        return (nice, ["-n", String(started - current), executable] + arguments)
    }

    private static let nice = "/usr/bin/nice"
}
