/// How the runner sends a suite's requests to one variant's llama-server.
///
/// llama-server's greedy output depends on how requests are batched: measured on SmolLM2-135M
/// at temperature 0, 2 of 4 answers changed between one-at-a-time requests and the same
/// requests sent at once to a 4-slot server. `sequential` is therefore the reproducible
/// default; `parallel` is faster and is read against a noise floor (the baseline answered twice).
public enum EvaluationMode: String, Codable, Sendable, CaseIterable {
    /// One request at a time: answers reproducible byte for byte.
    case sequential
    /// Up to the server's slot count at once: faster, with a measured noise floor.
    case parallel
}
