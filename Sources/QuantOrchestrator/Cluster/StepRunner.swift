import Foundation
import LlamaTools

/// `quantorch step FILE`, what a Slurm job runs: rebuilds the controller's plan from the
/// order (``StepOrder``) and the records in the shared work folder, executes that one step
/// through ``RunContext/cached(_:)`` (a record already there is reused), and writes beside its
/// record what it launched (``StepJobResult``). Nothing else: no other step, no report, no
/// commit, and no lock on the work folder, which the controller holds.
public enum StepRunner {
    /// - Throws: `PipelineError.badInput` for an unreadable order or a step the recipe does not
    ///   run now (its inputs' records are missing); what the step's stage throws.
    public static func run(orderFile: URL, progress: ProgressReporter, environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
        let order = try StepOrder.load(orderFile)
        let setup = try await RunSetup.prepare(order.options(environment: environment))
        let factory = try Pipeline.factory(setup)
        let context = RunContext(toolchain: setup.toolchain, executor: LocalExecutor(), folder: setup.folder, ledger: ToolLedger(),
                                 progress: progress, threads: setup.recipe.server.threads)
        let visitor = SingleStepVisitor(target: order.step, context: context)
        let start = ContinuousClock.now
        let outputs = try await factory.walk(visitor)
        let record = visitor.ran
        if record == nil {
            let domainStep = factory.steps().contains { step in
                switch step {
                case .domainKLDBase, .domainKLD: step.label == order.step
                default: false
                }
            }
            // The baseline's answers turned out too few tokens for a domain corpus: the
            // controller leaves domain KLD out too.
            guard domainStep, factory.domainCorpusTooShort(outputs) else {
                throw PipelineError.badInput("\(orderFile.path): step '\(order.step)' cannot run: it is not a step of \(order.recipe) now, or a step it needs has no record in \(setup.folder.revisionFolder.path) yet")
            }
            progress.stage("\(order.step): nothing to do, the domain corpus is too short")
        }
        let environment = ProcessInfo.processInfo.environment
        let result = StepJobResult(step: order.step, record: record, seconds: start.duration(to: .now).seconds, timings: context.timings,
                                   processes: context.ledger.all, job: environment["SLURM_JOB_ID"],
                                   node: environment["SLURMD_NODENAME"] ?? ProcessInfo.processInfo.hostName)
        let url = ClusterFolder(folder: setup.folder).result(order.step)
        do { try AtomicFile.writeJSON(result, to: url) } catch {
            throw PipelineError.io("cannot write the step's report \(url.path): \(error.localizedDescription)")
        }
    }
}

/// Runs one step of the walk: the steps before it only lend their records (a parallel job's
/// step may have none yet, which leaves out what the target does not need), the target runs,
/// and the steps after it are not looked at.
final class SingleStepVisitor: StepVisitor {
    let target: String
    let context: RunContext
    /// The target's record name, once it ran.
    private(set) var ran: String?

    init(target: String, context: RunContext) {
        self.target = target
        self.context = context
    }

    func visit<S: Stage>(_ stage: S?, label: String, writes: [DiskPlan.Item]) async throws -> S.Record? {
        guard ran == nil, let stage else { return nil }
        guard stage.label == target else { return context.records.load(S.Record.self, stage.recordName) }
        let record = try await context.cached(stage)
        ran = stage.recordName
        return record
    }

    func note(_ line: String) {}
}
