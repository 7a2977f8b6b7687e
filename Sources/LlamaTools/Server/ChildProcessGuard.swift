import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Makes sure no llama-server outlives quantorch when quantorch is interrupted.
///
/// `ServerProcess.withServer` already stops its server when its body returns, throws or is
/// cancelled. What it cannot cover is the process being told to stop from outside: SIGINT
/// (Ctrl-C) or SIGTERM would end quantorch at once and orphan the servers. After
/// `installSignalHandlers()`, either signal instead sends SIGTERM to every live llama-server
/// child, waits up to five seconds, sends SIGKILL to the rest, and exits with 130 (SIGINT) or
/// 143 (SIGTERM), as a shell reports death by those signals.
///
/// SIGKILL of quantorch cannot be intercepted; it is covered by `ChildWatchdog`, a sibling
/// process per registered child that sends the child SIGKILL within about a second of
/// quantorch's death. Linux's `prctl(PR_SET_PDEATHSIG)` is no substitute: it must run in the
/// child between fork and exec, which neither posix_spawn nor swift-subprocess offers (it would
/// need a wrapper binary, `setpriv --pdeathsig`), and it fires when the *thread* that forked
/// exits, which in a Swift concurrency thread pool is not tied to the server's owner.
///
/// Ignoring SIGINT/SIGTERM here does not leak into the servers: swift-subprocess spawns with
/// `POSIX_SPAWN_SETSIGDEF`, so children start with default dispositions and obey SIGTERM.
/// A signal that lands between a server's spawn and its registration (a few microseconds)
/// would miss it.
///
/// ```swift
/// ChildProcessGuard.installSignalHandlers()   // first thing in main
/// ```
public enum ChildProcessGuard {
    /// How long children get between SIGTERM and SIGKILL on the signal path.
    static let grace: Duration = .seconds(5)

    private static let sources = Mutex<[any DispatchSourceSignal]>([])

    /// Routes SIGINT and SIGTERM through the child teardown described above. Idempotent; call
    /// once at start, before any server is launched.
    public static func installSignalHandlers() {
        sources.withLock { installed in
            guard installed.isEmpty else { return }
            for number in [SIGINT, SIGTERM] {
                // The default disposition would kill the process before the dispatch source
                // could run, so the signal is ignored and only delivered to the source.
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global(qos: .userInitiated))
                source.setEventHandler {
                    ChildProcessRegistry.terminateAllBlocking(grace: grace)
                    exit(128 + number)
                }
                source.resume()
                installed.append(source)
            }
        }
    }
}
