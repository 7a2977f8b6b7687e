import Foundation
import LlamaTools

/// Checks, before the first job of a run, that a node sees what the jobs need: the work folder
/// (a tiny job copies a marker file the controller wrote there to a second file, which the
/// controller then reads), the recipe and the quantorch executable. A work folder on a login
/// node's local disk fails here in seconds, not after the first real job.
struct SharedFolderCheck {
    let client: SlurmClient
    let settings: SlurmSettings
    let folder: ClusterFolder
    let workRoot: URL
    let recipe: URL
    let quantorch: URL
    let progress: ProgressReporter

    /// - Throws: `PipelineError.badInput` naming what the node could not see;
    ///   `PipelineError.toolFailed` when sbatch refuses the job.
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
        let script = #"cat "$1/marker" > "$1/seen" || exit 1; test -r "$2" || echo recipe >> "$1/missing"; test -x "$3" || echo quantorch >> "$1/missing""#
        var job = SlurmJob(name: "quantorch-check", command: ["/bin/sh", "-c", script, "check", marker.path, recipe.path, quantorch.path],
                           log: URL(fileURLWithPath: "/dev/null"), workingDirectory: URL(fileURLWithPath: "/"), dependencies: [],
                           settings: settings, cpus: 1)
        job.usesGRES = false
        let id = try await client.submit(job)
        progress.stage("slurm: checking with job \(id) that the nodes see the work folder \(workRoot.path)")
        let state = try await waitForEnd(id)
        let seen = FileManager.default.contents(atPath: marker.appending(path: "seen").path).map { String(decoding: $0, as: UTF8.self) }
        guard seen == token else {
            throw PipelineError.badInput("executor: the Slurm nodes do not see the work folder \(workRoot.path): the check job \(id) ended \(state) and its node could not read and write \(marker.path); put work.dir (or --work-dir) on storage every node mounts, such as a shared home or project file system")
        }
        let missing = FileManager.default.contents(atPath: marker.appending(path: "missing").path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        if missing.contains("recipe") {
            throw PipelineError.badInput("executor: the Slurm nodes do not see the recipe \(recipe.path); every job reads it, so keep it (and its suite, corpus and model) on storage every node mounts")
        }
        if missing.contains("quantorch") {
            throw PipelineError.badInput("executor: the Slurm nodes cannot run \(quantorch.path), which every job runs; install quantorch on storage every node mounts and run it from there")
        }
    }

    private func waitForEnd(_ id: String) async throws -> SlurmJobState {
        var last: SlurmJobState?
        while true {
            var state = try await client.states(of: [id])[id]?.state ?? .forgotten
            if state.isEnded {
                if state.name != "COMPLETED" { state = await client.finalState(of: id) ?? state }
                return state
            }
            if state != last { progress.stage("slurm: check job \(id) \(state)") }
            last = state
            try await Task.sleep(for: .seconds(1))
        }
    }
}
