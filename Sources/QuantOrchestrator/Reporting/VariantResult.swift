import Evaluation
import Foundation
import LlamaTools
import MetricKeys
import Reports

/// Everything the stages measured for one variant, gathered for selection and the report.
struct VariantResult: Sendable {
    var entry: LadderEntry
    var isBaseline: Bool
    /// The served GGUF; nil for an endpoint.
    var artifact: ArtifactRecord?
    /// Bits per weight of the GGUF (file bits / parameters); nil for an endpoint.
    var bitsPerWeight: Double?
    /// The GGUF's own file type (`general.file_type`), e.g. Q4_K_M for a mix made from it.
    var fileType: String?
    /// What the GGUF's tensor table holds per ggml type; nil for an endpoint, or a GGUF with a
    /// type this build cannot size.
    var typeMix: TensorTypeMix?
    /// Nil for an endpoint.
    var serve: ServeStage.Record?
    /// Pass 1, in the suite's form order.
    var answers: [AnswerRecord]
    /// The baseline's noise-floor pass in parallel mode, else nil.
    var secondPass: [AnswerRecord]?
    /// Nil for the baseline and for an endpoint.
    var kld: KLDResult?
    /// KL divergence over the domain corpus; nil for the baseline, an endpoint, and a corpus
    /// too short for llama-perplexity.
    var domainKLD: KLDResult?
    var score: VariantScore
    /// Why the adaptive search did not ask this variant the suite, or nil when it did: it then
    /// has no answers, no serve record and an empty score.
    var notEvaluated: String?
    /// What the verdict reads: the paired comparison with the baseline's answers, the KLDs,
    /// the facts at risk and the failed server checks (empty for the baseline).
    var evidence = VerdictEvidence()
    /// The server checks run before scoring, as the report writes them; empty for an endpoint
    /// and the baseline.
    var checks: [ServerCheckInfo] = []
    /// Question id → fact label → the teacher-forced evidence at that fact, for the facts the
    /// baseline itself ranks first; empty for the baseline and an endpoint.
    var factRisks: [String: [String: FactEvidence]] = [:]
    /// Where its answers part from the baseline's, with both models' candidates; nil for the
    /// baseline, a variant the search did not serve, and before the divergence step ran.
    var divergence: DivergencePointsStage.Record?
    /// A domain mix's choice; nil for the other kinds.
    var mix: MixStage.Record?

    var name: String { entry.name }

    /// File size in bytes, or for an endpoint the size the recipe states.
    var sizeBytes: Int? {
        if let artifact { return artifact.sizeBytes }
        if case let .endpoint(endpoint) = entry.kind { return endpoint.sizeBytes }
        return nil
    }

    /// The figures selection reads.
    var measurements: VariantMeasurements {
        VariantMeasurements(quantType: name, sizeBytes: sizeBytes, peakRSSBytes: serve?.peakRSSBytes, isEndpoint: !entry.hasGGUF,
                            evidence: evidence)
    }
}
