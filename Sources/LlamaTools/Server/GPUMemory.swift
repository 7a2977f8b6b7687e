import Foundation

/// How much GPU memory a llama-server holds: nvidia-smi's per-process figure where there is
/// one, else the device buffers its log lists.
///
/// ```swift
/// // at the end of ServerProcess.withServer's body, beside peakRSSBytes():
/// let vram = await GPUMemory.read(processID: server.processID, logFile: configuration.logFile)
/// ```
public enum GPUMemory {
    /// The server's GPU memory, from `NvidiaSMIComputeApps.usedBytes` when nvidia-smi lists the
    /// process, else from `ServerLogDeviceBuffers.deviceBytes(logFile:)`; nil when neither has a
    /// figure (a CPU build, `-ngl 0`, no nvidia-smi and a log without buffer lines). Read it
    /// while the server runs, at the end of its work: nvidia-smi lists only live processes.
    /// - Parameters:
    ///   - processID: the server's PID (`RunningServer.processID`).
    ///   - logFile: the server's log (`ServerConfiguration.logFile`).
    ///   - environment: where nvidia-smi is looked up on `PATH`.
    public static func read(processID: Int32, logFile: URL,
                            environment: [String: String] = ProcessInfo.processInfo.environment) async -> GPUMemoryReading? {
        if let bytes = await NvidiaSMIComputeApps.usedBytes(processID: processID, environment: environment) {
            return GPUMemoryReading(bytes: bytes, source: .nvidiaSMI)
        }
        return ServerLogDeviceBuffers.deviceBytes(logFile: logFile).map { GPUMemoryReading(bytes: $0, source: .serverLog) }
    }
}
