import Foundation
import LlamaTools
@testable import QuantOrchestrator

/// A work folder and a fresh `RunContext` per run over the real toolchain, so a test can run a
/// stage twice and count what each run launched.
struct StageHarness {
    let root: URL
    let folder: WorkFolder

    init(_ name: String) {
        root = FileManager.default.temporaryDirectory.appending(path: "qo-\(name)-\(UUID().uuidString.prefix(8))")
        folder = WorkFolder(root: root, modelSlug: "smollm2", revision: "shipped")
    }

    /// One run's context, its ledger and its progress lines.
    func context() -> (RunContext, ToolLedger, ProgressLines) {
        let ledger = ToolLedger(), lines = ProgressLines()
        return (RunContext(toolchain: Toolchain.locate(explicit: nil), executor: LocalExecutor(), folder: folder, ledger: ledger,
                           progress: lines.reporter, threads: 2), ledger, lines)
    }

    /// Runs `stage` through `RunContext.cached` in a new context.
    func cached<S: Stage>(_ stage: S) async throws -> (record: S.Record, launched: [String], lines: [String]) {
        let (context, ledger, lines) = context()
        let record = try await context.cached(stage)
        return (record, ledger.all.map(\.label), lines.all)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}
