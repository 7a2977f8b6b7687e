#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A POSIX signal that ended a process, with the name and plain meaning a user can look up.
///
/// ```swift
/// let signal = ProcessSignal(SIGILL)
/// signal.name          // "SIGILL"
/// signal.description   // "SIGILL (illegal instruction)"
/// ProcessSignal(64).description   // "signal 64"
/// ```
public struct ProcessSignal: Sendable, Hashable, CustomStringConvertible {
    /// The signal number as the platform defines it (SIGILL is 4 on Linux).
    public let number: Int32

    /// The signal with this number; any number is accepted, unknown ones are named by number.
    public init(_ number: Int32) {
        self.number = number
    }

    /// The symbolic name ("SIGSEGV"), or "signal N" for a number without one here.
    public var name: String {
        Self.known[number]?.name ?? "signal \(number)"
    }

    /// What the signal means in words ("segmentation fault"), nil for an unnamed number.
    public var meaning: String? {
        Self.known[number]?.meaning
    }

    /// The name with its meaning: "SIGILL (illegal instruction)".
    public var description: String {
        meaning.map { "\(name) (\($0))" } ?? name
    }

    private static let known: [Int32: (name: String, meaning: String)] = [
        SIGHUP: ("SIGHUP", "hangup"),
        SIGINT: ("SIGINT", "interrupt"),
        SIGQUIT: ("SIGQUIT", "quit"),
        SIGILL: ("SIGILL", "illegal instruction"),
        SIGTRAP: ("SIGTRAP", "trace trap"),
        SIGABRT: ("SIGABRT", "aborted"),
        SIGBUS: ("SIGBUS", "bus error"),
        SIGFPE: ("SIGFPE", "arithmetic error"),
        SIGKILL: ("SIGKILL", "forced kill"),
        SIGUSR1: ("SIGUSR1", "user signal 1"),
        SIGSEGV: ("SIGSEGV", "segmentation fault"),
        SIGUSR2: ("SIGUSR2", "user signal 2"),
        SIGPIPE: ("SIGPIPE", "broken pipe"),
        SIGALRM: ("SIGALRM", "alarm clock"),
        SIGTERM: ("SIGTERM", "termination request"),
        SIGXCPU: ("SIGXCPU", "CPU time limit exceeded"),
        SIGXFSZ: ("SIGXFSZ", "file size limit exceeded"),
        SIGSYS: ("SIGSYS", "bad system call"),
    ]
}
