extension PipelineError {
    /// sbatch's refusal as the run's error: bad input naming the recipe's `executor:` when the
    /// cluster refused the request (exit 2), a tool failure when its controller did not answer.
    static func sbatch(_ error: SlurmSubmitError, job: String, recipe: String) -> PipelineError {
        switch error {
        case let .refused(message):
            .badInput("\(recipe): field 'executor': sbatch refused the job \(job): \(message); ask for what the cluster has (partition, account, qos, gres, cpus_per_task, mem, time, extra_args; sinfo -o '%P %c %m %l %G' lists the partitions)")
        case let .unavailable(message):
            .toolFailed("sbatch could not submit the job \(job): \(message); the Slurm controller did not answer, run again when it does (finished steps are kept)")
        }
    }

    /// A job Slurm keeps pending for a reason that will not go away (``SlurmJobState/neverStarts``).
    static func neverStarts(_ state: SlurmJobState, job id: String, what: String, recipe: String) -> PipelineError {
        .badInput("\(recipe): field 'executor': Slurm will not start job \(id) (\(what)): it is \(state), so it asks for more than the partition, QOS or account allows one job; lower cpus_per_task, mem or time, or choose another partition (sinfo -o '%P %c %m %l %G' lists what each offers)")
    }
}
