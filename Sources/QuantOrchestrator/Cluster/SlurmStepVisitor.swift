import Foundation

/// The loop of a Slurm run: a step whose record is intact is reused, as in a local run; any
/// other step's job is awaited (``SlurmController/complete(_:hasRecord:)``) and its record then
/// read and verified here. An endpoint's answers are requested from here.
struct SlurmStepVisitor: StepVisitor {
    let context: RunContext
    let controller: SlurmController
    let catalog: [String: Step]

    func visit<S: Stage>(_ stage: S?, label: String, writes: [DiskPlan.Item]) async throws -> S.Record? {
        guard let stage else { throw PipelineError.io("\(label) cannot start: a step before it produced nothing") }
        guard let step = catalog[stage.label] else { return try await context.cached(stage) }
        if let record = try context.reused(stage) {
            context.progress.stage("\(stage.label): \(stage.reusedLine(record))")
            return record
        }
        let records = context.records
        let name = stage.recordName
        let result = try await controller.complete(step) { records.load(S.Record.self, name) != nil }
        guard let record = try context.reused(stage) else {
            throw PipelineError.io("\(stage.label): the record \(context.folder.record(name).path) its Slurm job wrote does not match its files")
        }
        if let result {
            context.ledger.append(result.processes)
            for timing in result.timings { context.time(timing.stage, seconds: timing.seconds, job: result.job, node: result.node) }
        }
        context.progress.stage("\(stage.label): done in a Slurm job" + (result.map { String(format: " (%.1f s", $0.seconds) + ($0.job.map { ", job \($0)" } ?? "") + ($0.node.map { " on \($0)" } ?? "") + ")" } ?? ""))
        return record
    }

    func note(_ line: String) {
        context.progress.stage(line)
    }
}
