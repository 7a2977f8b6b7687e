import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Process-wide set of the children (llama.cpp servers and tools such as the converter or
/// llama-perplexity, curl requests to remote endpoints) this process has started and not yet
/// stopped.
///
/// `ServerProcess`, `CommandRunner` and `RemoteChatClient` register a child right after spawn
/// and remove it once it has exited or its output has ended, before swift-subprocess reaps it
/// (so a recycled PID is never signalled). `ChildProcessGuard` reads it when quantorch itself
/// is asked to stop; each registered child but a curl request also gets a `ChildWatchdog` for
/// when quantorch is killed without being asked.
enum ChildProcessRegistry {
    private static let children = Mutex<[Int32: String]>([:])

    /// Adds `pid`, a child not yet reaped, and starts its watchdog unless `watchdog` is false;
    /// a child spawned after an interrupt began is stopped at once, since the signal path's
    /// teardown may already have taken its list of children.
    ///
    /// Children that end by themselves soon after quantorch dies (a curl request: its
    /// `--max-time`, or SIGPIPE at its next write to quantorch's closed pipe) skip the
    /// watchdog, which would cost a shell per request.
    /// - Parameter name: what the child is, for the teardown's message ("llama-server", "llama-quantize").
    static func register(_ pid: Int32, name: String, watchdog: Bool = true) async {
        children.withLock { $0[pid] = name }
        if ChildProcessGuard.interruptingSignal != nil { kill(pid, SIGTERM) }
        if watchdog { await ChildWatchdog.watch(pid) }
    }

    static func unregister(_ pid: Int32) {
        children.withLock { _ = $0.removeValue(forKey: pid) }
    }

    /// The PIDs registered now.
    static var live: Set<Int32> { children.withLock { Set($0.keys) } }

    /// The name a live child was registered with.
    static func name(of pid: Int32) -> String? { children.withLock { $0[pid] } }

    /// Sends SIGTERM to every registered child, waits up to `grace` for them to exit, then
    /// sends SIGKILL to those still running. Blocks the calling thread; meant for the
    /// signal path, where the process is about to exit anyway.
    /// - Returns: "name (pid N)" of each child that had to be killed.
    @discardableResult
    static func terminateAllBlocking(grace: Duration) -> [String] {
        let named = children.withLock { $0 }
        return terminateBlocking(Set(named.keys), grace: grace).map { "\(named[$0] ?? "child") (pid \($0))" }
    }

    /// The same for the given children only.
    /// - Returns: the children that had to be killed.
    @discardableResult
    static func terminateBlocking(_ children: Set<Int32>, grace: Duration) -> Set<Int32> {
        for pid in children { kill(pid, SIGTERM) }
        let deadline = ContinuousClock.now + grace
        var running = children
        while !running.isEmpty, ContinuousClock.now < deadline {
            running = running.filter { !ProcessStatus.hasExited($0) }
            if !running.isEmpty { usleep(50_000) }
        }
        for pid in running { kill(pid, SIGKILL) }
        return running
    }
}
