import Evaluation
import Foundation

/// What `quantorch plan` prints: every step of the run the recipe asks for, whether its
/// record exists, and the disk the steps not done will write. Nothing is run.
public struct PlanReport: Codable, Sendable, Equatable {
    /// The model's name, slug and resolved revision.
    public var model: String
    public var slug: String
    public var revision: String
    /// The revision's work folder.
    public var workFolder: String
    /// The steps in the order a run takes them.
    public var steps: [PlannedStep]
    /// Bytes the steps not done will write (estimated), plus 10 % for logs and answers.
    public var writesBytes: Int
    /// Free bytes on the work folder's file system; nil when it cannot be read.
    public var freeBytes: Int?
    /// The plan's warnings (ladder order, the baseline's precision).
    public var warnings: [String]
    /// Which rungs will be asked the suite, in one sentence (the search mode, its bound, the
    /// replicas).
    public var search: String
    /// Where the steps run, in one sentence (local, or the Slurm resources of each job).
    public var executor: String
    /// Per criterion, whether this suite's size can decide it and the smallest loss it can
    /// detect (``SuiteSize/lines(questions:margins:)``).
    public var suiteSize: [String]

    enum CodingKeys: String, CodingKey {
        case model, slug, revision, steps, warnings, search, executor
        case suiteSize = "suite_size"
        case workFolder = "work_folder", writesBytes = "writes_bytes", freeBytes = "free_bytes"
    }
}

extension Pipeline {
    /// The plan of the run `options` describe, reading the work folder's records; launches no
    /// tool and writes nothing (a git-backed checkpoint's revision is exported to resolve it).
    /// - Throws: `PipelineError` as `run()` would before its first step.
    public func describe() async throws -> PlanReport {
        let setup = try await RunSetup.prepare(options, exporting: false)
        defer { if setup.source.isTemporaryView { try? FileManager.default.removeItem(at: setup.source.checkpoint) } }
        let (factory, planner) = try await Self.plan(setup)
        let disk = planner.disk
        return PlanReport(model: setup.recipe.model.name, slug: setup.modelSlug, revision: setup.source.revision,
                          workFolder: setup.folder.revisionFolder.path, steps: planner.steps, writesBytes: disk.total,
                          freeBytes: DiskSpace.free(at: setup.folder.root)?.bytes,
                          warnings: (factory.plan.baselineNote.map { [$0] } ?? []) + factory.plan.warnings,
                          search: Self.searchLine(setup.recipe), executor: Self.executorLine(setup.recipe),
                          suiteSize: SuiteSize.lines(questions: setup.suite.questions.count, margins: setup.recipe.acceptance.margins))
    }

    /// "executor: slurm, each step a batch job (partition gpu, gres gpu:1, 8 CPUs per task)".
    static func executorLine(_ recipe: Recipe) -> String {
        guard case let .slurm(settings) = recipe.executor else { return "executor: local, every step runs on this machine" }
        let resources = [settings.partition.map { "partition \($0)" }, settings.account.map { "account \($0)" }, settings.qos.map { "qos \($0)" },
                         settings.gres.map { "gres \($0)" }, "\(settings.cpusPerTask ?? recipe.server.threads) CPUs per task",
                         settings.mem.map { "mem \($0)" }, settings.time.map { "time \($0)" }]
            + settings.extraArgs.map(Optional.some)
        return "executor: slurm, each step a batch job (\(resources.compactMap { $0 }.joined(separator: ", "))); the work folder must be on storage every node mounts"
    }

    /// "adaptive search: each rung is screened on its KL divergences, then the suite is asked
    /// of the rungs the decision needs: at most 4 of 6 where the KLDs grow as the size shrinks".
    static func searchLine(_ recipe: Recipe) -> String {
        let local = recipe.localVariants.count
        let replicas = recipe.evaluation.replicas > 1 ? "; each variant is served by \(recipe.evaluation.replicas) single-slot replicas" : ""
        guard recipe.search == .adaptive, local > 0 else {
            return "exhaustive search: every one of the \(local) local variants is asked the suite\(replicas)"
        }
        let bound = LadderSearch.monotoneBound(candidates: local)
        return "adaptive search: each rung is screened on its KL divergences, then the suite is asked of the rungs the decision needs: at most \(bound) of \(local) where the KLDs grow as the size shrinks (a stretch where they do not is asked whole)\(replicas)"
    }
}
