import Foundation
import LlamaTools

/// The jobs a Slurm run submitted, by step label, kept in `slurm/jobs.json` and rewritten
/// atomically after every submission, so a controller that died is replaced by one that waits
/// for the same jobs instead of submitting them again.
struct JobRegistry: Codable, Sendable, Equatable {
    struct Entry: Codable, Sendable, Equatable {
        /// Slurm's job id.
        var id: String
        /// The job's name, checked before a job is adopted (job ids restart with a new cluster).
        var name: String
        /// How many times the step was submitted for a retryable reason (NODE_FAIL, PREEMPTED).
        var retries: Int
        /// The steps it needs (``StepGraph``), done or not: the job graph `make bench` reads
        /// for the critical path.
        var after: [String]
    }

    var jobs: [String: Entry] = [:]

    /// The registry at `url`, empty when there is none or it cannot be read (the jobs it named
    /// are then submitted again, which costs time, not results).
    static func load(_ url: URL) -> JobRegistry {
        guard let data = FileManager.default.contents(atPath: url.path) else { return JobRegistry() }
        return (try? JSONDecoder().decode(JobRegistry.self, from: data)) ?? JobRegistry()
    }

    /// - Throws: `PipelineError.io` when the file cannot be written.
    func save(_ url: URL) throws {
        do { try AtomicFile.writeJSON(self, to: url) } catch {
            throw PipelineError.io("cannot write the Slurm job list \(url.path): \(error.localizedDescription)")
        }
    }
}
