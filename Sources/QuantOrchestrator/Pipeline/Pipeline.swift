import Evaluation
import Foundation
import LlamaTools
import Reports

/// `quantorch run`: recipe → plan → convert → quantize → KLD base → per variant (serve, suite,
/// stop, KLD) → metrics against the baseline → selection → reports → commit and tag.
///
/// Everything that can be checked without llama.cpp is checked first (recipe, suite, tools,
/// disk), so bad input fails in seconds. Each stage leaves a record in the work folder and
/// skips itself when its record is intact, so a re-run after success launches no llama.cpp
/// process and a re-run after a crash or Ctrl-C resumes where it stopped.
public struct Pipeline: Sendable {
    let options: RunOptions
    let progress: ProgressReporter

    /// - Parameters:
    ///   - options: the command line.
    ///   - progress: where stage lines go.
    public init(options: RunOptions, progress: ProgressReporter) {
        self.options = options
        self.progress = progress
    }

    /// Runs the whole job.
    /// - Returns: the summary; `selected` is nil when no variant passed (the caller exits 3).
    /// - Throws: `PipelineError` (bad input → exit 2, anything else → 1), `CancellationError`.
    public func run() async throws -> RunSummary {
        let started = Date()
        var timings: [StageTiming] = []
        var clock = ContinuousClock.now
        func lap(_ stage: String) {
            timings.append(StageTiming(stage: stage, seconds: clock.duration(to: .now).seconds))
            clock = .now
        }

        let recipe: Recipe
        do { recipe = try RecipeLoader.load(options.recipe, environment: options.environment) } catch {
            throw PipelineError.badInput(error.description)
        }
        let suite: Suite
        do { suite = try Suite.load(from: recipe.evaluation.suite) } catch {
            throw PipelineError.badInput("\(error)")
        }
        guard !suite.questions.isEmpty else {
            throw PipelineError.badInput("\(recipe.evaluation.suite.path): the suite has no questions")
        }
        guard suite.questions.contains(where: { !$0.keyFacts.isEmpty || $0.reference != nil }) else {
            throw PipelineError.badInput("\(recipe.evaluation.suite.path): no question has key_facts or a reference, so no answer could be judged right or wrong and a quant would pass on KLD alone; give the questions key_facts (names, formulas, or {number, rel_tol})")
        }
        guard suite.sampling.maxTokens < recipe.server.ctx else {
            throw PipelineError.badInput("\(recipe.evaluation.suite.path): field 'sampling.max_tokens' is \(suite.sampling.maxTokens), but the recipe's server.ctx is \(recipe.server.ctx) tokens, which must hold the prompt and the answer; expected max_tokens below server.ctx (\(recipe.file.path))")
        }
        let modelSlug: String
        do { modelSlug = try ModelSlug.make(recipe.model.name) } catch {
            throw PipelineError.badInput("\(recipe.file.path): field 'model.name': \(error)")
        }
        let toolchain = Toolchain.locate(explicit: options.llamaCpp, environment: options.environment)
        try requireTools(toolchain, recipe: recipe)

        let workRoot = options.workDirectory ?? recipe.workDirectory ?? QuantorchHome(environment: options.environment).defaultWorkDirectory
        let resultsURL = options.resultsRepository ?? recipe.resultsRepository
            ?? options.environment["QUANTORCH_RESULTS"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appending(path: "results")
        try checkFolder(workRoot, named: options.workDirectory != nil ? "--work-dir" : recipe.workDirectory != nil ? "work.dir" : "the work folder",
                        mayHoldOtherFiles: true)
        try checkFolder(resultsURL, named: options.resultsRepository != nil ? "--results-repo" : recipe.resultsRepository != nil ? "results.repo" : "the results repository",
                        mayHoldOtherFiles: false)
        let source = try await SourceResolver(exportRoot: WorkFolder.sourcesFolder(root: workRoot))
            .resolve(source: recipe.model.source, revision: options.revision ?? recipe.model.revision)
        let folder = WorkFolder(root: workRoot, modelSlug: modelSlug, revision: source.revision)
        let lock = try folder.lock()
        defer { lock.release() }
        let records = StageRecords(folder: folder)
        let plan = try RunPlan.make(recipe: recipe, source: source, modelSlug: modelSlug,
                                    revisionField: options.revision != nil ? "--revision" : "model.revision", finished: records.names())
        progress.stage("plan: \(recipe.model.name) at revision \(source.revision.prefix(12)), ladder \(recipe.ladder.map(\.name).joined(separator: " ")), \(suite.forms().count) prompt\(suite.forms().count == 1 ? "" : "s") per variant, \(recipe.evaluation.mode.rawValue) mode\(plan.baselineNote.map { "; \($0)" } ?? "")")
        for warning in plan.warnings { progress.stage("warning: \(warning)") }
        try plan.disk.check(folder: workRoot)
        lap("plan")

        let ledger = ToolLedger()
        let threads = recipe.server.threads
        let master = try await ConvertStage(toolchain: toolchain, folder: folder, records: records, ledger: ledger, disk: plan.disk)
            .run(source: source, baseline: recipe.ladder[0], progress: progress)
        try await CorpusLength(toolchain: toolchain, folder: folder, records: records)
            .check(recipe.perplexity, master: master, recipeFile: recipe.file)
        lap("convert")
        var imatrix: ArtifactRecord?
        if let settings = recipe.imatrix {
            imatrix = try await ImatrixStage(toolchain: toolchain, folder: folder, records: records, ledger: ledger, threads: threads)
                .run(master: master, settings: settings, progress: progress)
            lap("imatrix")
        }
        let artifacts = try await QuantizeStage(toolchain: toolchain, folder: folder, records: records, ledger: ledger, threads: threads, disk: plan.disk)
            .run(master: master, ladder: recipe.ladder, importanceMatrix: imatrix, progress: progress)
        lap("quantize")
        let baselineType = recipe.ladder[0]
        guard let baselineArtifact = artifacts[baselineType] else { throw PipelineError.io("the baseline \(baselineType.name) was not produced") }
        let kldBase = try await KLDBaseStage(toolchain: toolchain, folder: folder, records: records, ledger: ledger, threads: threads, disk: plan.disk)
            .run(baseline: baselineArtifact, settings: recipe.perplexity, progress: progress)
        lap("kld base")

        let evaluationKey = WorkFolder.key([suite.sha256, recipe.evaluation.mode.rawValue,
                                            recipe.evaluation.mode == .parallel ? "\(recipe.server.slots)" : "1"])
        let stage = VariantEvaluationStage(toolchain: toolchain, folder: folder, records: records, ledger: ledger,
                                           recipe: recipe, suite: suite, evaluationKey: evaluationKey)
        var outcomes: [(QuantType, ArtifactRecord, VariantEvaluationStage.Outcome)] = []
        for (index, type) in recipe.ladder.enumerated() {
            guard let artifact = artifacts[type] else { throw PipelineError.io("\(type.name) was not produced") }
            let outcome = try await stage.run(type: type, artifact: artifact, isBaseline: index == 0, kldBase: kldBase, progress: progress)
            outcomes.append((type, artifact, outcome))
            if let seconds = outcome.answerSeconds { timings.append(StageTiming(stage: "answer \(type.name)", seconds: seconds)) }
            if let seconds = outcome.kldSeconds { timings.append(StageTiming(stage: "kld \(type.name)", seconds: seconds)) }
            clock = .now
        }

        let baselineAnswers = outcomes[0].2.answers
        let results = try outcomes.enumerated().map { index, item -> VariantResult in
            let (type, artifact, outcome) = item
            let bpw: Double
            do { bpw = try GGUFInfo.read(URL(fileURLWithPath: artifact.path)).bitsPerWeight } catch {
                throw PipelineError.toolFailed("\(artifact.path) cannot be read as GGUF: \(error)")
            }
            return VariantResult(type: type, isBaseline: index == 0, artifact: artifact, bitsPerWeight: bpw, outcome: outcome,
                                 score: Scorer.score(suite: suite, answers: outcome.answers, baseline: index == 0 ? nil : baselineAnswers))
        }
        let noiseFloor = outcomes[0].2.secondPass.map { Scorer.noiseFloor(suite: suite, first: baselineAnswers, second: $0) }
        let decision = SelectionPolicy(acceptance: recipe.acceptance, noiseFloorFlips: noiseFloor?["flips"]?.value)
            .decide(results.dropFirst().map(\.measurements), baseline: results[0].measurements)
        lap("score and select")

        let runID = RunID.make(date: started)
        let report = ReportBuilder(recipe: recipe, source: source, modelSlug: modelSlug, suite: suite, toolchain: toolchain, slots: stage.slots,
                                   baselineNote: plan.baselineNote)
            .build(runID: runID, createdAt: started, results: results, kldBase: kldBase, decision: decision,
                   noiseFloor: noiseFloor, stageTimings: timings)
        for note in report.notes ?? [] { progress.stage("warning: \(note)") }
        let answersFiles = try writeRunAnswers(results: results, folder: folder, runID: runID)
        let outcome: CommitOutcome
        do {
            let repository = try ResultsRepository(openingOrCreatingAt: resultsURL)
            outcome = try repository.commit(report, answersFiles: answersFiles)
        } catch {
            throw PipelineError.io("cannot commit the report to \(resultsURL.path): \(error)")
        }
        progress.stage(outcome.created ? "commit: \(outcome.commit.prefix(12)) tagged \(outcome.tag)"
                                       : "commit: identical report already committed as \(outcome.commit.prefix(12)) (\(outcome.tag))")
        progress.stage(decision.selected.map { "selected \($0): \(decision.why)" } ?? "no variant passed: \(decision.why)")
        let tokens = Dictionary(uniqueKeysWithValues: outcomes.map { type, _, outcome in
            (type.name, (outcome.answers + (outcome.secondPass ?? [])).reduce(0) { $0 + $1.completionTokens })
        })
        let ledgerRecord = RunLedger(wallSeconds: Date().timeIntervalSince(started), llamaCppSeconds: ledger.totalSeconds,
                                     processes: ledger.all, quantorchPeakRSSBytes: ProcessStatus.peakResidentBytes(getpid()),
                                     completionTokens: tokens)
        try? AtomicFile.writeJSON(ledgerRecord, to: folder.revisionFolder.appending(path: "runs/\(runID)/ledger.json"))

        return summary(recipe: recipe, modelSlug: modelSlug, source: source, results: results, decision: decision,
                       commit: outcome, resultsURL: resultsURL, cached: ledger.all.isEmpty)
    }

    /// Refuses, before any work, a folder argument that cannot be used: a file, or (for the
    /// results repository) a folder with other files that is not a git repository, which the
    /// run would otherwise turn into one after hours of evaluation.
    private func checkFolder(_ url: URL, named name: String, mayHoldOtherFiles: Bool) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw PipelineError.badInput("\(name): \(url.path) is a file; expected a folder (it is created when absent)")
        }
        if !mayHoldOtherFiles, !FileManager.default.fileExists(atPath: url.appending(path: ".git").path),
           !((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).isEmpty {
            throw PipelineError.badInput("\(name): \(url.path) holds files but is not a git repository; expected an empty folder or an existing results repository")
        }
    }

    private func requireTools(_ toolchain: Toolchain, recipe: Recipe) throws {
        do {
            for tool in [LlamaTool.server, .quantize, .perplexity, .tokenize] { _ = try toolchain.require(tool) }
            if recipe.imatrix != nil { _ = try toolchain.require(.imatrix) }
            if !recipe.sourceIsGGUF { _ = try toolchain.requireConverter() }
        } catch {
            throw PipelineError.toolFailed(error.description)
        }
    }

    /// This run's answers only (pass 1, and the noise-floor pass of the baseline), one file per
    /// variant, for the results repository: the work folder's logs may also hold older variants'.
    private func writeRunAnswers(results: [VariantResult], folder: WorkFolder, runID: String) throws -> [URL] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try results.map { result in
            let records = result.outcome.answers + (result.outcome.secondPass ?? [])
            let lines = try records.map { String(decoding: try encoder.encode($0), as: UTF8.self) + "\n" }.joined()
            let url = folder.revisionFolder.appending(path: "runs/\(runID)/answers/\(result.type.name).jsonl")
            try AtomicFile.write(Data(lines.utf8), to: url)
            return url
        }
    }

    private func summary(recipe: Recipe, modelSlug: String, source: ResolvedSource, results: [VariantResult],
                         decision: SelectionPolicy.Decision, commit: CommitOutcome, resultsURL: URL, cached: Bool) -> RunSummary {
        let selected = results.first { $0.type.name == decision.selected }.map {
            RunSummary.Selected(quantType: $0.type.name, file: $0.artifact.path, sha256: $0.artifact.sha256, sizeBytes: $0.artifact.sizeBytes)
        }
        let variants = results.map { result in
            let verdict = decision.verdicts[result.type.name]
            return RunSummary.Variant(quantType: result.type.name, sizeBytes: result.artifact.sizeBytes, bpw: result.bitsPerWeight,
                                      accepted: verdict?.accepted ?? false, accuracy: result.measurements.accuracy,
                                      kldMean: result.outcome.kld?.kldMean, flips: result.measurements.flips,
                                      reasons: result.isBaseline ? ["baseline"] : (verdict?.reasons ?? []))
        }
        return RunSummary(reportPath: commit.reportPath.path, resultsRepo: resultsURL.path, commit: commit.commit, tag: commit.tag,
                          model: .init(name: recipe.model.name, slug: modelSlug, revision: source.revision),
                          modelRevision: source.revision, selected: selected, variants: variants,
                          mode: recipe.evaluation.mode.rawValue, cached: cached)
    }
}
