import Foundation

/// What Linux's `/proc/<pid>/` says about a child process.
///
/// A child that has exited stays a zombie (state `Z`) until it is reaped; swift-subprocess reaps
/// only after the `run` body returns, so "exited" here means "zombie or gone".
public enum ProcessStatus {
    /// True when the process is a zombie, dead, or no longer listed in `/proc`.
    static func hasExited(_ pid: Int32) -> Bool {
        guard let state = statFields(pid)?.first else { return true }
        return state == "Z" || state == "X"
    }

    /// When the process started, in clock ticks after boot (field 22 of `/proc/<pid>/stat`),
    /// or nil when it is gone. With the PID it names one process for good: a recycled PID
    /// has a later start.
    static func startTicks(_ pid: Int32) -> UInt64? {
        guard let fields = statFields(pid), fields.count > 19 else { return nil }
        return UInt64(fields[19])
    }

    /// The fields of `/proc/<pid>/stat` from field 3 (the state) on.
    private static func statFields(_ pid: Int32) -> [Substring]? {
        guard let stat = ProcFile.text("/proc/\(pid)/stat") else { return nil }
        // The command name in field 2 may contain spaces and parentheses, so field 3 is the
        // first one after the last ")".
        guard let close = stat.lastIndex(of: ")") else { return nil }
        return stat[stat.index(after: close)...].split(separator: " ", omittingEmptySubsequences: true)
    }

    /// Peak resident set size (`VmHWM` in `/proc/<pid>/status`) in bytes, or nil when the
    /// process is gone or the field is absent (a zombie has none).
    public static func peakResidentBytes(_ pid: Int32) -> Int? {
        guard let status = ProcFile.text("/proc/\(pid)/status") else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 3, fields[2] == "kB", let kibibytes = Int(fields[1]) else { return nil }
            return kibibytes * 1024
        }
        return nil
    }

    /// True when `pid` holds a TCP socket listening on `port` (IPv4 or IPv6), per
    /// `/proc/net/tcp{,6}` and the socket inodes in `/proc/<pid>/fd`. Tells our server apart
    /// from another process that happens to answer on the same port.
    static func listens(_ pid: Int32, on port: Int) -> Bool {
        let hexPort = String(format: ":%04X", port)
        var inodes: Set<Substring> = []
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            guard let text = ProcFile.text(table) else { continue }
            for row in text.split(separator: "\n").dropFirst() {
                let fields = row.split(separator: " ", omittingEmptySubsequences: true)
                // sl, local_address, rem_address, st, tx:rx, tr:when, retrnsmt, uid, timeout, inode
                guard fields.count > 9, fields[1].hasSuffix(hexPort), fields[3] == "0A" else { continue }
                inodes.insert(fields[9])
            }
        }
        guard !inodes.isEmpty,
              let descriptors = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd") else { return false }
        return descriptors.contains { descriptor in
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(descriptor)"),
                  target.hasPrefix("socket:[") else { return false }
            return inodes.contains(target.dropFirst("socket:[".count).dropLast())
        }
    }
}
