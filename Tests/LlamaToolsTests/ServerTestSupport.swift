import Foundation
@testable import LlamaTools

/// The real toolchain and model for the server tests, from the bootstrap's toolchain.json.
enum ServerTestSupport {
    static let manifest = QuantorchHome().manifest()

    /// False only where the bootstrap has not run; then the real-server tests are skipped.
    static var available: Bool { manifest != nil }

    static var toolchain: Toolchain { Toolchain.locate(explicit: nil) }

    static var model: URL { URL(fileURLWithPath: manifest!.smollm2Gguf) }

    /// Set only in the child process of `ServerSignalGuardTests`: where it writes its server's PID.
    static let guardPIDFileVariable = "QO_SIGNAL_GUARD_PID_FILE"

    static let question = [ChatMessage(role: "user", content: "What is the capital of France?")]

    /// Small context, two threads, a private log file, a generous startup limit.
    static func configuration(_ name: String, model: URL = model) -> ServerConfiguration {
        ServerConfiguration(model: model, contextSize: 1024, slots: 1, threads: 2, logFile: logFile(name),
                            startupTimeout: .seconds(150))
    }

    static func logFile(_ name: String) -> URL {
        FileManager.default.temporaryDirectory
            .appending(path: "qo-server-tests-\(ProcessInfo.processInfo.processIdentifier)/\(name)-\(UUID().uuidString).log")
    }

    /// Whether `/proc/<pid>` still exists (a reaped process has none).
    static func isListed(_ pid: Int32) -> Bool {
        FileManager.default.fileExists(atPath: "/proc/\(pid)")
    }

    /// Live processes whose stdout is `logFile`: identifies the servers a test launched even
    /// when an error hides their PID, without looking at anyone else's processes.
    static func runningProcesses(writingTo logFile: URL) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/1")) == logFile.path
                && !ProcessStatus.hasExited(pid)
        }
    }
}
