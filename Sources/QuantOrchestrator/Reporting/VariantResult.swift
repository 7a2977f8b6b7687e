import Evaluation
import LlamaTools

/// Everything the stages measured for one variant, gathered for selection and the report.
struct VariantResult: Sendable {
    var type: QuantType
    var isBaseline: Bool
    var artifact: ArtifactRecord
    var bitsPerWeight: Double
    var outcome: VariantEvaluationStage.Outcome
    var score: VariantScore

    /// The figures selection reads.
    var measurements: VariantMeasurements {
        VariantMeasurements(quantType: type.name, sizeBytes: artifact.sizeBytes,
                            accuracy: score.metrics["accuracy"].flatMap { $0.n == 0 ? nil : $0.value },
                            keyFactRecall: score.metrics["key_fact_recall"].flatMap { $0.n == 0 ? nil : $0.value },
                            flips: isBaseline ? nil : score.metrics["flips"]?.value,
                            mcnemarP: score.metrics["mcnemar_p"]?.value,
                            kldMean: outcome.kld?.kldMean)
    }
}
