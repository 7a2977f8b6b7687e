/// How long one pipeline stage took.
public struct StageTiming: Codable, Sendable, Equatable {
    /// The stage ("convert", "quantize:Q4_K_M", "evaluate:Q8_0", …).
    public var stage: String
    /// Wall-clock seconds.
    public var seconds: Double
    /// The Slurm job that ran the stage (`SLURM_JOB_ID`); nil in a local run and older reports.
    public var job: String?
    /// The node the stage ran on (`SLURMD_NODENAME`, else the host name); nil in a local run.
    public var node: String?

    /// Creates the value from its fields, as listed above.
    public init(stage: String, seconds: Double, job: String? = nil, node: String? = nil) {
        self.stage = stage
        self.seconds = seconds
        self.job = job
        self.node = node
    }

    /// "job 42 on node1", for a stage a Slurm job ran; nil for a local stage.
    public var placement: String? {
        job.map { "job \($0)" + (node.map { " on \($0)" } ?? "") }
    }
}
