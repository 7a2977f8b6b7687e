import Foundation

extension WorkFolder {
    /// `<root>/<slug>/<revision>/quantorch.lock`: held by the run using this revision's folder.
    var lockFile: URL { revisionFolder.appending(path: "quantorch.lock") }

    /// Takes this revision's folder for the whole run. Two runs on one revision would delete
    /// each other's partial files and append the same answers twice to one log, so the second
    /// one is refused at once rather than queued behind a run that may take hours.
    /// - Returns: the lock; release it when the run ends (the kernel does if the process dies).
    /// - Throws: `PipelineError.workFolderBusy` naming the holder's PID, `PipelineError.io`.
    func lock() throws -> ProcessLock {
        do throws(ProcessLock.Failure) { return try ProcessLock.acquire(lockFile) } catch {
            switch error {
            case let .held(pid):
                let holder = pid.map { "another quantorch run (PID \($0))" } ?? "another quantorch run"
                throw PipelineError.workFolderBusy("\(holder) is using \(revisionFolder.path); wait for it or use another --work-dir")
            case let .io(reason):
                throw PipelineError.io("cannot lock the work folder \(revisionFolder.path) (\(lockFile.lastPathComponent)): \(reason)")
            }
        }
    }
}
