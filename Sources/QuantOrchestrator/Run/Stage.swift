import Foundation

/// One unit of a run's work that leaves a record, so a re-run can skip it.
///
/// A stage is a value built from its inputs; `recordName` carries a key derived from them
/// (sha256 prefixes of upstream artifacts and settings), so a changed input names a new
/// record and the old work is kept. ``RunContext/cached(_:)`` is the one place that loads,
/// verifies, runs, saves and times a stage. `writes` is what the disk plan sums over the
/// stages that have no record yet.
protocol Stage: Sendable {
    /// What the stage leaves in `records/<recordName>.json`.
    associatedtype Record: Codable & Sendable & Equatable

    /// The record's name: the stage and the key of its inputs, e.g. `quantize-Q4_K_M-<key>`.
    var recordName: String { get }
    /// How progress lines and `quantorch plan` name the stage, e.g. "quantize Q4_K_M".
    var label: String { get }
    /// The files the stage will write, with estimated sizes.
    var writes: [DiskPlan.Item] { get }

    /// The saved record when what it describes is still there and intact (rehashing files as
    /// needed), possibly refreshed (a new modification time); nil to run the stage again.
    /// - Throws: a `PipelineError` when the stage must not be re-run either (a user's file
    ///   changed under a record that cannot be remade).
    func reuse(_ record: Record, in context: RunContext) throws -> Record?
    /// The progress line's text after the label when `record` is reused.
    func reusedLine(_ record: Record) -> String
    /// Does the work and returns its record (saved by the caller).
    /// - Throws: `PipelineError`, a LlamaTools error, or `CancellationError`.
    func run(in context: RunContext) async throws -> Record
}

extension Stage {
    var writes: [DiskPlan.Item] { [] }
    func reuse(_ record: Record, in context: RunContext) throws -> Record? { record }
    func reusedLine(_ record: Record) -> String { "reused" }
}
