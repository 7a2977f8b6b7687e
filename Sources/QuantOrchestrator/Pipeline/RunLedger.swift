import Foundation

/// What one `quantorch run` cost, written to `<work>/<slug>/<revision>/runs/<run_id>/ledger.json`
/// for `make bench`: the run's wall time against the llama.cpp processes it launched, and the
/// orchestrator's own peak memory (the servers' is in the report).
struct RunLedger: Codable, Sendable {
    /// Launch of the pipeline → report committed, in seconds.
    var wallSeconds: Double
    /// Summed wall time of the llama.cpp processes (converter included), in seconds.
    var llamaCppSeconds: Double
    /// Each launched process.
    var processes: [ToolLedger.Entry]
    /// VmHWM of the quantorch process itself, in bytes.
    var quantorchPeakRSSBytes: Int?
    /// Completion tokens generated per answering stage, for throughput figures.
    var completionTokens: [String: Int]

    enum CodingKeys: String, CodingKey {
        case wallSeconds = "wall_s", llamaCppSeconds = "llama_cpp_s", processes
        case quantorchPeakRSSBytes = "quantorch_peak_rss_bytes", completionTokens = "completion_tokens"
    }
}
