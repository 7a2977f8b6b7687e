/// One test of `llama-bench -o json` (llama.cpp `tools/llama-bench`): a prompt-processing run
/// (`n_gen` 0, "pp512"), a generation run (`n_prompt` 0, "tg128") or both at once, repeated
/// `samples_ts.count` times. JSON keys are llama-bench's own (already snake_case).
///
/// Throughput is tokens per second of the test's tokens (`n_prompt + n_gen`) over wall time:
/// `avg_ts` is the mean over repetitions, `stddev_ts` their standard deviation.
public struct BenchResult: Codable, Sendable, Equatable {
    /// The model file's name as given to llama-bench.
    public var modelFilename: String
    /// llama-bench's description of the model ("llama 256M Q8_0").
    public var modelType: String
    /// Bytes of tensor data in the model.
    public var modelSize: Int
    /// Parameters of the model (sum of tensor element counts).
    public var modelNParams: Int
    /// CPU threads used.
    public var nThreads: Int
    /// Prompt tokens processed per repetition (0 for a generation test).
    public var nPrompt: Int
    /// Tokens generated per repetition (0 for a prompt-processing test).
    public var nGen: Int
    /// Mean throughput over the repetitions, in tokens/s.
    public var avgTs: Double
    /// Standard deviation of the throughput over the repetitions, in tokens/s.
    public var stddevTs: Double
    /// Throughput of each repetition, in tokens/s.
    public var samplesTs: [Double]
    /// Mean wall time of a repetition, in nanoseconds.
    public var avgNs: Int?
    /// Standard deviation of the wall time, in nanoseconds.
    public var stddevNs: Int?
    /// Tokens already in the context before the test (`-d`).
    public var nDepth: Int?
    /// Logical batch size (`-b`), in tokens.
    public var nBatch: Int?
    /// Physical batch size (`-ub`), in tokens.
    public var nUbatch: Int?
    /// Type of the K cache ("f16").
    public var typeK: String?
    /// Type of the V cache ("f16").
    public var typeV: String?
    /// Layers offloaded to a GPU (-1: all, ignored by a CPU build).
    public var nGpuLayers: Int?
    /// Compute backends ("CPU").
    public var backends: String?
    /// The CPU's name as llama-bench reports it.
    public var cpuInfo: String?
    /// The GPU's name ("" on a CPU build).
    public var gpuInfo: String?
    /// llama.cpp commit as the binary reports it ("unknown" for the sdist build, which has no git history).
    public var buildCommit: String?
    /// llama.cpp build number as the binary reports it (0 for the sdist build; the bootstrap records 11434).
    public var buildNumber: Int?
    /// When the test ran (ISO 8601, UTC).
    public var testTime: String?

    /// llama-bench's name for the test: "pp32", "tg16", or "pp32+tg16".
    public var testName: String {
        switch (nPrompt, nGen) {
        case (_, 0): "pp\(nPrompt)"
        case (0, _): "tg\(nGen)"
        default: "pp\(nPrompt)+tg\(nGen)"
        }
    }

    enum CodingKeys: String, CodingKey {
        case modelFilename = "model_filename", modelType = "model_type", modelSize = "model_size"
        case modelNParams = "model_n_params", nThreads = "n_threads", nPrompt = "n_prompt", nGen = "n_gen"
        case avgTs = "avg_ts", stddevTs = "stddev_ts", samplesTs = "samples_ts", avgNs = "avg_ns", stddevNs = "stddev_ns"
        case nDepth = "n_depth", nBatch = "n_batch", nUbatch = "n_ubatch", typeK = "type_k", typeV = "type_v"
        case nGpuLayers = "n_gpu_layers", backends, cpuInfo = "cpu_info", gpuInfo = "gpu_info"
        case buildCommit = "build_commit", buildNumber = "build_number", testTime = "test_time"
    }
}
