import Foundation

/// Describes each step of a run without running any: whether its record exists, and what it
/// will write. The disk plan is the sum over the steps not done.
final class Planner: StepVisitor {
    let records: StageRecords
    private(set) var steps: [PlannedStep] = []

    init(records: StageRecords) {
        self.records = records
    }

    func visit<S: Stage>(_ stage: S?, label: String, writes: [DiskPlan.Item]) async throws -> S.Record? {
        guard let stage else {
            steps.append(PlannedStep(step: label, record: nil, state: .waiting, writesBytes: writes.reduce(0) { $0 + $1.bytes }))
            pending += writes
            return nil
        }
        if let record = records.load(S.Record.self, stage.recordName) {
            steps.append(PlannedStep(step: stage.label, record: stage.recordName, state: .done, writesBytes: 0))
            return record
        }
        steps.append(PlannedStep(step: stage.label, record: stage.recordName, state: .toRun,
                                 writesBytes: stage.writes.reduce(0) { $0 + $1.bytes }))
        pending += stage.writes
        return nil
    }

    func note(_ line: String) {}

    private var pending: [DiskPlan.Item] = []

    /// The files the steps not done will write.
    var disk: DiskPlan { DiskPlan(items: pending) }
}
