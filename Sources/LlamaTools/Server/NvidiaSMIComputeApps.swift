import Foundation

/// The GPU memory of one process as `nvidia-smi` reports it.
///
/// Runs `nvidia-smi --query-compute-apps=pid,used_memory --format=csv,noheader,nounits`, which
/// prints one line per process and GPU, the memory in MiB:
///
/// ```
/// 48213, 1530
/// 48213, 912
/// 50117, 20480
/// ```
///
/// The figure is what the process holds now. ggml's CUDA memory pools keep what they grew to
/// until the server exits, so a reading taken at the end of the server's work is its peak.
public enum NvidiaSMIComputeApps {
    /// The query's arguments.
    static let arguments = ["--query-compute-apps=pid,used_memory", "--format=csv,noheader,nounits"]

    /// Bytes of GPU memory `processID` holds, summed over its GPUs; nil when nvidia-smi is not on
    /// `PATH`, fails, takes longer than 10 s, or lists nothing for that PID. In a container whose
    /// PID namespace is not the host's, nvidia-smi lists host PIDs, so the server is not found
    /// and the answer is nil.
    /// - Parameters:
    ///   - processID: the process to look up (`RunningServer.processID`).
    ///   - environment: where `PATH` is read from.
    public static func usedBytes(processID: Int32,
                                 environment: [String: String] = ProcessInfo.processInfo.environment) async -> Int? {
        guard let nvidiaSMI = locate(environment: environment),
              let out = try? await CommandRunner.run(nvidiaSMI, arguments, timeout: .seconds(10)),
              out.termination.isSuccess else { return nil }
        return usedBytes(processID: processID, inCSV: out.standardOutput ?? "")
    }

    /// Bytes `processID` holds according to the query's output, summed over its lines; nil when
    /// no line is that PID's or none of its lines has a number (`[N/A]` where the driver does
    /// not give per-process figures).
    static func usedBytes(processID: Int32, inCSV text: String) -> Int? {
        var mebibytes: Int?
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 2, Int32(fields[0]) == processID, let used = Int(fields[1]) else { continue }
            mebibytes = (mebibytes ?? 0) + used
        }
        return mebibytes.map { $0 * 1_048_576 }
    }

    /// The first executable `nvidia-smi` on `PATH`.
    static func locate(environment: [String: String]) -> URL? {
        (environment["PATH"] ?? "").split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appending(path: "nvidia-smi") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
