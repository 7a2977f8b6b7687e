import Foundation
import LlamaTools
import Reports
import Synchronization

/// What every stage of one run is handed: the toolchain and the executor that launches its
/// tools, the work folder and its records, the ledger of launched processes, progress output
/// and the stage timings the report lists.
///
/// Cancellation is the task's own: SIGINT or SIGTERM cancels the run's root task, and
/// ``cached(_:)`` checks it before starting a stage.
final class RunContext: Sendable {
    let toolchain: Toolchain
    let executor: any ToolExecutor
    let folder: WorkFolder
    let records: StageRecords
    let ledger: ToolLedger
    let progress: ProgressReporter
    /// CPU threads for every tool (`server.threads`).
    let threads: Int
    private let timingList = Mutex<[StageTiming]>([])

    init(toolchain: Toolchain, executor: any ToolExecutor, folder: WorkFolder, ledger: ToolLedger, progress: ProgressReporter, threads: Int) {
        self.toolchain = toolchain
        self.executor = executor
        self.folder = folder
        records = StageRecords(folder: folder)
        self.ledger = ledger
        self.progress = progress
        self.threads = threads
    }

    /// The stage's record: the saved one when ``Stage/reuse(_:in:)`` accepts it (saved again
    /// when refreshed), else the one ``Stage/run(in:)`` returns, saved atomically and timed.
    /// - Throws: what the stage throws; `CancellationError` when the run was cancelled.
    func cached<S: Stage>(_ stage: S) async throws -> S.Record {
        if let record = try reused(stage) {
            progress.stage("\(stage.label): \(stage.reusedLine(record))")
            return record
        }
        try Task.checkCancellation()
        let start = ContinuousClock.now
        let record = try await stage.run(in: self)
        try records.save(record, stage.recordName)
        time(stage.label, since: start)
        return record
    }

    /// The saved record when ``Stage/reuse(_:in:)`` accepts it (saved again when refreshed),
    /// else nil: the stage must run (here, or in a Slurm job).
    /// - Throws: what `reuse` throws; `PipelineError.io` when the refreshed record cannot be saved.
    func reused<S: Stage>(_ stage: S) throws -> S.Record? {
        guard let saved = records.load(S.Record.self, stage.recordName), let record = try stage.reuse(saved, in: self) else { return nil }
        if record != saved { try records.save(record, stage.recordName) }
        return record
    }

    /// Adds a timing line for work done outside a stage (planning, scoring).
    func time(_ label: String, since start: ContinuousClock.Instant) {
        time(label, seconds: start.duration(to: .now).seconds)
    }

    /// Adds a timing line for a stage, as it reported it; `job` and `node` for one a Slurm job ran.
    func time(_ label: String, seconds: Double, job: String? = nil, node: String? = nil) {
        timingList.withLock { $0.append(StageTiming(stage: label, seconds: seconds, job: job, node: node)) }
    }

    /// The timings so far, in the order the work finished.
    var timings: [StageTiming] { timingList.withLock { $0 } }
}
