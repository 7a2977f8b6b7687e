import Foundation

/// The GPU memory llama.cpp says it allocated, read from a llama-server log.
///
/// At load, llama.cpp logs each buffer it allocates with the buffer type's name. The formats,
/// from the sources of the build the bootstrap installs (llama.cpp build 11434):
///
/// ```
/// src/llama-model.cpp      "%s: %12s model buffer size = %8.2f MiB\n"    (load_tensors)
/// src/llama-kv-cache.cpp   "%s: %10s KV buffer size = %8.2f MiB\n"       (llama_kv_cache)
/// src/llama-context.cpp    "%s: %10s compute buffer size = %8.2f MiB\n"  (sched_reserve)
/// src/llama-context.cpp    "%s: %10s  output buffer size = %8.2f MiB\n"  (llama_context)
/// src/llama-memory-recurrent.cpp "%s: %10s RS buffer size = %8.2f MiB\n"
/// ```
///
/// which llama-server writes after its time stamp and level, e.g.
/// `0.00.598.591 I load_tensors:        CUDA0 model buffer size =   92.10 MiB`. A CUDA device's
/// buffers are named `CUDA<device>` (`GGML_CUDA_NAME + std::to_string(device)` in
/// ggml/src/ggml-cuda/ggml-cuda.cu); `CUDA_Host` is pinned host memory and `CPU`, `CPU_Mapped`
/// are host memory, so neither counts.
///
/// libllama logs these at INFO, which llama-server's default verbosity (3) drops: common/log.cpp
/// maps INFO to level 4. The server must run with `verbosityArguments` for the lines to appear.
public enum ServerLogDeviceBuffers {
    /// llama-server arguments that make it log its buffer sizes (`-lv 4`, "trace"). The log
    /// grows by about 150 lines at load and some 20 lines per request instead of 7 (measured
    /// with this build's llama-server on SmolLM2-135M).
    public static let verbosityArguments = ["-lv", "4"]

    /// The sum of the CUDA device buffers of the last model load in `logFile`, in bytes (MiB
    /// times 1 048 576); nil when the file cannot be read or the load logged no device buffer
    /// (a CPU build, `-ngl 0`, or a server run without `verbosityArguments`).
    public static func deviceBytes(logFile: URL) -> Int? {
        guard let data = FileManager.default.contents(atPath: logFile.path) else { return nil }
        return deviceBytes(inLog: String(decoding: data, as: UTF8.self))
    }

    /// The sum of the CUDA device buffers of the last model load in `text`, in bytes; nil when
    /// that load logged none.
    public static func deviceBytes(inLog text: String) -> Int? {
        let device = lastLoad(inLog: text).filter(\.isCUDADevice)
        guard !device.isEmpty else { return nil }
        return Int((device.reduce(0) { $0 + $1.mebibytes } * 1_048_576).rounded())
    }

    /// Every buffer the last model load in `text` logged, in log order. A work folder's server
    /// log is appended to by every launch, and each launch logs its model buffers first, so a
    /// model buffer line after any other buffer line starts a new load.
    static func lastLoad(inLog text: String) -> [Buffer] {
        var load: [Buffer] = []
        for line in text.split(whereSeparator: \.isNewline) {
            guard let buffer = Buffer(line: line) else { continue }
            if buffer.kind == "model", load.contains(where: { $0.kind != "model" }) { load = [] }
            load.append(buffer)
        }
        return load
    }

    /// One "<type> <kind> buffer size = <n> MiB" line.
    struct Buffer: Equatable {
        /// The buffer type's name: "CUDA0", "CUDA_Host", "CPU_Mapped" …
        let type: String
        /// What the buffer holds: "model", "KV", "compute", "output", "RS" …
        let kind: String
        /// Its size in MiB, as logged (two decimals).
        let mebibytes: Double

        /// Nil for a line that is not a buffer size, including the debug line
        /// "compute buffer size is … MiB, matches expectation of …".
        init?(line: Substring) {
            guard let marker = line.range(of: " buffer size = "),
                  let colon = line[..<marker.lowerBound].lastIndex(of: ":") else { return nil }
            let words = line[line.index(after: colon)..<marker.lowerBound].split(separator: " ")
            let amount = line[marker.upperBound...].split(separator: " ")
            guard words.count >= 2, amount.count == 2, amount[1] == "MiB", let mebibytes = Double(amount[0]) else { return nil }
            type = String(words[0])
            kind = words[1...].joined(separator: " ")
            self.mebibytes = mebibytes
        }

        /// "CUDA" and a device number; "CUDA_Host" is host memory.
        var isCUDADevice: Bool {
            let device = type.dropFirst("CUDA".count)
            return type.hasPrefix("CUDA") && !device.isEmpty && device.allSatisfy { $0.isASCII && $0.isNumber }
        }
    }
}
