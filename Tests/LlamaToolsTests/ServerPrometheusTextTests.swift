import Testing
@testable import LlamaTools

@Suite struct ServerPrometheusTextTests {
    /// Captured from this build's llama-server `/metrics` (trimmed), plus a labelled series
    /// as the README documents for speculative decoding.
    static let sample = """
    # HELP llamacpp:prompt_tokens_total Number of prompt tokens processed, excluding cached tokens
    # TYPE llamacpp:prompt_tokens_total counter
    llamacpp:prompt_tokens_total 110
    # TYPE llamacpp:prompt_seconds_total counter
    llamacpp:prompt_seconds_total 28.1188
    llamacpp:predicted_tokens_seconds 0.574276
    llamacpp:spec_decode_num_accepted_tokens_per_pos_total{position="1"} 7
    llamacpp:odd NaN
    not-a-sample
    """

    @Test func parsesSamplesAndKeepsLabels() {
        let values = PrometheusText.parse(Self.sample)
        #expect(values["llamacpp:prompt_tokens_total"] == 110)
        #expect(values["llamacpp:prompt_seconds_total"] == 28.1188)
        #expect(values["llamacpp:predicted_tokens_seconds"] == 0.574276)
        #expect(values["llamacpp:spec_decode_num_accepted_tokens_per_pos_total{position=\"1\"}"] == 7)
        #expect(values["llamacpp:odd"]?.isNaN == true)
        #expect(values.count == 5)
    }
}
