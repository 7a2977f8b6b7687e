import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Makes sure no llama.cpp child outlives quantorch when quantorch is interrupted, and that an
/// interrupt ends the run as an interrupt.
///
/// A command runs its work through ``run(message:_:)``. SIGINT (Ctrl-C) or SIGTERM then
/// 1. records that an interrupt is in progress (``interruptingSignal``), before anything else,
/// 2. cancels the work's task: every child was started by swift-subprocess inside it, and a
///    cancelled `Subprocess.run` stops its child (SIGTERM, then SIGKILL after a grace period),
///    `ServerProcess.withServer` its server, the answers log keeps what it wrote;
/// 3. when the task has ended — or after ``deadline`` if a child keeps it waiting (a request
///    blocked in poll(2) on a busy server) — sends SIGTERM to every child still registered
///    (`ChildProcessRegistry`, by name), SIGKILL to those alive five seconds later, and deletes
///    the temporary files being written (`PartialFileRegistry`), so nothing half-written is
///    left to be mistaken for a result;
/// 4. prints `message` once on stderr and throws ``Interrupted``, whose exit code (130 for
///    SIGINT, 143 for SIGTERM) is the one a shell reports for death by those signals — unless
///    the work had already finished when the signal came (a run whose report is committed): its
///    result then stands, and the command ends as it would have.
/// Nothing of this runs in the signal handler itself, which only cancels the task; the
/// process exits from the command's own return path. A work that does not end even after its
/// children were stopped is ended ``hardDeadline`` after the signal.
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
/// try await ChildProcessGuard.run(message: "quantorch run: interrupted") { try await pipeline.run() }
/// ```
public enum ChildProcessGuard {
    /// How long children get between SIGTERM and SIGKILL in step 3.
    static let grace: Duration = .seconds(5)
    /// How long the cancelled work may take to end before its children are stopped for it.
    static let deadline: DispatchTimeInterval = .seconds(10)
    /// How long after the signal a work that still has not ended is ended with the process.
    static let hardDeadline: DispatchTimeInterval = .seconds(30)

    private static let sources = Mutex<[any DispatchSourceSignal]>([])
    private static let signalNumber = Atomic<Int32>(0)
    private static let work = Mutex<(@Sendable () -> Void)?>(nil)

    /// The signal (SIGINT or SIGTERM) whose teardown is under way, or nil when none arrived.
    public static var interruptingSignal: Int32? {
        let number = signalNumber.load(ordering: .acquiring)
        return number == 0 ? nil : number
    }

    /// What ``run(message:_:)`` throws when SIGINT or SIGTERM stopped the work.
    public struct Interrupted: Error, CustomStringConvertible {
        /// SIGINT or SIGTERM.
        public let signal: Int32
        /// 128 + the signal: 130 or 143.
        public var exitCode: Int32 { 128 + signal }
        public var description: String { "interrupted by signal \(signal)" }
    }

    /// Runs `operation` as the one work SIGINT and SIGTERM stop, as described above. Call once
    /// per process, before any child is launched.
    /// - Parameter message: the one line printed on stderr when a signal stopped the work.
    /// - Returns: what `operation` returns, also when a signal arrived after it had finished.
    /// - Throws: ``Interrupted`` when a signal stopped it (whatever `operation` threw then), else
    ///   what `operation` throws.
    public static func run<T: Sendable>(message: String, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let task = Task { try await operation() }
        work.withLock { $0 = { task.cancel() } }
        installSignalSources()
        let result = await task.result
        guard let number = interruptingSignal else { return try result.get() }
        finishTeardown()
        if case let .success(value) = result { return value }
        FileHandle.standardError.write(Data((message + "\n").utf8))
        throw Interrupted(signal: number)
    }

    private static func installSignalSources() {
        sources.withLock { installed in
            guard installed.isEmpty else { return }
            for number in [SIGINT, SIGTERM] {
                // The default disposition would kill the process before the dispatch source
                // could run, so the signal is ignored and only delivered to the source.
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global(qos: .userInitiated))
                source.setEventHandler { interrupt(number) }
                source.resume()
                installed.append(source)
            }
        }
    }

    /// The signal path: record, cancel, and arm the deadlines; a second signal changes nothing.
    private static func interrupt(_ number: Int32) {
        guard signalNumber.compareExchange(expected: 0, desired: number, ordering: .acquiringAndReleasing).exchanged else { return }
        work.withLock { $0 }?()
        DispatchQueue.global().asyncAfter(deadline: .now() + deadline) { finishTeardown() }
        DispatchQueue.global().asyncAfter(deadline: .now() + hardDeadline) {
            finishTeardown()
            FileHandle.standardError.write(Data("quantorch: the interrupted work did not end within \(hardDeadline); exiting\n".utf8))
            exit(128 + number)
        }
    }

    /// Stops whatever children are still registered and removes partial files; safe to call
    /// more than once and from several threads.
    private static func finishTeardown() {
        let killed = ChildProcessRegistry.terminateAllBlocking(grace: grace)
        PartialFileRegistry.removeAll()
        for child in killed {
            FileHandle.standardError.write(Data("quantorch: \(child) did not stop on SIGTERM within \(grace); killed\n".utf8))
        }
    }
}
