import Foundation
import LlamaTools

/// Where a Slurm run keeps its jobs' files, in the model revision's work folder (which every
/// node sees): `slurm/jobs.json` (the job ids submitted, so a new controller finds them),
/// `slurm/steps/<step>.json` (what each job runs), `slurm/logs/<step>.log` (its output) and
/// `slurm/results/<step>.json` (what it launched and for how long), and `slurm/checks/` (the
/// shared-folder check's markers).
struct ClusterFolder: Sendable {
    let root: URL

    init(folder: WorkFolder) {
        root = folder.revisionFolder.appending(path: "slurm", directoryHint: .isDirectory)
    }

    var registry: URL { root.appending(path: "jobs.json") }
    var checks: URL { root.appending(path: "checks", directoryHint: .isDirectory) }
    func order(_ label: String) -> URL { root.appending(path: "steps/\(Self.slug(label)).json") }
    func log(_ label: String) -> URL { root.appending(path: "logs/\(Self.slug(label)).log") }
    func result(_ label: String) -> URL { root.appending(path: "results/\(Self.slug(label)).json") }

    /// A step's label as a file and job name: "domain kld Q4_K_M" → "domain-kld-Q4_K_M". A label
    /// with other characters (a user's variant name) keeps the safe ones and gains a hash of the
    /// whole, so two names never share a file.
    static func slug(_ label: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        let dashed = label.replacingOccurrences(of: " ", with: "-")
        let safe = String(dashed.map { allowed.contains($0) ? $0 : "_" })
        return safe == dashed ? safe : "\(safe)-\(WorkFolder.key([label]).prefix(8))"
    }

    /// The last `count` lines of a job's log, for an error message; "(no log)" when absent.
    func logTail(_ label: String, lines count: Int = 12) -> String {
        guard let data = FileManager.default.contents(atPath: log(label).path), !data.isEmpty else { return "(no log at \(log(label).path))" }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        return lines.suffix(count + 1).joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
