import Foundation
import LlamaTools
import Testing
@testable import QuantOrchestrator

/// Everything refused is refused at plan time, before any llama.cpp process or write.
@Suite struct RunPlanTests {
    func badInput(_ body: () async throws -> Void) async -> String? {
        do { try await body() } catch let error as PipelineError where error.isBadInput { return error.description } catch {
            Issue.record("expected bad input, got \(error)")
            return nil
        }
        Issue.record("expected bad input, nothing was thrown")
        return nil
    }

    @Test func aModelNameThatCannotBeATagIsRefusedBeforeAnyWork() async throws {
        let sandbox = try PlanSandbox()
        defer { sandbox.remove() }
        for name in ["/etc/passwd", String(repeating: "m", count: 300)] {
            let recipe = try sandbox.recipe(name: name)
            let message = await badInput {
                _ = try await Pipeline(options: RunOptions(recipe: recipe, environment: ["HOME": sandbox.root.path, "PATH": "/nonexistent"]),
                                       progress: ProgressReporter(live: false, sink: { _ in })).run()
            }
            #expect(message?.contains("\(recipe.path): field 'model.name'") == true, "\(message ?? "")")
            #expect(!FileManager.default.fileExists(atPath: sandbox.work.path), "work was done for \(name.prefix(20))")
        }
    }

    @Test func anEncoderCheckpointIsRefusedNamingTheAcceptedArchitectures() async throws {
        let sandbox = try PlanSandbox(architectures: ["BertModel"])
        defer { sandbox.remove() }
        let recipe = try sandbox.load(try sandbox.recipe())
        let message = await badInput { _ = try sandbox.plan(recipe) }
        #expect(message?.contains("config.json: field 'architectures' is [BertModel]") == true, "\(message ?? "")")
        #expect(message?.contains("ForCausalLM or LMHeadModel") == true)
    }

    @Test func causalAndVerifiedConditionalGenerationModelsPass() throws {
        for architecture in ["LlamaForCausalLM", "GPT2LMHeadModel", "Gemma3ForConditionalGeneration"] {
            let sandbox = try PlanSandbox(architectures: [architecture])
            defer { sandbox.remove() }
            #expect(throws: Never.self) { try sandbox.plan(try sandbox.load(try sandbox.recipe())) }
        }
        #expect(!ArchitectureCheck.isCausalLM("T5ForConditionalGeneration"))
    }

    @Test func aLadderInTheWrongOrderWarnsAtPlanTime() throws {
        let sandbox = try PlanSandbox()
        defer { sandbox.remove() }
        let plan = try sandbox.plan(try sandbox.load(try sandbox.recipe(ladder: "[Q8_0, F16, Q2_K]")))
        #expect(plan.warnings.count == 1)
        #expect(plan.warnings.first?.hasPrefix("ladder[1] F16 (about ") == true, "\(plan.warnings)")
        #expect(plan.warnings.first?.contains("never selected") == true)
        #expect(try sandbox.plan(try sandbox.load(try sandbox.recipe())).warnings.isEmpty)
    }

    @Test func allowUpcastIsABooleanAndDefaultsToFalse() throws {
        let sandbox = try PlanSandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.load(try sandbox.recipe()).allowUpcast == false)
        #expect(try sandbox.load(try sandbox.recipe(extra: "allow_upcast: true")).allowUpcast == true)
        #expect(throws: RecipeError.self) { try sandbox.load(try sandbox.recipe(extra: "allow_upcast: maybe")) }
    }

    @Test func tooFewScoredTokensForKLDAreRefusedByTheRecipe() throws {
        let sandbox = try PlanSandbox()
        defer { sandbox.remove() }
        let url = try sandbox.recipe()
        try Data(String(decoding: try Data(contentsOf: url), as: UTF8.self).replacingOccurrences(of: "chunks: 4", with: "chunks: 1").utf8).write(to: url)
        #expect {
            try sandbox.load(url)
        } throws: { error in
            "\(error)".contains("field 'perplexity.chunks'") && "\(error)".contains("1 × 63 = 63")
        }
    }

    static let manifest = QuantorchHome().manifest()

    @Test(.enabled(if: manifest != nil, "needs the bootstrap's SmolLM2 Q4_1 GGUF"))
    func aQuantizedGGUFSourceRefusesUpcastsAndSaysItsBaselineIsARequantization() async throws {
        let sandbox = try PlanSandbox()
        defer { sandbox.remove() }
        let gguf = try #require(Self.manifest).smollm2Gguf
        let refused = try sandbox.load(try sandbox.recipe(ladder: "[Q8_0, Q4_K_M, Q2_K]", source: gguf))
        let message = await badInput { _ = try sandbox.plan(refused, kind: .gguf) }
        #expect(message?.contains("field 'ladder[0]': Q8_0 (8.5 bpw) is larger than the source's own Q4_1 (5 bpw)") == true, "\(message ?? "")")
        #expect(message?.contains("allow_upcast: true") == true)

        let allowed = try sandbox.plan(try sandbox.load(try sandbox.recipe(ladder: "[Q8_0, Q4_K_M, Q2_K]", source: gguf, extra: "allow_upcast: true")), kind: .gguf)
        #expect(allowed.baselineNote == "baseline is a re-quantization of a Q4_1 source; losses are measured against it, not against the original weights")
        let own = try sandbox.plan(try sandbox.load(try sandbox.recipe(ladder: "[Q4_1, Q4_K_M, Q2_K]", source: gguf)), kind: .gguf)
        #expect(own.masterTypeName == "Q4_1")
        let ownSteps = try await sandbox.steps(try sandbox.load(try sandbox.recipe(ladder: "[Q4_1, Q4_K_M, Q2_K]", source: gguf)), kind: .gguf)
        #expect(ownSteps.disk.items.map(\.label) == ["Q4_K_M", "Q2_K", "KLD base"], "the Q4_1 source is its own baseline: no quantize step")
        #expect(own.baselineNote?.hasPrefix("baseline is the Q4_1 source itself") == true)
    }
}
