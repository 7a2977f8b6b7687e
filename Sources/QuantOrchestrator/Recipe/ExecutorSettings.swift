/// `executor:` — where a run's steps execute.
///
/// - `local` (default): every step runs on this machine, as child processes of quantorch.
/// - `slurm`: each per-variant step (convert, quantize, imatrix, KLD, serve + answers) is one
///   Slurm batch job running `quantorch step FILE` on a node, submitted with `sbatch` and
///   ordered by `--dependency=afterok`; the controller (this process) waits for the records
///   the jobs write into the shared work folder, then scores, reports and commits
///   (``SlurmController``).
public enum ExecutorSettings: Sendable, Equatable {
    case local
    case slurm(SlurmSettings)
}

/// `executor: {kind: slurm, …}` — what every job of the run asks `sbatch` for. Absent fields
/// are left to the cluster's defaults, except the CPUs per task, which default to the recipe's
/// `server.threads` so a job gets the cores its tools are told to use.
public struct SlurmSettings: Sendable, Equatable, Codable {
    /// `--partition`.
    public var partition: String?
    /// `--account`.
    public var account: String?
    /// `--qos`.
    public var qos: String?
    /// `--gres`, e.g. "gpu:1".
    public var gres: String?
    /// `--cpus-per-task`; nil for `server.threads`.
    public var cpusPerTask: Int?
    /// `--mem`, in Slurm's notation ("16G", "8000M").
    public var mem: String?
    /// `--time`, in Slurm's notation ("90", "2:00:00", "1-00:00:00").
    public var time: String?
    /// Further `sbatch` arguments, passed as they are, after quantorch's own.
    public var extraArgs: [String] = []

    public init(partition: String? = nil, account: String? = nil, qos: String? = nil, gres: String? = nil, cpusPerTask: Int? = nil,
                mem: String? = nil, time: String? = nil, extraArgs: [String] = []) {
        self.partition = partition
        self.account = account
        self.qos = qos
        self.gres = gres
        self.cpusPerTask = cpusPerTask
        self.mem = mem
        self.time = time
        self.extraArgs = extraArgs
    }

    enum CodingKeys: String, CodingKey {
        case partition, account, qos, gres, cpusPerTask = "cpus_per_task", mem, time, extraArgs = "extra_args"
    }
}
