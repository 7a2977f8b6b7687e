/// What happens to each step of ``StageFactory/walk(_:)``: the loop runs it, the planner
/// describes it. Both see the same stages, built from the same outputs, so a plan names the
/// records a run will write.
protocol StepVisitor {
    /// Visits one step's stage.
    /// - Parameters:
    ///   - stage: the stage, or nil when an earlier step has not produced its inputs yet
    ///     (only while planning).
    ///   - label: the step's name when `stage` is nil.
    ///   - writes: what the step will write when `stage` is nil, estimated.
    /// - Returns: the stage's record, or nil when it has none yet (only while planning).
    func visit<S: Stage>(_ stage: S?, label: String, writes: [DiskPlan.Item]) async throws -> S.Record?
    /// A decision the walk made that no stage shows (which rungs the search asks next): a run
    /// prints it, a plan has none to print.
    func note(_ line: String)
}

/// Runs each step through ``RunContext/cached(_:)``.
struct StepExecutor: StepVisitor {
    let context: RunContext

    func visit<S: Stage>(_ stage: S?, label: String, writes: [DiskPlan.Item]) async throws -> S.Record? {
        guard let stage else { throw PipelineError.io("\(label) cannot start: a step before it produced nothing") }
        return try await context.cached(stage)
    }

    func note(_ line: String) {
        context.progress.stage(line)
    }
}
