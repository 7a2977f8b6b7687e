import Foundation
import LlamaTools

/// The steps of a run with `executor: {kind: slurm}`: every step the plan lists as not done is
/// submitted at once, each job after the ones it needs, then the walk waits for each in order;
/// whatever is still queued when the walk ends, fails or is interrupted is cancelled.
struct SlurmRun {
    let settings: SlurmSettings
    let setup: RunSetup
    let options: RunOptions
    let factory: StageFactory
    let planned: [PlannedStep]
    let context: RunContext

    /// - Throws: what the walk throws (``SlurmController``, ``SharedFolderCheck``);
    ///   `PipelineError.toolFailed` when Slurm's commands are missing.
    func walk() async throws -> RunOutputs {
        let client = try SlurmClient.locate(environment: setup.environment)
        let graph = StepGraph(factory: factory)
        let catalog = graph.catalog
        let order = StepOrder(recipe: setup.recipe.file.path, revision: setup.source.revision, workDirectory: setup.folder.root.path,
                              llamaCpp: options.llamaCpp?.path, maxSizeBytes: options.maxSizeBytes, step: "")
        let controller = SlurmController(
            client: client, settings: settings, graph: graph, folder: ClusterFolder(folder: setup.folder), order: order,
            quantorch: try Self.executable(), inputs: Self.inputs(setup), workRoot: setup.folder.root, cpus: settings.cpusPerTask ?? setup.recipe.server.threads,
            progress: context.progress, done: Set(planned.filter { $0.state == .done }.map(\.step)))
        do {
            try await controller.adoptJobs()
            try await controller.submit(planned.filter { $0.state != .done }.compactMap { catalog[$0.step] }.filter(graph.submittedUpfront))
            let outputs = try await factory.walk(SlurmStepVisitor(context: context, controller: controller, catalog: catalog))
            let unused = await controller.cancelRemaining()
            if !unused.isEmpty { context.progress.stage("slurm: cancelled job \(unused.joined(separator: ", ")), which the run did not need") }
            return outputs
        } catch {
            // The run's task may be cancelled (Ctrl-C); scancel must still run.
            let cancelled = await Task.detached { await controller.cancelRemaining() }.value
            if !cancelled.isEmpty { context.progress.stage("slurm: cancelled job \(cancelled.joined(separator: ", "))") }
            throw error
        }
    }

    /// What every job reads besides the work folder, by the field that names it.
    static func inputs(_ setup: RunSetup) -> [(what: String, path: URL)] {
        let recipe = setup.recipe
        var inputs: [(what: String, path: URL)] = [("the recipe", recipe.file), ("model.source", recipe.model.source),
                                                   ("evaluation.suite", recipe.evaluation.suite), ("perplexity.corpus", recipe.perplexity.corpus)]
        if let imatrix = recipe.imatrix, let file = imatrix.userFile { inputs.append((imatrix.isDomain ? "imatrix.extra" : "imatrix.corpus", file)) }
        for (index, entry) in recipe.ladder.enumerated() {
            if case let .gguf(file) = entry.kind { inputs.append(("ladder[\(index)].gguf", file)) }
        }
        if let bin = setup.toolchain.binDirectory { inputs.append(("the llama.cpp build", bin)) }
        return inputs
    }

    /// This quantorch executable's path, which every job runs.
    static func executable() throws -> URL {
        do { return URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) } catch {
            throw PipelineError.io("cannot find this quantorch executable's path (/proc/self/exe) for the Slurm jobs: \(error.localizedDescription)")
        }
    }
}
