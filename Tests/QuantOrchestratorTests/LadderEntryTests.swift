import Foundation
import LlamaTools
import Testing
@testable import QuantOrchestrator

/// The five kinds of ladder entry as the recipe states them, and the refusals before any work.
@Suite struct LadderEntryTests {
    func recipeError(_ sandbox: PlanSandbox, ladder: String, environment: [String: String] = ["HOME": "/root"]) -> String {
        do {
            _ = try RecipeLoader.load(try sandbox.recipe(ladder: ladder), environment: environment)
            return "no error"
        } catch { return "\(error)" }
    }

    @Test func everyKindIsReadWithItsFields() throws {
        let sandbox = try PlanSandbox()
        defer { sandbox.remove() }
        let gguf = sandbox.root.appending(path: "published.gguf")
        try Data("GGUF".utf8).write(to: gguf)
        let ca = sandbox.root.appending(path: "ca.pem")
        try Data("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".utf8).write(to: ca)
        let recipe = try sandbox.load(try sandbox.recipe(ladder: """
            [F16, {name: mix, type: Q4_K_M, tensor_types: {attn_v: q6_K, "blk\\\\.[01]\\\\.ffn_down": Q8_0}},
             {name: published, gguf: published.gguf},
             {name: served, endpoint: "https://127.0.0.1:8443/v1", model: m, api_key_env: KEY, ca_file: ca.pem, size_bytes: 1000}]
            """))
        #expect(recipe.ladder.map(\.name) == ["F16", "mix", "published", "served"])
        #expect(recipe.ladder.map(\.kindName) == ["quantize", "tensor-type mix", "gguf", "endpoint"])
        guard case let .quantize(type, overrides) = recipe.ladder[1].kind else { Issue.record("not a mix"); return }
        #expect(type.name == "Q4_K_M" && overrides.map(\.argument) == ["attn_v=q6_K", "blk\\.[01]\\.ffn_down=q8_0"])
        #expect(recipe.ladder[2].kind == .gguf(gguf))
        guard case let .endpoint(endpoint) = recipe.ladder[3].kind else { Issue.record("not an endpoint"); return }
        #expect(endpoint.model == "m" && endpoint.apiKeyEnvironmentVariable == "KEY" && endpoint.caFile == ca && endpoint.sizeBytes == 1000)
    }

    @Test func aDomainMixIsReadWithItsTargetAndGroupsAndTheImatrixCanComeFromTheDomain() throws {
        let sandbox = try PlanSandbox()
        defer { sandbox.remove() }
        try Data("more text\n".utf8).write(to: sandbox.root.appending(path: "extra.txt"))
        let recipe = try sandbox.load(try sandbox.recipe(ladder: """
            [F16, {name: a, mix: {base: Q4_K_M, target_size: same as q3_k_m}},
             {name: b, mix: {base: Q3_K_M, target_size: 90 MB, groups: [ffn_down, attn_v]}},
             {name: c, mix: {base: Q4_K_M, target_size: 4.5 bpw}}]
            """, extra: "imatrix: {corpus: domain, extra: extra.txt}"))
        #expect(recipe.ladder.map(\.kindName) == ["quantize", "domain mix", "domain mix", "domain mix"])
        let a = try #require(recipe.ladder[1].mixRequest), b = try #require(recipe.ladder[2].mixRequest)
        let q3 = try QuantType(parsing: "Q3_K_M")
        #expect(a.base.name == "Q4_K_M" && a.target == .sameAs(q3) && a.groups == TensorGroup.standard)
        #expect(b.target == .bytes(90_000_000) && b.groups.map(\.name) == ["ffn_down", "attn_v"])
        #expect(recipe.ladder[3].mixRequest?.target == .bitsPerWeight(4.5))
        #expect(recipe.imatrix?.corpus == .domain(extra: sandbox.root.appending(path: "extra.txt")))
        let refused: String
        do {
            _ = try RecipeLoader.load(try sandbox.recipe(extra: "imatrix: {corpus: corpus.txt, extra: extra.txt}"), environment: ["HOME": "/root"])
            refused = "no error"
        } catch { refused = "\(error)" }
        #expect(refused.contains("imatrix.extra") && refused.contains("corpus: domain"), "\(refused)")
    }

    @Test func badEntriesAreRefusedNamingTheField() throws {
        let sandbox = try PlanSandbox()
        defer { sandbox.remove() }
        try Data("not a certificate".utf8).write(to: sandbox.root.appending(path: "ca.pem"))
        let cases: [(String, String)] = [
            ("[F16, {name: m, type: Q4_K_M, tensor_types: {attn_v: Q4_K_M}}]", "a tensor type, not a file type mix"),
            ("[F16, {name: m, type: Q4_K_M, tensor_types: {'(?i)attn_v': q6_K}}]", "an inline flag"),
            ("[F16, {name: m, type: Q4_K_M, tensor_types: {'attn_v[': q6_K}}]", "a regular expression"),
            ("[F16, {name: a/b, type: Q8_0}]", "letters, digits"),
            ("[F16, {name: -rf, type: Q8_0}]", "not starting with '.' or '-'"),
            ("[F16, {name: mix, type: Q8_0}, {name: MIX, type: Q4_K_M}]", "each variant name once, in any case"),
            ("[F16, {name: Q8_0, type: Q2_K}]", "would read as llama-quantize's own Q8_0"),
            ("[F16, {name: m, type: Q8_0, gguf: x.gguf}]", "only one of 'type', 'gguf', 'endpoint' and 'mix'"),
            ("[F16, {name: m, mix: {base: F16, target_size: same as Q8_0}}]", "field 'ladder[1].mix.base': expected a quantized type"),
            ("[F16, {name: m, mix: {base: Q4_K_M, target_size: smaller}}]", "field 'ladder[1].mix.target_size': expected \"same as Q4_K_M\""),
            ("[F16, {name: m, mix: {base: Q4_K_M, target_size: 90}}]", "got '90'"),
            ("[F16, {name: m, mix: {base: Q4_K_M, target_size: same as Q9_Z}}]", "ladder[1].mix.target_size"),
            ("[F16, {name: m, mix: {base: Q4_K_M, target_size: 4.8 bpw, groups: [attn_v, mlp]}}]", "field 'ladder[1].mix.groups[1]'"),
            ("[F16, {name: m, mix: {base: Q4_K_M, target_size: 4.8 bpw, groups: [attn_v, attn_v]}}]", "each once"),
            ("[F16, {name: m, mix: {base: Q4_K_M, target: 90 MB}}]", "target"),
            ("[{name: m, mix: {base: Q4_K_M, target_size: 90 MB}}, Q8_0]", "a domain mix is chosen by its domain KLD against the baseline"),
            ("[F16, {name: m, gguf: missing.gguf}]", "does not exist"),
            ("[{name: e, endpoint: \"https://h/v1\", model: m}, Q8_0]", "a quant type or a {name, gguf} baseline"),
            ("[F16, {name: e, endpoint: \"ftp://h/v1\", model: m}]", "an http:// or https:// base URL"),
            ("[F16, {name: e, endpoint: \"https://u:p@h/v1\", model: m}]", "without credentials"),
            ("[F16, {name: e, endpoint: \"https://h/v1\", model: m, api_key_env: sk-123}]", "the name of an environment variable"),
            ("[F16, {name: e, endpoint: \"https://h/v1\", model: m, ca_file: ca.pem}]", "holds none"),
            ("[F16, {name: e, endpoint: \"https://h/v1\"}]", "field 'ladder[1].model' is missing"),
        ]
        for (ladder, expected) in cases {
            let message = recipeError(sandbox, ladder: ladder)
            #expect(message.contains(expected) && message.contains("ladder["), "\(ladder): \(message)")
        }
    }

    @Test func aMixPatternThatMatchesNoTensorIsRefusedAtPlanTime() async throws {
        let sandbox = try PlanSandbox()
        defer { sandbox.remove() }
        let recipe = try sandbox.load(try sandbox.recipe(ladder: "[F16, {name: mix, type: Q4_K_M, tensor_types: {nomatch_xyz: q6_K}}]"))
        do {
            _ = try sandbox.plan(recipe)
            Issue.record("a pattern matching nothing was accepted")
        } catch let error as PipelineError {
            #expect(error.isBadInput && error.description.contains("matches no tensor") && error.description.contains("blk.0."), "\(error)")
        }
        let matching = try sandbox.load(try sandbox.recipe(ladder: "[F16, {name: mix, type: Q4_K_M, tensor_types: {attn_v: q6_K}}]"))
        #expect(throws: Never.self) { try sandbox.plan(matching) }
    }

    @Test func anUnsetKeyVariableIsNamedOnlyWhenItLooksLikeAName() async throws {
        let sandbox = try PlanSandbox()
        defer { sandbox.remove() }
        for (variable, shown) in [("MY_KEY", true), ("abc123secretvalue", false)] {
            let url = try sandbox.recipe(ladder: "[F16, {name: e, endpoint: \"https://h/v1\", model: m, api_key_env: \(variable)}]")
            do {
                _ = try await Pipeline(options: RunOptions(recipe: url, environment: ["HOME": "/root"]), progress: ProgressLines().reporter).describe()
                Issue.record("an unset key variable was accepted")
            } catch let error as PipelineError {
                #expect(error.isBadInput && error.description.contains("not set"), "\(error)")
                #expect(error.description.contains(variable) == shown, "\(error)")
            }
        }
    }
}
