import Foundation
import LlamaTools
import Reports

/// What one Slurm job is to do, as `quantorch step FILE` reads it: the run's recipe and
/// command-line choices (with the model revision already resolved, so every job works on the
/// same snapshot) and the one step, by its label ("quantize Q4_K_M").
public struct StepOrder: Codable, Sendable, Equatable {
    /// The recipe file, absolute.
    public var recipe: String
    /// The resolved model revision (commit sha, label or content hash).
    public var revision: String
    /// The work folder's root, absolute.
    public var workDirectory: String
    /// `--llama-cpp` as the controller was given it.
    public var llamaCpp: String?
    /// `--max-size` in bytes, when given (the search's choice of rungs depends on it).
    public var maxSizeBytes: Int?
    /// The step's label, as `quantorch plan` lists it.
    public var step: String

    enum CodingKeys: String, CodingKey {
        case recipe, revision, workDirectory = "work_dir", llamaCpp = "llama_cpp", maxSizeBytes = "max_size_bytes", step
    }

    /// The run options that rebuild the controller's plan on the node.
    func options(environment: [String: String]) -> RunOptions {
        RunOptions(recipe: URL(fileURLWithPath: recipe), revision: revision, workDirectory: URL(fileURLWithPath: workDirectory),
                   llamaCpp: llamaCpp.map { URL(fileURLWithPath: $0) }, maxSizeBytes: maxSizeBytes, environment: environment)
    }

    /// Reads the order at `url`.
    /// - Throws: `PipelineError.badInput` naming the file when it is missing or not an order.
    static func load(_ url: URL) throws -> StepOrder {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw PipelineError.badInput("\(url.path): cannot read the step file: \(FileManager.default.fileExists(atPath: url.path) ? "permission denied" : "no such file"); quantorch run writes it before it submits the job")
        }
        do { return try JSONDecoder().decode(StepOrder.self, from: data) } catch {
            throw PipelineError.badInput("\(url.path): not a quantorch step file: \(error)")
        }
    }
}

/// What a job leaves beside its record: the step, the record's name (nil when the step had
/// nothing to do, e.g. a domain KLD when the domain corpus turned out too short), how long it
/// took, its stage timings (a serve's answers, domain corpus and probe, as a local run lists
/// them) and the llama.cpp processes it launched, so the controller's ledger and report are a
/// local run's.
struct StepJobResult: Codable, Sendable, Equatable {
    var step: String
    var record: String?
    /// Wall time of the step inside the job, in seconds (quantorch's start on the node excluded).
    var seconds: Double
    var timings: [StageTiming]
    var processes: [ToolLedger.Entry]
    /// The job (`SLURM_JOB_ID`) and the node (`SLURMD_NODENAME`, else the host name) it ran
    /// in, for the report's provenance; nil in results written before they were kept.
    var job: String?
    var node: String?
}
