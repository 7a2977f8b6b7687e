/// A Slurm job's state as `squeue`, `scontrol show job` and `sacct` print it: the JobState
/// name (e.g. RUNNING, FAILED, OUT_OF_MEMORY) and the reason Slurm gives (e.g. Resources,
/// NonZeroExitCode, DependencyNeverSatisfied). Names are Slurm's own (`man squeue`, JOB STATE
/// CODES).
struct SlurmJobState: Sendable, Equatable, CustomStringConvertible {
    /// The state's name, upper case; sacct's "CANCELLED by 0" is kept as CANCELLED.
    let name: String
    /// Slurm's reason, nil when it gives none ("None").
    let reason: String?
    /// `ExitCode` (code:signal) where scontrol or sacct gave it.
    var exitCode: String?

    init(name: String, reason: String? = nil, exitCode: String? = nil) {
        self.name = name.split(separator: " ").first.map { String($0).uppercased() } ?? name.uppercased()
        self.reason = reason.flatMap { $0.isEmpty || $0 == "None" || $0 == "(null)" ? nil : $0 }
        self.exitCode = exitCode
    }

    /// What a job that Slurm no longer knows is taken to be (purged after MinJobAge, with no
    /// accounting to ask): ended, how unknown.
    static let forgotten = SlurmJobState(name: "ENDED", reason: "no longer known to Slurm")

    private static let ended: Set<String> = ["COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "OUT_OF_MEMORY", "NODE_FAIL", "PREEMPTED",
                                             "BOOT_FAIL", "DEADLINE", "REVOKED", "SPECIAL_EXIT", "ENDED"]

    /// True once the job will not run any more (as itself: a requeued job is not ended).
    var isEnded: Bool { Self.ended.contains(name) }

    /// States after which the job is worth one more try: its node died or a higher-priority job
    /// took it, neither of which says anything about the step.
    var isRetryable: Bool { name == "NODE_FAIL" || name == "PREEMPTED" }

    /// Pending for a reason that will not go away for this job: it asks for more than the
    /// partition, its QOS or its account allows any one job (`man squeue`, JOB REASON CODES).
    var neverStarts: Bool {
        guard name == "PENDING", let reason else { return false }
        return ["PartitionConfig", "PartitionNodeLimit", "PartitionTimeLimit", "BadConstraints", "InvalidAccount", "InvalidQOS"].contains(reason)
            || (reason.hasPrefix("QOSMax") || reason.hasPrefix("AssocMax")) && reason.contains("PerJob")
    }

    /// Cancelled by Slurm because a job it waited for (`afterok`) did not succeed.
    var isCancelledForDependency: Bool { name == "CANCELLED" && reason == "DependencyNeverSatisfied" }

    var description: String {
        name + (reason.map { " (\($0))" } ?? "") + (exitCode.map { $0 == "0:0" ? "" : ", exit code \($0)" } ?? "")
    }
}
