/// GPU memory one llama-server holds, and where the figure comes from.
public struct GPUMemoryReading: Sendable, Equatable, Codable {
    /// Where a figure was read.
    public enum Source: String, Sendable, Codable {
        /// nvidia-smi's `used_memory` for the process (`--query-compute-apps`), summed over its
        /// GPUs: everything the driver gives it, CUDA context and ggml's memory pools included.
        case nvidiaSMI = "nvidia-smi"
        /// The device buffers llama.cpp logs at load time (model weights, KV cache, compute
        /// buffer), summed; it leaves out the CUDA context (a few hundred MiB) and cuBLAS's
        /// workspace, so it reads lower than nvidia-smi.
        case serverLog = "server log"
    }

    /// GPU memory in bytes (MiB figures times 1 048 576).
    public var bytes: Int
    /// Which of the two readings this is.
    public var source: Source

    /// - Parameters:
    ///   - bytes: GPU memory in bytes.
    ///   - source: where it was read.
    public init(bytes: Int, source: Source) {
        self.bytes = bytes
        self.source = source
    }
}
