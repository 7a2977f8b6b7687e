import Foundation
import Testing

/// `quantorch plan` against the real work folder of a real run: before, after, and after the
/// recipe gains an importance matrix.
@Suite(.serialized, .enabled(if: EndToEndFixture.manifest != nil, "needs scripts/bootstrap"))
struct PlanEndToEndTests {
    struct Plan: Decodable {
        struct Step: Decodable {
            var step: String
            var state: String
            var record: String?
            var writes_bytes: Int
        }
        var steps: [Step]
        var writes_bytes: Int
        var suite_size: [String]
    }

    func plan(_ recipe: URL) async throws -> Plan {
        let result = try await QuantorchBinary.run(["plan", recipe.path, "--json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        return try JSONDecoder().decode(Plan.self, from: Data(result.stdout.utf8))
    }

    @Test(.timeLimit(.minutes(5)))
    func aPlanOfAGitRevisionWritesNothing() async throws {
        // Issue 32: plan exported the checkpoint (261 MB) into work/sources/ to read it.
        let manifest = try #require(EndToEndFixture.manifest)
        let checkpoint = URL(fileURLWithPath: manifest.models).appending(path: "zelmora-smollm2-135m")
        guard FileManager.default.fileExists(atPath: checkpoint.appending(path: ".git").path) else { return }
        let fixture = try EndToEndFixture(name: "plan-git")
        defer { try? FileManager.default.removeItem(at: fixture.root) }
        let recipe = try fixture.recipe(questions: EndToEndFixture.capitals, ladder: "[F16, Q8_0]")
        let text = try String(contentsOf: recipe, encoding: .utf8)
            .replacingOccurrences(of: "source: \(manifest.smollm2Hf)", with: "source: \(checkpoint.path)\n  revision: rev1")
        try Data(text.utf8).write(to: recipe)
        let views = { Set((try? FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())) ?? []).filter { $0.hasPrefix("quantorch-plan-") } }
        let before = views()
        let planned = try await plan(recipe)
        #expect(planned.steps.first?.step == "convert" && planned.writes_bytes > 200_000_000, "sized from the commit's own headers")
        #expect(!FileManager.default.fileExists(atPath: fixture.work.path), "plan wrote into the work folder")
        #expect(views() == before, "the temporary view of the commit was left behind")
        // A plan the recipe's checks refuse leaves nothing either (it made an empty model folder).
        try Data(text.replacingOccurrences(of: "ladder: [F16, Q8_0]", with: "ladder: [F16, Q8_0, Q8_0]").utf8).write(to: recipe)
        let refused = try await QuantorchBinary.run(["plan", recipe.path])
        #expect(refused.exitCode == 2, "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fixture.work.path), "a refused plan wrote into the work folder")
    }

    @Test(.timeLimit(.minutes(15)))
    func thePlanListsWhatARunWillDoThenThatItIsDoneThenWhatAnImatrixRemakes() async throws {
        let fixture = try EndToEndFixture(name: "plan")
        defer { try? FileManager.default.removeItem(at: fixture.root) }
        let recipe = try fixture.recipe(questions: EndToEndFixture.capitals, ladder: "[F16, Q8_0, Q4_K_M]")

        let before = try await plan(recipe)
        #expect(before.steps.map(\.step) == ["convert", "corpus length", "quantize Q8_0", "quantize Q4_K_M", "kld base",
                                             "serve F16", "domain kld base", "kld Q8_0", "domain kld Q8_0", "kld Q4_K_M", "domain kld Q4_K_M",
                                             "serve Q8_0", "serve Q4_K_M", "divergence"])
        #expect(before.steps[0].state == "to_run" && before.steps.dropFirst().allSatisfy { $0.state == "waiting" })
        #expect(before.writes_bytes > 300_000_000, "the F16 master, two quants and the KLD base: \(before.writes_bytes)")
        // suite check prints what the suite's size can show as the plan does (default margins).
        let check = try await QuantorchBinary.run(["suite", "check", recipe.deletingLastPathComponent().appending(path: "recipe-suite.yaml").path])
        #expect(before.suite_size.count == 6 && before.suite_size.allSatisfy { check.stdout.contains("  \($0)\n") }, "\(check.stdout)")
        #expect(!FileManager.default.fileExists(atPath: fixture.work.appending(path: "smollm2-135m-instruct").path)
                    || files(under: fixture.work) { $0.path.contains("/records/") }.isEmpty, "plan wrote records")

        let run = try await QuantorchBinary.run(["run", recipe.path])
        #expect([0, 3].contains(run.exitCode), "\(run.stderr)")
        let after = try await plan(recipe)
        #expect(after.steps.allSatisfy { $0.state == "done" }, "\(after.steps.filter { $0.state != "done" }.map(\.step))")
        #expect(after.writes_bytes == 0)
        let records = Set(files(under: fixture.work) { $0.path.contains("/records/") }.map { $0.deletingPathExtension().lastPathComponent })
        #expect(Set(after.steps.compactMap(\.record)).isSubset(of: records), "the plan names records the run did not write")

        // Moved elsewhere, the work folder is still done, and a run reuses its own files (issue 32:
        // records held the old absolute paths).
        let moved = fixture.root.appending(path: "moved-work")
        try FileManager.default.moveItem(at: fixture.work, to: moved)
        let movedPlan = try await QuantorchBinary.run(["plan", recipe.path, "--work-dir", moved.path, "--json"])
        let movedSteps = try JSONDecoder().decode(Plan.self, from: Data(movedPlan.stdout.utf8)).steps
        #expect(movedSteps.allSatisfy { $0.state == "done" }, "\(movedSteps.filter { $0.state != "done" }.map(\.step))")
        let movedRun = try await QuantorchBinary.run(["run", recipe.path, "--work-dir", moved.path, "--json"])
        #expect([0, 3].contains(movedRun.exitCode), "\(movedRun.stderr)")
        #expect(movedRun.stdout.contains("\"cached\" : true"), "a tool ran again in the moved folder: \(movedRun.stderr)")
        try FileManager.default.moveItem(at: moved, to: fixture.work)

        let text = try String(contentsOf: recipe, encoding: .utf8) + "\nimatrix: {corpus: \(try #require(EndToEndFixture.manifest).corpus), chunks: 2, ctx: 128}\n"
        try Data(text.utf8).write(to: recipe)
        let imatrix = try await plan(recipe)
        let state = Dictionary(uniqueKeysWithValues: imatrix.steps.map { ($0.step, $0.state) })
        #expect(state["convert"] == "done" && state["imatrix"] == "to_run")
        #expect(state["quantize Q8_0"] == "waiting" && state["quantize Q4_K_M"] == "waiting", "\(state)")
        #expect(state["serve F16"] == "done", "the F16 master is not remade by an imatrix")
        let quants = imatrix.steps.filter { $0.step.hasPrefix("quantize") }.map(\.writes_bytes)
        #expect(quants.count == 2 && quants.allSatisfy { $0 > 50_000_000 }, "the re-quantized files are counted: \(quants)")
    }
}
