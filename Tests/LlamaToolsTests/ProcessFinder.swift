import Foundation
@testable import LlamaTools
#if canImport(Glibc)
import Glibc
#endif

/// Finds this test's own child processes in `/proc` and signals them, for the tests that
/// provoke a crash with kill(2) because the real cause (an instruction this CPU refuses) cannot
/// be produced on demand.
enum ProcessFinder {
    /// Live processes whose command line has `argument` as one of its arguments.
    static func processes(withArgument argument: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            arguments(of: pid).contains(argument) && !ProcessStatus.hasExited(pid)
        }
    }

    /// The command line of `pid`, split at its NUL separators; empty when it is gone.
    static func arguments(of pid: Int32) -> [String] {
        guard let text = ProcFile.text("/proc/\(pid)/cmdline"), !text.isEmpty else { return [] }
        return text.split(separator: "\0", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// Waits until `find` returns a process, sends it `signal` and returns its PID; nil when
    /// none appeared within `limit`. Polls every 10 ms, so a tool is hit early in its run.
    static func signalFirst(_ signal: Int32, within limit: Duration = .seconds(120),
                            after delay: Duration = .zero, _ find: @Sendable () -> [Int32]) async throws -> Int32? {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if let pid = find().first {
                try await Task.sleep(for: delay)
                kill(pid, signal)
                return pid
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }

    /// Waits up to `limit` for `pid` to be gone (exited, zombie or reaped); true when it is.
    static func waitUntilGone(_ pid: Int32, within limit: Duration) async throws -> Bool {
        try await waitUntil(within: limit) { ProcessStatus.hasExited(pid) }
    }

    /// Checks `condition` every 50 ms for up to `limit`; true as soon as it holds.
    static func waitUntil(within limit: Duration, _ condition: () -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return condition()
    }
}
