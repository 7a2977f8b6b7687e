import LlamaTools

/// What the steps produced so far: the loop fills it as stages finish, the planner from the
/// records already on disk.
struct RunOutputs: Sendable {
    var master: ArtifactRecord?
    var imatrix: ArtifactRecord?
    /// Each local variant's GGUF, by entry name.
    var artifacts: [String: ArtifactRecord] = [:]
    var kldBase: KLDBaseStage.Record?
    /// Serve records, by entry name.
    var serves: [String: ServeStage.Record] = [:]
    /// KL divergence results, by entry name.
    var klds: [String: KLDResult] = [:]
    var domainKLDBase: KLDBaseStage.Record?
    /// KL divergence over the domain corpus, by entry name.
    var domainKLDs: [String: KLDResult] = [:]
    /// Domain sensitivity measurements, by probe.
    var sensitivities: [SensitivityProbe: SensitivityStage.Record] = [:]
    /// Domain mixes' choices, by entry name.
    var mixes: [String: MixStage.Record] = [:]
    /// The adaptive search, once its step ran; nil in an exhaustive run.
    var search: LadderSearch?
    /// Endpoint entries whose answers are complete, by name.
    var answered: Set<String> = []
    /// Every variant's divergences from the baseline, once the divergence step ran.
    var divergence: DivergenceStage.Record?
}
