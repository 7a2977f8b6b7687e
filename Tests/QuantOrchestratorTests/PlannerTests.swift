import Foundation
import LlamaTools
import Testing
@testable import QuantOrchestrator

/// `quantorch plan`'s steps and disk over real records in a sandbox work folder.
@Suite struct PlannerTests {
    @Test func aFreshRunWritesTheMasterEveryQuantAndTheKLDBase() async throws {
        let sandbox = try PlanSandbox()
        defer { sandbox.remove() }
        let (steps, disk) = try await sandbox.steps(try sandbox.load(try sandbox.recipe()))
        #expect(steps.map(\.step) == ["convert", "corpus length", "quantize Q8_0", "quantize Q4_K_M", "kld base",
                                      "serve F16", "domain kld base", "kld Q8_0", "domain kld Q8_0", "kld Q4_K_M", "domain kld Q4_K_M",
                                      "serve Q8_0 (if the search needs it)", "serve Q4_K_M (if the search needs it)", "divergence"])
        #expect(steps[0].state == .toRun && steps.dropFirst().allSatisfy { $0.state == .waiting })
        #expect(disk.items.map(\.label) == ["master GGUF", "Q8_0", "Q4_K_M", "KLD base"])

        let exhaustive = try await sandbox.steps(try sandbox.load(try sandbox.recipe(extra: "search: exhaustive"))).0
        #expect(exhaustive.suffix(3).map(\.step) == ["serve Q8_0", "serve Q4_K_M", "divergence"])
    }

    @Test func finishedStepsAreNotCountedAndAnImatrixMakesEveryQuantAgain() async throws {
        let sandbox = try PlanSandbox()
        defer { sandbox.remove() }
        let master = sandbox.root.appending(path: "master.gguf")
        try Data("GGUF".utf8).write(to: master)
        let masterRecord = try ArtifactRecord.of(master, toolSeconds: 0)
        try sandbox.saveRecord(masterRecord, "convert")
        let recipe = try sandbox.load(try sandbox.recipe())
        let folder = WorkFolder(root: sandbox.work, modelSlug: "acme", revision: "r1")
        let q8 = QuantizeStage(entry: recipe.ladder[1], type: try QuantType(parsing: "Q8_0"), tensorTypes: [], master: masterRecord,
                               importanceMatrix: nil, folder: folder, estimate: 0)
        try sandbox.saveRecord(masterRecord, q8.recordName)

        let (steps, disk) = try await sandbox.steps(recipe)
        #expect(steps.first { $0.step == "quantize Q8_0" }?.state == .done)
        #expect(steps.first { $0.step == "quantize Q4_K_M" }?.state == .toRun)
        #expect(disk.items.map(\.label) == ["Q4_K_M", "KLD base"])

        let withImatrix = try sandbox.load(try sandbox.recipe(extra: "imatrix: {corpus: corpus.txt}"))
        let (after, afterDisk) = try await sandbox.steps(withImatrix)
        #expect(after.first { $0.step == "imatrix" }?.state == .toRun)
        #expect(after.first { $0.step == "quantize Q8_0" }?.state == .waiting, "a Q8_0 made without the imatrix is not the one asked for")
        #expect(afterDisk.items.map(\.label) == ["Q8_0", "Q4_K_M", "KLD base"])
    }
}
