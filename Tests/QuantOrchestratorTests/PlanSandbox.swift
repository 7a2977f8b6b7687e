import Evaluation
import Foundation
@testable import QuantOrchestrator

/// A recipe over a stand-in checkpoint whose config.json and safetensors header are real but
/// whose weights are absent (the plan reads headers only), with a suite and a corpus.
struct PlanSandbox {
    let root: URL
    var model: URL { root.appending(path: "model") }
    var work: URL { root.appending(path: "work") }

    init(architectures: [String] = ["LlamaForCausalLM"]) throws {
        root = FileManager.default.temporaryDirectory.appending(path: "qo-plan-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root.appending(path: "model"), withIntermediateDirectories: true)
        let config: [String: Any] = ["architectures": architectures, "vocab_size": 1000, "num_hidden_layers": 2,
                                     "num_attention_heads": 8, "num_key_value_heads": 2, "tie_word_embeddings": true]
        try JSONSerialization.data(withJSONObject: config).write(to: model.appending(path: "config.json"))
        var tensors: [String: Any] = ["model.embed_tokens.weight": ["dtype": "BF16", "shape": [1000, 512], "data_offsets": [0, 0]],
                                      "model.norm.weight": ["dtype": "BF16", "shape": [512], "data_offsets": [0, 0]]]
        for layer in 0..<2 {
            for name in ["self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.o_proj", "mlp.gate_proj", "mlp.up_proj", "mlp.down_proj"] {
                tensors["model.layers.\(layer).\(name).weight"] = ["dtype": "BF16", "shape": [512, 512], "data_offsets": [0, 0]]
            }
            tensors["model.layers.\(layer).input_layernorm.weight"] = ["dtype": "BF16", "shape": [512], "data_offsets": [0, 0]]
        }
        let header = try JSONSerialization.data(withJSONObject: tensors)
        var length = UInt64(header.count).littleEndian
        try (Data(bytes: &length, count: 8) + header).write(to: model.appending(path: "model.safetensors"))
        let suite = "name: s\nquestions:\n  - id: q1\n    prompt: \"What is the capital of France?\"\n    key_facts: [Paris]\n"
        try Data(suite.utf8).write(to: root.appending(path: "suite.yaml"))
        try Data("some text\n".utf8).write(to: root.appending(path: "corpus.txt"))
    }

    /// Writes a recipe; `source` defaults to the stand-in checkpoint.
    func recipe(name: String = "acme", ladder: String = "[F16, Q8_0, Q4_K_M]", source: String? = nil, extra: String = "") throws -> URL {
        let text = """
            model: {name: "\(name)", source: "\(source ?? model.path)"}
            ladder: \(ladder)
            evaluation: {suite: suite.yaml}
            perplexity: {corpus: corpus.txt, ctx: 128, chunks: 4}
            work: {dir: work}
            results: {repo: results}
            \(extra)
            """
        let url = root.appending(path: "recipe.yaml")
        try Data(text.utf8).write(to: url)
        return url
    }

    func load(_ url: URL) throws -> Recipe { try RecipeLoader.load(url, environment: ["HOME": "/root"]) }

    func plan(_ recipe: Recipe, kind: ResolvedSource.Kind = .hfFolder) throws -> RunPlan {
        let source = ResolvedSource(checkpoint: recipe.model.source, revision: "r1", revisionKind: .label, kind: kind)
        return try RunPlan.make(recipe: recipe, source: source, modelSlug: "acme", revisionField: "model.revision")
    }

    /// The stage factory of `recipe` over the work folder `work`.
    func factory(_ recipe: Recipe, kind: ResolvedSource.Kind = .hfFolder) throws -> StageFactory {
        let source = ResolvedSource(checkpoint: recipe.model.source, revision: "r1", revisionKind: .label, kind: kind)
        return StageFactory(recipe: recipe, suite: try Suite.load(from: recipe.evaluation.suite), source: source,
                            folder: WorkFolder(root: work, modelSlug: "acme", revision: "r1"),
                            plan: try plan(recipe, kind: kind), endpointClient: { _ in throw PipelineError.io("no endpoint in this sandbox") })
    }

    /// The recipe's steps as `quantorch plan` lists them, against the records in `work`.
    func steps(_ recipe: Recipe, kind: ResolvedSource.Kind = .hfFolder) async throws -> (steps: [PlannedStep], disk: DiskPlan) {
        let factory = try factory(recipe, kind: kind)
        let planner = Planner(records: StageRecords(folder: factory.folder))
        _ = try await factory.walk(planner)
        return (planner.steps, planner.disk)
    }

    /// Writes a record as the stage named `name` would leave it.
    func saveRecord(_ record: some Encodable, _ name: String) throws {
        try StageRecords(folder: WorkFolder(root: work, modelSlug: "acme", revision: "r1")).save(record, name)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}
