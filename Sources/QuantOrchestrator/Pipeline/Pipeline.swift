import Evaluation
import Foundation
import LlamaTools
import MetricKeys
import Reports

/// `quantorch run`: recipe → plan → the steps in `StageFactory.steps()`'s order (convert,
/// imports, quantizations, the KLD base, the baseline's serve and domain corpus, domain mixes,
/// every variant's KLD and domain KLD, the suite by search or in full, the divergences) →
/// verdicts against the baseline → selection → reports → commit and tag.
///
/// Everything that can be checked without llama.cpp is checked first (`RunSetup`,
/// `RunPlan`: recipe, suite, tools, GGUF entries, disk), so bad input fails in seconds. The
/// steps come from `StageFactory`; each leaves a record in the work folder and is skipped
/// when its record is intact (`RunContext.cached`), so a re-run after success launches no
/// llama.cpp process and a re-run after a crash or Ctrl-C resumes where it stopped.
public struct Pipeline: Sendable {
    let options: RunOptions
    let progress: ProgressReporter
    let executor: any ToolExecutor

    /// - Parameters:
    ///   - options: the command line.
    ///   - progress: where stage lines go.
    ///   - executor: where llama.cpp's tools run (default: child processes here).
    public init(options: RunOptions, progress: ProgressReporter, executor: any ToolExecutor = LocalExecutor()) {
        self.options = options
        self.progress = progress
        self.executor = executor
    }

    /// Runs the whole job.
    /// - Returns: the summary; `selected` is nil when no variant passed (the caller exits 3).
    /// - Throws: `PipelineError` (bad input → exit 2, anything else → 1), `CancellationError`.
    public func run() async throws -> RunSummary {
        let started = Date()
        let planStart = ContinuousClock.now
        let setup = try await RunSetup.prepare(options)
        let lock = try setup.folder.lock()
        defer { lock.release() }
        let (factory, planner) = try await Self.plan(setup)
        let recipe = setup.recipe
        let forms = setup.suite.forms().count
        let plan = factory.plan
        progress.stage("plan: \(recipe.model.name) at revision \(setup.source.revision.prefix(12)), ladder \(recipe.ladder.map(\.name).joined(separator: " ")), \(forms) prompt\(forms == 1 ? "" : "s") per variant, \(recipe.evaluation.mode.rawValue) mode\(plan.baselineNote.map { "; \($0)" } ?? "")")
        for warning in plan.warnings { progress.stage("warning: \(warning)") }
        try planner.disk.check(folder: setup.folder.root)

        let ledger = ToolLedger()
        let context = RunContext(toolchain: setup.toolchain, executor: executor, folder: setup.folder, ledger: ledger,
                                 progress: progress, threads: recipe.server.threads)
        context.time("plan", since: planStart)
        let outputs: RunOutputs
        switch recipe.executor {
        case .local:
            outputs = try await factory.walk(StepExecutor(context: context))
        case let .slurm(settings):
            outputs = try await SlurmRun(settings: settings, setup: setup, options: options, factory: factory, planned: planner.steps,
                                         context: context).walk()
        }

        let scoring = ContinuousClock.now
        let results = try VariantResults.gather(factory: factory, outputs: outputs)
        let baselineAnswers = results[0].answers
        let noiseFloor = results[0].secondPass.map { Scorer.noiseFloor(suite: setup.suite, first: baselineAnswers, second: $0) }
        let decision = SelectionPolicy(acceptance: recipe.acceptance, noiseFloorFlips: noiseFloor?[.flips]?.value)
            .decide(results.dropFirst().map(\.measurements), baseline: results[0].measurements)
        context.time("score and select", since: scoring)

        let runID = RunID.make(date: started)
        let search = Self.searchInfo(factory: factory, outputs: outputs)
        guard let kldBase = outputs.kldBase else { throw PipelineError.io("the KLD base step produced nothing") }
        let report = ReportBuilder(recipe: recipe, source: setup.source, modelSlug: setup.modelSlug, suite: setup.suite,
                                   toolchain: setup.toolchain, slots: factory.slots, baselineNote: plan.baselineNote)
            .build(runID: runID, createdAt: started, results: results, kldBase: kldBase, domainCorpus: factory.domainCorpus(outputs),
                   decision: decision,
                   noiseFloor: noiseFloor, stageTimings: context.timings, search: search)
        for note in report.notes ?? [] { progress.stage("warning: \(note)") }
        let answersFiles = try writeRunAnswers(results: results, folder: setup.folder, runID: runID)
        let outcome: CommitOutcome
        do {
            let repository = try ResultsRepository(openingOrCreatingAt: setup.resultsURL)
            outcome = try repository.commit(report, answersFiles: answersFiles)
        } catch {
            throw PipelineError.io("cannot commit the report to \(setup.resultsURL.path): \(error)")
        }
        progress.stage(outcome.created ? "commit: \(outcome.commit.prefix(12)) tagged \(outcome.tag)"
                                       : "commit: identical report already committed as \(outcome.commit.prefix(12)) (\(outcome.tag))")
        progress.stage(decision.selected.map { "selected \($0): \(decision.why)" } ?? "nothing selected: \(decision.why)")
        for note in decision.notes { progress.stage("note: \(note)") }
        let tokens = Dictionary(uniqueKeysWithValues: results.map { result in
            (result.name, (result.answers + (result.secondPass ?? [])).reduce(0) { $0 + $1.completionTokens })
        })
        let ledgerRecord = RunLedger(wallSeconds: Date().timeIntervalSince(started), llamaCppSeconds: ledger.totalSeconds,
                                     processes: ledger.all, quantorchPeakRSSBytes: ProcessStatus.peakResidentBytes(getpid()),
                                     completionTokens: tokens)
        try? AtomicFile.writeJSON(ledgerRecord, to: setup.folder.revisionFolder.appending(path: "runs/\(runID)/ledger.json"))

        return RunSummary(results: results, decision: decision, setup: setup, report: report, search: search, commit: outcome,
                          cached: ledger.all.isEmpty)
    }

    /// The plan of `setup`'s run: every refusal that needs no tool, then each step's state and
    /// the disk the steps not done will write.
    /// - Throws: `PipelineError.badInput` for a recipe the plan refuses.
    static func plan(_ setup: RunSetup) async throws -> (StageFactory, Planner) {
        let factory = try Self.factory(setup)
        let planner = Planner(records: StageRecords(folder: setup.folder))
        _ = try await factory.walk(planner)
        return (factory, planner)
    }

    /// The stage factory of `setup`'s run, after the plan's refusals.
    /// - Throws: `PipelineError.badInput` for a recipe the plan refuses.
    static func factory(_ setup: RunSetup) throws -> StageFactory {
        var plan = try RunPlan.make(recipe: setup.recipe, source: setup.source, modelSlug: setup.modelSlug, revisionField: setup.revisionField)
        // What `suite check` finds (a question that can count in no accuracy, a sampling
        // temperature above 0, …) is warned before any work.
        plan.warnings += SuiteLint.findings(setup.suite).map { "\(setup.recipe.evaluation.suite.path): \($0)" }
        return StageFactory(recipe: setup.recipe, suite: setup.suite, source: setup.source, folder: setup.folder, plan: plan,
                            endpointClient: setup.endpointClient)
    }

    /// Which local variants were asked the suite: in the search's order, else the ladder's.
    static func searchInfo(factory: StageFactory, outputs: RunOutputs) -> SearchInfo {
        let local = factory.recipe.localVariants.map(\.name)
        return SearchInfo(mode: factory.recipe.search.rawValue,
                          evaluated: outputs.search.map(\.order) ?? local.filter { outputs.serves[$0] != nil },
                          exhaustive: local.count)
    }

    /// This run's answers only (pass 1, and the noise-floor pass of the baseline), one file per
    /// variant, for the results repository: the work folder's logs may also hold older variants'.
    private func writeRunAnswers(results: [VariantResult], folder: WorkFolder, runID: String) throws -> [URL] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try results.filter { $0.notEvaluated == nil }.map { result in
            let records = result.answers + (result.secondPass ?? [])
            let lines = try records.map { String(decoding: try encoder.encode($0), as: UTF8.self) + "\n" }.joined()
            let url = folder.revisionFolder.appending(path: "runs/\(runID)/answers/\(Variant.answersFileName(of: result.name))")
            try AtomicFile.write(Data(lines.utf8), to: url)
            return url
        }
    }
}
