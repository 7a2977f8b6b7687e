import Subprocess
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a child process ended: with an exit code it chose, or killed by a signal.
///
/// Kept apart instead of flattened into a shell's 128 + n, because the two call for different
/// advice: an exit code means the tool refused something and its log says what, a signal means
/// it crashed or was killed, and SIGILL in particular means the binary does not fit this CPU.
///
/// ```swift
/// ProcessTermination.signaled(ProcessSignal(SIGILL))
///     .sentence(tool: "llama-server", activity: "loading Q8_0.gguf")
/// // "llama-server was killed by SIGILL (illegal instruction) while loading Q8_0.gguf: this llama.cpp
/// //  build uses CPU instructions this machine cannot run; run `quantorch doctor`"
/// ```
public enum ProcessTermination: Sendable, Hashable, CustomStringConvertible {
    /// The process called exit with this code (0 is success).
    case exited(Int32)
    /// The process was ended by this signal.
    case signaled(ProcessSignal)

    init(_ status: TerminationStatus) {
        switch status {
        case let .exited(code): self = .exited(code)
        case let .signaled(number): self = .signaled(ProcessSignal(number))
        }
    }

    /// True for exit code 0 only.
    public var isSuccess: Bool { self == .exited(0) }

    /// "exited with code 1" or "was killed by SIGSEGV (segmentation fault)".
    public var description: String {
        switch self {
        case let .exited(code): "exited with code \(code)"
        case let .signaled(signal): "was killed by \(signal)"
        }
    }

    /// One sentence for an error message: the tool, how it ended, what it was doing, and for
    /// the signals that have a usual cause, what to do about it.
    /// - Parameters:
    ///   - tool: the program's name as the user knows it ("llama-server").
    ///   - activity: what it was doing, as a gerund phrase ("loading Q8_0.gguf").
    ///   - build: what was compiled for a CPU, named in the SIGILL advice.
    public func sentence(tool: String, activity: String, build: String = "this llama.cpp build") -> String {
        let facts = "\(tool) \(self) while \(activity)"
        return advice(build: build).map { "\(facts): \($0)" } ?? facts
    }

    private func advice(build: String) -> String? {
        guard case let .signaled(signal) = self else { return nil }
        switch signal.number {
        case SIGILL:
            // A CPU that advertises an instruction set it refuses (AMX on some VMs) ends here,
            // and no retry or other setting helps: the tools need a build for this machine.
            return "\(build) uses CPU instructions this machine cannot run; run `quantorch doctor`"
        case SIGKILL:
            return "if nobody stopped it, the kernel's out-of-memory killer may have (see `dmesg`); free memory, or use a smaller model or context"
        default:
            return nil
        }
    }
}
