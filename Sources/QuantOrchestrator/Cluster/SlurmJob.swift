import Foundation

/// One batch job as quantorch submits it: a command run with `sbatch --wrap`, its log, the jobs
/// it waits for and the resources of the recipe's `executor:` (``SlurmSettings``).
struct SlurmJob: Sendable, Equatable {
    /// `--job-name`.
    let name: String
    /// The command the job runs, word by word (quoted for the shell here).
    let command: [String]
    /// `--output`: stdout and stderr of the job, appended across attempts.
    let log: URL
    /// `--chdir`.
    let workingDirectory: URL
    /// Job ids that must end COMPLETED first (`--dependency=afterok:…`); Slurm cancels this job
    /// when one of them fails (`--kill-on-invalid-dep=yes`) instead of leaving it pending.
    let dependencies: [String]
    let settings: SlurmSettings
    /// `--cpus-per-task`.
    let cpus: Int
    /// Whether the job asks for the recipe's GRES (the shared-folder check does not).
    var usesGRES = true

    /// sbatch's arguments, quantorch's own first, then `extra_args`.
    var arguments: [String] {
        var arguments = ["--parsable", "--job-name=\(name)", "--output=\(log.path)", "--open-mode=append",
                         "--chdir=\(workingDirectory.path)", "--cpus-per-task=\(cpus)", "--ntasks=1", "--no-requeue"]
        if !dependencies.isEmpty { arguments += ["--dependency=afterok:\(dependencies.joined(separator: ":"))", "--kill-on-invalid-dep=yes"] }
        if let partition = settings.partition { arguments.append("--partition=\(partition)") }
        if let account = settings.account { arguments.append("--account=\(account)") }
        if let qos = settings.qos { arguments.append("--qos=\(qos)") }
        if usesGRES, let gres = settings.gres { arguments.append("--gres=\(gres)") }
        if let mem = settings.mem { arguments.append("--mem=\(mem)") }
        if let time = settings.time { arguments.append("--time=\(time)") }
        return arguments + settings.extraArgs + ["--wrap=\(Self.shellLine(command))"]
    }

    /// `words` as one POSIX shell line run with `exec`, each word single-quoted.
    static func shellLine(_ words: [String]) -> String {
        "exec " + words.map { "'" + $0.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }.joined(separator: " ")
    }
}
