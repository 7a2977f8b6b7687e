import Foundation
import LlamaTools
import Testing
@testable import QuantOrchestrator

@Suite struct DiskPlanTests {
    func recipe() throws -> Recipe {
        let root = FileManager.default.temporaryDirectory.appending(path: "qo-disk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appending(path: "model"), withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: root.appending(path: "model/config.json"))
        try Data("name: s\n".utf8).write(to: root.appending(path: "suite.yaml"))
        try Data("text".utf8).write(to: root.appending(path: "corpus.txt"))
        let text = "model: {name: m, source: model}\nladder: [F16, Q8_0, Q4_K_M]\nevaluation: {suite: suite.yaml}\nperplexity: {corpus: corpus.txt, ctx: 128, chunks: 4}\n"
        try Data(text.utf8).write(to: root.appending(path: "r.yaml"))
        return try RecipeLoader.load(root.appending(path: "r.yaml"), environment: ["HOME": "/root"])
    }

    @Test func aFreshRunCountsTheMasterEveryQuantAndTheKLDBase() throws {
        let plan = DiskPlan.estimate(recipe: try recipe(), parameters: 100_000_000, vocabulary: 50_000, finished: [])
        #expect(plan.items.map(\.label) == ["master GGUF", "Q8_0", "Q4_K_M", "KLD base"])
        #expect(plan.items[0].bytes == 200_000_000)
        #expect(plan.items[1].bytes == 106_250_000)
        #expect(plan.items[3].bytes == 4 * 64 * 50_000 * 2)
    }

    @Test func finishedStagesAreNotCountedAgain() throws {
        let plan = DiskPlan.estimate(recipe: try recipe(), parameters: 100_000_000, vocabulary: 50_000,
                                     finished: ["convert", "quantize-Q8_0-abc", "kld-base-def"])
        #expect(plan.items.map(\.label) == ["Q4_K_M"])
    }

    @Test func tooLittleSpaceIsRefusedWithTheFigures() throws {
        let plan = DiskPlan(items: [.init(label: "Q8_0", bytes: Int.max / 4)])
        #expect {
            try plan.check(folder: FileManager.default.temporaryDirectory)
        } throws: { error in
            "\(error)".contains("not enough disk") && "\(error)".contains("Q8_0")
        }
    }
}
