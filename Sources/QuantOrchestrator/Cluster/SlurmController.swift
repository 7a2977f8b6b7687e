import Foundation
import LlamaTools

/// Runs a run's steps as Slurm batch jobs and follows them: each job runs `quantorch step FILE`
/// (``StepRunner``) on a node and leaves its record in the shared work folder; the controller
/// submits them with `afterok` dependencies along ``StepGraph``, waits for the one the walk
/// needs next, shows the jobs' states as they change, and cancels what is left when the run
/// stops.
///
/// The job ids go into `slurm/jobs.json` as they are submitted, so a controller started after
/// one that died adopts the jobs Slurm still lists under their own names instead of submitting
/// them again; a step whose record exists is never submitted. A job that ends without its
/// record fails the run with its state and the end of its log, except after NODE_FAIL or
/// PREEMPTED, which are tried once more, and after a cancellation for a failed dependency
/// that has since been retried.
actor SlurmController {
    private let client: SlurmClient
    private let settings: SlurmSettings
    private let graph: StepGraph
    private let folder: ClusterFolder
    /// The order every job gets, with its own step filled in.
    private let order: StepOrder
    private let quantorch: URL
    /// What every job reads, by what it is ("evaluation.suite"), checked on a node first.
    private let inputs: [(what: String, path: URL)]
    private let workRoot: URL
    private let cpus: Int
    private let progress: ProgressReporter
    private let pollInterval: Duration
    private var registry: JobRegistry
    /// The last state seen of each job of the registry, by job id.
    private var seen: [String: SlurmJobState] = [:]
    /// Steps whose records exist: found by the plan, or written by a job of this run.
    private var done: Set<String>
    /// Steps resubmitted after Slurm cancelled them for a dependency that was then retried.
    private var resubmittedForDependency: Set<String> = []
    /// Jobs whose end was already judged (or that an earlier controller left ended): their step
    /// needs a new job.
    private var settled: Set<String> = []
    private var folderChecked = false

    /// - Parameters:
    ///   - done: labels of the steps whose records exist already.
    ///   - quantorch: this executable, which the jobs run (it must be where nodes see it).
    init(client: SlurmClient, settings: SlurmSettings, graph: StepGraph, folder: ClusterFolder, order: StepOrder, quantorch: URL,
         inputs: [(what: String, path: URL)], workRoot: URL, cpus: Int, progress: ProgressReporter, done: Set<String>, pollInterval: Duration = .seconds(2)) {
        self.client = client
        self.settings = settings
        self.graph = graph
        self.folder = folder
        self.order = order
        self.quantorch = quantorch
        self.inputs = inputs
        self.workRoot = workRoot
        self.cpus = cpus
        self.progress = progress
        self.done = done
        self.pollInterval = pollInterval
        registry = JobRegistry.load(folder.registry)
    }

    /// Keeps the registry's jobs that Slurm still lists, under the name quantorch gave them, as
    /// not ended, and forgets the others (their steps are submitted again when needed).
    /// - Throws: `PipelineError.toolFailed` when squeue fails.
    func adoptJobs() async throws {
        let listed = try await client.states(of: registry.jobs.values.map(\.id))
        for (label, entry) in registry.jobs {
            if !done.contains(label), let (state, name) = listed[entry.id], name == entry.name, !state.isEnded {
                seen[entry.id] = state
                progress.stage("slurm: \(label) is still job \(entry.id) (\(state)); waiting for it")
            } else {
                seen[entry.id] = .forgotten
                settled.insert(entry.id)
            }
        }
    }

    /// Submits a job for each of `steps` that has no record and no job running it, each after
    /// the jobs it needs (submitted first when they have none).
    func submit(_ steps: [Step]) async throws {
        for step in steps { _ = try await ensure(step) }
    }

    /// Waits for `step`'s job, submitting it first when none runs it, until it ends.
    /// - Parameter hasRecord: whether the step's record exists now.
    /// - Returns: what the job reported (its processes and time), nil when it left no report.
    /// - Throws: `PipelineError.toolFailed` with the job's state and the end of its log when it
    ///   ended without the record; `CancellationError` when the run is stopped.
    func complete(_ step: Step, hasRecord: @Sendable () -> Bool) async throws -> StepJobResult? {
        let label = step.label
        while true {
            if done.contains(label) { return result(label) }
            // A job that ended while the walk waited for an earlier step is judged, not replaced.
            let id: String
            if let entry = registry.jobs[label], !settled.contains(entry.id) {
                id = entry.id
            } else {
                id = try await submitJob(step)
            }
            let state = try await waitForEnd(of: id)
            settled.insert(id)
            if hasRecord() {
                done.insert(label)
                return result(label)
            }
            if state.isRetryable, let entry = registry.jobs[label], entry.retries == 0 {
                registry.jobs[label]?.retries = 1
                progress.stage("slurm: \(label) (job \(id)) ended \(state); submitting it once more")
                continue
            }
            if state.isCancelledForDependency, !resubmittedForDependency.contains(label) {
                // Reached by the walk, so what it waited for has its record now.
                resubmittedForDependency.insert(label)
                continue
            }
            throw PipelineError.toolFailed("\(label): Slurm job \(id) ended \(state) without writing its record; the end of its log \(folder.log(label).path):\n\(folder.logTail(label))")
        }
    }

    /// Cancels every job of the registry that has not ended and waits (up to ten seconds) for
    /// Slurm to list them as ended.
    /// - Returns: the ids cancelled.
    func cancelRemaining() async -> [String] {
        let live = registry.jobs.values.map(\.id).filter { !(seen[$0]?.isEnded ?? true) }
        guard !live.isEmpty else { return [] }
        await client.cancel(live)
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            let states = (try? await client.states(of: live)) ?? [:]
            if live.allSatisfy({ states[$0].map(\.state.isEnded) ?? true }) { break }
            try? await Task.sleep(for: .milliseconds(500))
        }
        for id in live { seen[id] = SlurmJobState(name: "CANCELLED") }
        return live.sorted { $0.count != $1.count ? $0.count < $1.count : $0 < $1 }
    }

    /// The id of the job that runs `step`: nil when its record exists, the live job's, or a new
    /// job's, submitted after those of the steps it needs.
    private func ensure(_ step: Step) async throws -> String? {
        let label = step.label
        if done.contains(label) { return nil }
        if let entry = registry.jobs[label], let state = seen[entry.id], !state.isEnded { return entry.id }
        return try await submitJob(step)
    }

    /// Submits `step` after the jobs of the steps it needs (submitted first when they have none).
    private func submitJob(_ step: Step) async throws -> String {
        let needs = graph.dependencies(of: step)
        var dependencies: [String] = []
        for dependency in needs {
            if let id = try await ensure(dependency) { dependencies.append(id) }
        }
        if !folderChecked {
            try await SharedFolderCheck(client: client, settings: settings, cpus: cpus, folder: folder, workRoot: workRoot,
                                        recipe: order.recipe, inputs: inputs + [("the quantorch executable", quantorch)], progress: progress).run()
            folderChecked = true
        }
        let label = step.label
        var order = self.order
        order.step = label
        do {
            try AtomicFile.writeJSON(order, to: folder.order(label))
            if FileManager.default.fileExists(atPath: folder.result(label).path) { try FileManager.default.removeItem(at: folder.result(label)) }
        } catch {
            throw PipelineError.io("cannot write the step file \(folder.order(label).path): \(error.localizedDescription)")
        }
        let job = SlurmJob(name: "quantorch-\(ClusterFolder.slug(label))", command: [quantorch.path, "step", folder.order(label).path],
                           log: folder.log(label), workingDirectory: workRoot, dependencies: dependencies, settings: settings, cpus: cpus)
        let id: String
        do { id = try await client.submit(job) } catch let error as SlurmSubmitError {
            throw PipelineError.sbatch(error, job: job.name, recipe: order.recipe)
        }
        registry.jobs[label] = JobRegistry.Entry(id: id, name: job.name, retries: registry.jobs[label]?.retries ?? 0, after: needs.map(\.label))
        try registry.save(folder.registry)
        seen[id] = SlurmJobState(name: "PENDING")
        progress.stage("slurm: \(label) submitted as job \(id)" + (dependencies.isEmpty ? "" : ", after job \(dependencies.joined(separator: ", "))"))
        return id
    }

    /// Polls every job not yet ended until `id` has ended, printing each change of state (and
    /// of the reason `id` waits).
    /// - Throws: `PipelineError.badInput` when Slurm will never start `id` (``SlurmJobState/neverStarts``).
    private func waitForEnd(of id: String) async throws -> SlurmJobState {
        while true {
            try await refresh(awaiting: id)
            if let state = seen[id], state.isEnded { return state }
            if let state = seen[id], state.neverStarts {
                let label = registry.jobs.first { $0.value.id == id }?.key ?? id
                throw PipelineError.neverStarts(state, job: id, what: label, recipe: order.recipe)
            }
            try await Task.sleep(for: pollInterval)
        }
    }

    private func refresh(awaiting awaited: String) async throws {
        let labels = Dictionary(registry.jobs.map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let live = labels.keys.filter { !(seen[$0]?.isEnded ?? false) }.sorted()
        let listed = try await client.states(of: live)
        for id in live {
            var state = listed[id]?.state ?? .forgotten
            if state.isEnded, state.name != "COMPLETED" { state = await client.finalState(of: id) ?? state }
            // A change of reason alone (Priority, Resources) is worth a line only for the job
            // the run waits for.
            let changed = state.name != seen[id]?.name || (id == awaited && state.reason != seen[id]?.reason)
            seen[id] = state
            if changed { progress.stage("slurm: \(labels[id] ?? id) (job \(id)) \(state)") }
        }
    }

    /// The report a job wrote after its step, if any.
    private func result(_ label: String) -> StepJobResult? {
        FileManager.default.contents(atPath: folder.result(label).path).flatMap { try? JSONDecoder().decode(StepJobResult.self, from: $0) }
    }
}
