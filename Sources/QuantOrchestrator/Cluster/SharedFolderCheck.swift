import Foundation
import LlamaTools

/// Checks, before the first job of a run, that a node sees what the jobs need: the work folder
/// (a tiny job copies a marker file the controller wrote there to a second file, which the
/// controller then reads) and every input the jobs read (the recipe, its suite, corpora, model
/// and GGUF entries, the llama.cpp build, the quantorch executable). The job asks for the
/// recipe's resources but no GRES, so a request no node can meet is found here too. A work
/// folder on a login node's local disk fails here in seconds, not after the first real job.
struct SharedFolderCheck {
    let client: SlurmClient
    let settings: SlurmSettings
    let cpus: Int
    let folder: ClusterFolder
    let workRoot: URL
    /// The recipe's path, for messages.
    let recipe: String
    /// What the jobs read, by the field that names it.
    let inputs: [(what: String, path: URL)]
    let progress: ProgressReporter

    /// - Throws: `PipelineError.badInput` naming what the node could not see, or the request
    ///   Slurm will not start; `PipelineError.sbatch` when sbatch refuses the job.
    func run() async throws {
        let token = UUID().uuidString
        let marker = folder.checks.appending(path: token, directoryHint: .isDirectory)
        do {
            try FileManager.default.createDirectory(at: marker, withIntermediateDirectories: true)
            try AtomicFile.write(Data(token.utf8), to: marker.appending(path: "marker"))
        } catch {
            throw PipelineError.io("cannot write the shared-folder check's marker in \(marker.path): \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: marker) }
        let script = #"m=$1; shift; cat "$m/marker" > "$m/seen" || exit 1; i=0; for p in "$@"; do test -e "$p" || echo "$i" >> "$m/missing"; i=$((i + 1)); done"#
        var job = SlurmJob(name: "quantorch-check", command: ["/bin/sh", "-c", script, "check", marker.path] + inputs.map(\.path.path),
                           log: URL(fileURLWithPath: "/dev/null"), workingDirectory: URL(fileURLWithPath: "/"), dependencies: [],
                           settings: settings, cpus: cpus)
        job.usesGRES = false
        let id: String
        do { id = try await client.submit(job) } catch let error as SlurmSubmitError {
            throw PipelineError.sbatch(error, job: job.name, recipe: recipe)
        }
        progress.stage("slurm: checking with job \(id) that the nodes see the work folder \(workRoot.path) and the recipe's files")
        let state: SlurmJobState
        do { state = try await waitForEnd(id) } catch {
            // Cancelled (Ctrl-C) or never to start: the check job must not stay queued.
            let client = client
            await Task.detached { await client.cancel([id]) }.value
            throw error
        }
        let seen = FileManager.default.contents(atPath: marker.appending(path: "seen").path).map { String(decoding: $0, as: UTF8.self) }
        guard seen == token else {
            throw PipelineError.badInput("executor: the Slurm nodes do not see the work folder \(workRoot.path): the check job \(id) ended \(state) and its node could not read and write \(marker.path); put work.dir (or --work-dir) on storage every node mounts, such as a shared home or project file system")
        }
        let missing = (FileManager.default.contents(atPath: marker.appending(path: "missing").path).map { String(decoding: $0, as: UTF8.self) } ?? "")
            .split(separator: "\n").compactMap { Int($0) }.filter(inputs.indices.contains).map { inputs[$0] }
        guard missing.isEmpty else {
            throw PipelineError.badInput("\(recipe): the Slurm nodes do not see " + missing.map { "\($0.what) (\($0.path.path))" }.joined(separator: ", ")
                                         + "; every job reads them, so keep the recipe, its suite, corpora and model, the llama.cpp build and quantorch on storage every node mounts")
        }
        progress.stage("slurm: the nodes see the work folder and the recipe's files (check job \(id))")
    }

    private func waitForEnd(_ id: String) async throws -> SlurmJobState {
        var last: SlurmJobState?
        while true {
            var state = try await client.states(of: [id])[id]?.state ?? .forgotten
            if state.isEnded {
                if state.name != "COMPLETED" { state = await client.finalState(of: id) ?? state }
                return state
            }
            if state.neverStarts {
                throw PipelineError.neverStarts(state, job: id, what: "the shared-folder check, with the recipe's resources", recipe: recipe)
            }
            if state != last { progress.stage("slurm: check job \(id) \(state)") }
            last = state
            try await Task.sleep(for: .seconds(1))
        }
    }
}
