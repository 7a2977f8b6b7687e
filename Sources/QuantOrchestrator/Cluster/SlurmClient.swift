import Foundation
import LlamaTools

/// Slurm's own commands, run as processes: `sbatch` to submit, `squeue` and `scontrol show job`
/// (and `sacct` where accounting exists) to follow, `scancel` to stop. Nothing here schedules;
/// Slurm does.
struct SlurmClient: Sendable {
    let sbatch: URL
    let squeue: URL
    let scontrol: URL
    let scancel: URL
    /// nil where it is not installed; a cluster without accounting answers it with an error.
    let sacct: URL?

    /// Finds the commands on `PATH`.
    /// - Throws: `PipelineError.toolFailed` naming the first one missing.
    static func locate(environment: [String: String]) throws -> SlurmClient {
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map { URL(fileURLWithPath: String($0)) }
        func find(_ name: String) -> URL? {
            folders.map { $0.appending(path: name) }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
        }
        func require(_ name: String) throws -> URL {
            guard let url = find(name) else {
                throw PipelineError.toolFailed("executor.kind slurm needs Slurm's \(name) on PATH, and it is not there; run quantorch on a login node of the cluster, or try scripts/slurm-local up for a one-node cluster on this machine")
            }
            return url
        }
        return SlurmClient(sbatch: try require("sbatch"), squeue: try require("squeue"), scontrol: try require("scontrol"),
                           scancel: try require("scancel"), sacct: find("sacct"))
    }

    /// Submits `job`.
    /// - Returns: its job id.
    /// - Throws: ``SlurmSubmitError`` with sbatch's own message.
    func submit(_ job: SlurmJob) async throws -> String {
        try FileManager.default.createDirectory(at: job.log.deletingLastPathComponent(), withIntermediateDirectories: true)
        let output = try await CommandRunner.run(sbatch, job.arguments, timeout: .seconds(120))
        let text = (output.standardOutput ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        // --parsable prints "id" or "id;cluster".
        guard output.termination.isSuccess, let id = text.split(separator: ";").first.map(String.init), id.allSatisfy(\.isNumber), !id.isEmpty else {
            let message = (output.standardError ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let said = message.isEmpty ? "it printed '\(text)'" : message
            let transient = ["Unable to contact slurm controller", "Socket timed out", "temporarily unable", "Zero Bytes were transmitted"]
            throw transient.contains(where: message.contains) ? SlurmSubmitError.unavailable(said) : SlurmSubmitError.refused(said)
        }
        return id
    }

    /// The state and name of each job Slurm still lists (pending, running, or recently ended),
    /// by id; ids it does not know are absent.
    /// - Throws: `PipelineError.toolFailed` when squeue fails for another reason.
    func states(of ids: [String]) async throws -> [String: (state: SlurmJobState, name: String)] {
        guard !ids.isEmpty else { return [:] }
        let output = try await CommandRunner.run(squeue, ["-h", "-t", "all", "-j", ids.joined(separator: ","), "-o", "%i|%T|%r|%j"],
                                                 timeout: .seconds(60))
        guard output.termination.isSuccess else {
            if output.combined.contains("Invalid job id") { return [:] }
            throw PipelineError.toolFailed("squeue failed: \(output.combined.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        var states: [String: (state: SlurmJobState, name: String)] = [:]
        for line in (output.standardOutput ?? "").split(separator: "\n") {
            let fields = line.split(separator: "|", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4 else { continue }
            states[fields[0]] = (SlurmJobState(name: fields[1], reason: fields[2]), fields[3])
        }
        return states
    }

    /// How an ended job ended, with its exit code: from `scontrol show job` while Slurm keeps
    /// it (MinJobAge), else from `sacct` where accounting exists; nil when neither knows it.
    func finalState(of id: String) async -> SlurmJobState? {
        if let output = try? await CommandRunner.run(scontrol, ["show", "job", "-o", id], timeout: .seconds(60)), output.termination.isSuccess {
            let fields = Dictionary((output.standardOutput ?? "").split(separator: " ").compactMap { pair -> (String, String)? in
                guard let equals = pair.firstIndex(of: "=") else { return nil }
                return (String(pair[..<equals]), String(pair[pair.index(after: equals)...]))
            }, uniquingKeysWith: { first, _ in first })
            if let state = fields["JobState"] { return SlurmJobState(name: state, reason: fields["Reason"], exitCode: fields["ExitCode"]) }
        }
        guard let sacct,
              let output = try? await CommandRunner.run(sacct, ["-n", "-P", "-X", "-j", id, "-o", "State,ExitCode"], timeout: .seconds(60)),
              output.termination.isSuccess,
              let line = output.standardOutput?.split(separator: "\n").first else { return nil }
        let fields = line.split(separator: "|").map(String.init)
        return fields.first.map { SlurmJobState(name: $0, exitCode: fields.count > 1 ? fields[1] : nil) }
    }

    /// Cancels `ids` (Slurm signals the jobs' steps, SIGTERM then SIGKILL after KillWait).
    /// Failures are ignored: a job that ended meanwhile cannot be cancelled and needs not be.
    func cancel(_ ids: [String]) async {
        guard !ids.isEmpty else { return }
        _ = try? await CommandRunner.run(scancel, ids, timeout: .seconds(60))
    }
}

/// Why sbatch did not take a job.
enum SlurmSubmitError: Error {
    /// The cluster refused the request (a partition, account, QOS, GRES or limit it does not
    /// have): the recipe's `executor:` must change. sbatch's message.
    case refused(String)
    /// The Slurm controller did not answer: try again later. sbatch's message.
    case unavailable(String)
}
