import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Makes sure no llama.cpp child outlives quantorch when quantorch is interrupted, and that an
/// interrupt ends the run as an interrupt.
///
/// `ServerProcess.withServer` already stops its server when its body returns, throws or is
/// cancelled. What it cannot cover is the process being told to stop from outside: SIGINT
/// (Ctrl-C) or SIGTERM would end quantorch at once and orphan the servers. After
/// `installSignalHandlers(message:)`, either signal instead
/// 1. records that an interrupt is in progress (``interruptingSignal``), before anything else,
/// 2. sends SIGTERM to every live child (servers and tools), waits up to five seconds, and
///    sends SIGKILL to the rest,
/// 3. deletes the temporary files being written (`PartialFileRegistry`), so nothing
///    half-written is left to be mistaken for a result,
/// 4. prints `message` once on stderr and exits with 130 (SIGINT) or 143 (SIGTERM), as a shell
///    reports death by those signals.
///
/// Stopping the children makes the main path fail too (a tool exits 143, the server closes its
/// connection) while step 2 is still waiting; the command's error path must consult
/// ``interruptingSignal`` and call ``awaitExit()`` instead of reporting that failure, so the
/// exit code and message are the interrupt's and nothing else is printed.
///
/// SIGKILL of quantorch cannot be intercepted; it is covered by `ChildWatchdog`, a sibling
/// process per registered child that sends the child SIGKILL within about a second of
/// quantorch's death. Linux's `prctl(PR_SET_PDEATHSIG)` is no substitute: it must run in the
/// child between fork and exec, which neither posix_spawn nor swift-subprocess offers (it would
/// need a wrapper binary, `setpriv --pdeathsig`), and it fires when the *thread* that forked
/// exits, which in a Swift concurrency thread pool is not tied to the server's owner.
///
/// Ignoring SIGINT/SIGTERM here does not leak into the children: swift-subprocess spawns with
/// `POSIX_SPAWN_SETSIGDEF`, so children start with default dispositions and obey SIGTERM. They
/// run in process groups of their own (`CommandRunner.ownProcessGroup`), so a terminal's
/// Ctrl-C reaches quantorch alone and the order above holds. A child spawned after step 1 is
/// stopped as soon as it is registered.
///
/// ```swift
/// ChildProcessGuard.installSignalHandlers(message: "quantorch run: interrupted")   // first thing in main
/// ```
public enum ChildProcessGuard {
    /// How long children get between SIGTERM and SIGKILL on the signal path.
    static let grace: Duration = .seconds(5)

    private static let sources = Mutex<[any DispatchSourceSignal]>([])
    private static let signalNumber = Atomic<Int32>(0)

    /// The signal (SIGINT or SIGTERM) whose teardown is under way, or nil when none arrived.
    public static var interruptingSignal: Int32? {
        let number = signalNumber.load(ordering: .acquiring)
        return number == 0 ? nil : number
    }

    /// Routes SIGINT and SIGTERM through the teardown described above. Idempotent; call once at
    /// start, before any child is launched.
    /// - Parameter message: the one line printed on stderr before exiting.
    public static func installSignalHandlers(message: String = "interrupted") {
        sources.withLock { installed in
            guard installed.isEmpty else { return }
            for number in [SIGINT, SIGTERM] {
                // The default disposition would kill the process before the dispatch source
                // could run, so the signal is ignored and only delivered to the source.
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global(qos: .userInitiated))
                source.setEventHandler {
                    // A second Ctrl-C while the first is being handled changes nothing.
                    guard signalNumber.compareExchange(expected: 0, desired: number, ordering: .acquiringAndReleasing).exchanged else { return }
                    ChildProcessRegistry.terminateAllBlocking(grace: grace)
                    PartialFileRegistry.removeAll()
                    FileHandle.standardError.write(Data((message + "\n").utf8))
                    exit(128 + number)
                }
                source.resume()
                installed.append(source)
            }
        }
    }

    /// Suspends the caller until the signal path exits the process; for a command that failed
    /// or finished while ``interruptingSignal`` is set, so that only the signal path exits.
    public static func awaitExit() async -> Never {
        // The continuation is never resumed: the process ends in the signal handler.
        while true {
            await withUnsafeContinuation { (_: UnsafeContinuation<Void, Never>) in }
        }
    }
}
