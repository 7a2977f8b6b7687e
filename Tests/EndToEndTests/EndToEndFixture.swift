import Foundation
import LlamaTools

/// A temporary project for end-to-end runs: a recipe over the bootstrapped SmolLM2-135M
/// checkpoint with a short ladder, a small suite and a small perplexity window, a work folder
/// and a fresh results repository.
struct EndToEndFixture {
    static let manifest = QuantorchHome().manifest()

    let root: URL
    var work: URL { root.appending(path: "work") }
    var results: URL { root.appending(path: "results") }

    init(name: String) throws {
        root = FileManager.default.temporaryDirectory.appending(path: "qo-e2e-\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    /// Writes a recipe and its suite; returns the recipe's URL.
    /// - Parameter search: `exhaustive` by default, so a test reads every variant's verdict on the
    ///   whole suite; the adaptive search's own tests ask for `adaptive`.
    func recipe(name: String = "recipe", questions: [(id: String, prompt: String, fact: String)], ladder: String = "[F16, Q8_0, Q4_K_M, Q2_K]",
                search: String = "exhaustive", replicas: Int = 1, corpus: String? = nil, extra: String = "") throws -> URL {
        guard let manifest = Self.manifest else { throw FixtureError.noBootstrap }
        let items = questions.map { q in
            "  - id: \(q.id)\n    prompt: \"\(q.prompt)\"\n    key_facts: [\"\(q.fact)\"]\n"
        }.joined()
        let suite = """
            name: e2e-\(name)
            system_prompt: "You are a helpful assistant. Answer briefly."
            sampling: {temperature: 0, seed: 42, max_tokens: 24}
            questions:
            \(items)
            """
        try Data(suite.utf8).write(to: root.appending(path: "\(name)-suite.yaml"))
        let recipe = """
            model:
              name: SmolLM2-135M-Instruct
              source: \(manifest.smollm2Hf)
            ladder: \(ladder)
            server: {ctx: 1024, slots: 2, threads: 2, gpu_layers: 0}
            evaluation: {suite: \(name)-suite.yaml, mode: sequential\(replicas > 1 ? ", replicas: \(replicas)" : "")}
            perplexity: {corpus: \(corpus ?? manifest.corpus), ctx: 128, chunks: 4}
            results: {repo: results}
            work: {dir: work}
            search: \(search)
            \(extra)
            """
        let url = root.appending(path: "\(name).yaml")
        try Data(recipe.utf8).write(to: url)
        return url
    }

    static let capitals: [(id: String, prompt: String, fact: String)] = [
        ("france", "What is the capital of France?", "Paris"),
        ("japan", "What is the capital of Japan?", "Tokyo"),
        ("italy", "What is the capital of Italy?", "Rome"),
    ]

    enum FixtureError: Error { case noBootstrap }
}

/// llama.cpp processes (servers, tools, the converter) whose command line mentions `marker` (a
/// test's unique temp path), so a test checks only the processes it started, never the whole
/// machine.
func processes(mentioning marker: String) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap(Int32.init).filter { pid in
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        let cmdline = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
        return cmdline.contains(marker) && (cmdline.contains("llama-") || cmdline.contains("convert_hf_to_gguf"))
    }
}
