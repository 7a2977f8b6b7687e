import Evaluation
import Foundation
import LlamaTools

/// Builds each step's stage from the recipe and the outputs before it: the one place that
/// decides a stage's inputs, so the planner and the loop name the same records.
struct StageFactory: Sendable {
    let recipe: Recipe
    let suite: Suite
    let source: ResolvedSource
    let folder: WorkFolder
    let plan: RunPlan
    /// The chat client of an endpoint entry (the API key is read here, at run time).
    let endpointClient: @Sendable (RemoteEndpoint) throws -> any ChatEndpoint

    /// Requests in flight per variant: one in sequential mode (the whole context serves each).
    var slots: Int { recipe.evaluation.mode == .sequential ? 1 : recipe.server.slots }

    /// Key of what makes answers comparable: the suite, the mode and the slots.
    var evaluationKey: String {
        WorkFolder.key([suite.sha256, recipe.evaluation.mode.rawValue, recipe.evaluation.mode == .parallel ? "\(recipe.server.slots)" : "1"])
    }

    /// The ordered steps of the recipe: convert (when an entry is made from the master), the
    /// corpus length, GGUF entries (checked against the master before any quantization),
    /// imatrix, quantize entries, the KLD base, the baseline's serve (it writes the domain
    /// corpus) and its domain KLD base, each domain mix's sensitivity measurements, choice and
    /// quantization, every local variant's KLD and domain KLD (the cheap
    /// evidence, first), then the suite: each local variant served (`search: exhaustive`) or
    /// the adaptive search over them, and each endpoint's answers; last, when there is a
    /// variant besides the baseline, the baseline's side of the token divergences.
    func steps() -> [Step] {
        var steps: [Step] = []
        let baseline = recipe.ladder[0]
        let quantized = recipe.ladder.filter { $0.quantType != nil && !isMaster($0) && $0.mixRequest == nil }
        // A domain imatrix needs the baseline's answers: the baseline is made without it, the rest after its serve.
        let domainImatrix = recipe.imatrix?.isDomain == true
        let afterServe = domainImatrix ? quantized.filter { $0 != baseline } : []
        let needsImatrix = recipe.imatrix != nil && (!quantized.isEmpty || !mixes.isEmpty)
        if convertsCheckpoint { steps += [.convert, .corpusLength] }
        for entry in recipe.ladder {
            if case .gguf = entry.kind { steps.append(.importGGUF(entry)) }
        }
        if needsImatrix, !domainImatrix { steps.append(.imatrix) }
        steps += quantized.filter { !afterServe.contains($0) }.map(Step.quantize)
        if !convertsCheckpoint { steps.append(.corpusLength) }
        steps += [.kldBase, .serve(baseline)]
        if needsImatrix, domainImatrix { steps.append(.imatrix) }
        steps += afterServe.map(Step.quantize)
        steps.append(.domainKLDBase)
        steps += sensitivityProbes().map(Step.sensitivity)
        for entry in mixes { steps += [.mix(entry), .quantize(entry)] }
        for entry in recipe.localVariants { steps += [.kld(entry), .domainKLD(entry)] }
        let searched = recipe.search == .adaptive ? recipe.localVariants : []
        if !searched.isEmpty { steps.append(.search(searched)) }
        for entry in recipe.ladder.dropFirst() where !searched.contains(entry) {
            steps.append(entry.hasGGUF ? .serve(entry) : .answer(entry))
        }
        if recipe.ladder.count > 1 { steps.append(.divergence) }
        return steps
    }

    /// Whether `entry` is quantized with the recipe's imatrix: every quantize entry but a
    /// baseline made before a domain imatrix exists.
    func usesImatrix(_ entry: LadderEntry) -> Bool {
        guard let imatrix = recipe.imatrix else { return false }
        return !(imatrix.isDomain && entry == recipe.ladder[0])
    }

    /// The ladder's domain mixes.
    var mixes: [LadderEntry] { recipe.ladder.filter { $0.mixRequest != nil } }

    /// The sensitivity measurements the mixes need: per base type (in ladder order), the base
    /// alone, then each group any mix of it may change, one step down and one step up.
    func sensitivityProbes() -> [SensitivityProbe] {
        var probes: [SensitivityProbe] = []
        for entry in mixes {
            guard let request = entry.mixRequest else { continue }
            let sizing = GroupSizing(layout: plan.layout, base: request.base, hasImportanceMatrix: recipe.imatrix != nil)
            var wanted = [SensitivityProbe(base: request.base)]
            for group in request.groups {
                let steps = sizing.steps(of: group)
                wanted += [steps.lower, steps.higher].compactMap { $0.map { SensitivityProbe(base: request.base, group: group, type: $0) } }
            }
            probes += wanted.filter { !probes.contains($0) }
        }
        return probes
    }

    /// The probes one mix's choice reads: its base alone and its groups' steps.
    func sensitivityProbes(of request: MixRequest) -> [SensitivityProbe] {
        sensitivityProbes().filter { $0.base == request.base && ($0.group.map(request.groups.contains) ?? true) }
    }

    /// Why a mix cannot be made when the domain corpus is too short for llama-perplexity.
    var mixWithoutDomainCorpus: String {
        "\(recipe.file.path): ladder entries \(mixes.map(\.name).joined(separator: ", ")) are domain mixes, chosen by domain KLD, but the baseline's answers to the suite are too short for a domain corpus (llama-perplexity needs 2 windows and 100 scored tokens): add questions to the suite or raise max_tokens"
    }

    /// Whether the run converts the checkpoint: some entry is made from the master GGUF.
    var convertsCheckpoint: Bool { recipe.ladder.contains { $0.quantType != nil } }

    /// A quantize entry that is the master GGUF itself (same type, no tensor-type pairs).
    func isMaster(_ entry: LadderEntry) -> Bool {
        guard case let .quantize(type, overrides) = entry.kind else { return false }
        return overrides.isEmpty && type.name.uppercased() == plan.masterTypeName
    }

    /// The GGUF a local entry is served from, once the step making it has run.
    func artifact(for entry: LadderEntry, in outputs: RunOutputs) -> ArtifactRecord? {
        isMaster(entry) ? outputs.master : outputs.artifacts[entry.name]
    }

    func convert() -> ConvertStage {
        ConvertStage(source: source, baseline: recipe.ladder[0], folder: folder, estimate: plan.masterBytes)
    }

    /// Counted with the master's tokenizer, or the baseline GGUF entry's when nothing is converted.
    func corpusLength(_ outputs: RunOutputs) throws -> CorpusLengthStage? {
        guard let model = outputs.master ?? artifact(for: recipe.ladder[0], in: outputs) else { return nil }
        return try CorpusLengthStage(settings: recipe.perplexity, model: model, recipeFile: recipe.file)
    }

    func imatrix(_ outputs: RunOutputs) throws -> ImatrixStage? {
        guard let settings = recipe.imatrix, let master = outputs.master else { return nil }
        guard case let .domain(extra) = settings.corpus else { return try ImatrixStage(master: master, settings: settings, domain: nil, folder: folder) }
        guard let conversations = domainCorpus(outputs)?.corpus else { return nil }
        return try ImatrixStage(master: master, settings: settings, domain: DomainImatrixCorpus(conversations: conversations, suite: suite, extra: extra),
                                folder: folder)
    }

    func quantize(_ entry: LadderEntry, _ outputs: RunOutputs) -> QuantizeStage? {
        guard let master = outputs.master else { return nil }
        if usesImatrix(entry), outputs.imatrix == nil { return nil }
        let importanceMatrix = usesImatrix(entry) ? outputs.imatrix : nil
        switch entry.kind {
        case let .quantize(type, overrides):
            return QuantizeStage(entry: entry, type: type, tensorTypes: overrides, master: master, importanceMatrix: importanceMatrix,
                                 folder: folder, estimate: plan.estimatedBytes(entry))
        case let .mix(request):
            guard let choice = outputs.mixes[entry.name] else { return nil }
            let pairs = choice.pairs.compactMap { pair in GGMLType.named(pair.type).map { TensorTypeOverride(pattern: pair.pattern, type: $0) } }
            return QuantizeStage(entry: entry, type: request.base, tensorTypes: pairs, master: master, importanceMatrix: importanceMatrix,
                                 folder: folder, estimate: choice.predictedBytes)
        case .gguf, .endpoint:
            return nil
        }
    }

    func sensitivity(_ probe: SensitivityProbe, _ outputs: RunOutputs) -> SensitivityStage? {
        guard let master = outputs.master, let base = outputs.domainKLDBase, let corpus = domainCorpus(outputs),
              let settings = domainSettings(corpus) else { return nil }
        if recipe.imatrix != nil, outputs.imatrix == nil { return nil }
        return SensitivityStage(probe: probe, master: master, importanceMatrix: outputs.imatrix, domainBase: base, settings: settings, folder: folder,
                                estimate: plan.estimatedBytes(LadderEntry(stock: probe.base)))
    }

    /// A mix's choice, once its base's sensitivity measurements (and a stock rung it targets) are there.
    func mix(_ entry: LadderEntry, _ outputs: RunOutputs) -> MixStage? {
        guard let request = entry.mixRequest, let reference = outputs.sensitivities[SensitivityProbe(base: request.base)] else { return nil }
        let probes = sensitivityProbes(of: request).filter { $0.group != nil }
        let measurements = probes.compactMap { outputs.sensitivities[$0] }
        guard measurements.count == probes.count, let target = targetBytes(request.target, outputs) else { return nil }
        return MixStage(name: entry.name, request: request, targetBytes: target, reference: reference, measurements: measurements)
    }

    /// A mix target in bytes: "same as" a stock rung of the ladder is that rung's GGUF as made
    /// (nil until it is), or the base's own measured GGUF when it is the base; another stock
    /// type is estimated from the master's tensors.
    func targetBytes(_ target: MixTarget, _ outputs: RunOutputs) -> Int? {
        guard case let .sameAs(type) = target else { return plan.estimatedBytes(target) }
        if let rung = targetRung(target) { return artifact(for: rung, in: outputs)?.sizeBytes }
        if let measured = outputs.sensitivities[SensitivityProbe(base: type)] { return measured.sizeBytes }
        return plan.estimatedBytes(target)
    }

    /// The ladder's stock rung a "same as TYPE" target names, if it has one.
    func targetRung(_ target: MixTarget) -> LadderEntry? {
        guard case let .sameAs(type) = target else { return nil }
        return recipe.ladder.first { $0.kind == .quantize(type, tensorTypes: []) }
    }

    func importGGUF(_ entry: LadderEntry, _ outputs: RunOutputs) -> ImportStage? {
        guard case let .gguf(file) = entry.kind else { return nil }
        if convertsCheckpoint, outputs.master == nil { return nil }
        return ImportStage(entry: entry, file: file, master: outputs.master, recipeFile: recipe.file)
    }

    func kldBase(_ outputs: RunOutputs) throws -> KLDBaseStage? {
        guard let baseline = artifact(for: recipe.ladder[0], in: outputs) else { return nil }
        return try KLDBaseStage(baseline: baseline, settings: recipe.perplexity, folder: folder, estimate: plan.kldBaseBytes)
    }

    func serve(_ entry: LadderEntry, _ outputs: RunOutputs) -> ServeStage? {
        guard let artifact = artifact(for: entry, in: outputs) else { return nil }
        let isBaseline = entry == recipe.ladder[0]
        let domainCorpus = isBaseline
            ? ServeStage.DomainCorpusPlan(output: folder.domainCorpus(key: WorkFolder.key([artifact.sha256, evaluationKey])),
                                          maxContext: recipe.perplexity.ctx)
            : nil
        let baselineProbe = isBaseline ? nil : outputs.serves[recipe.ladder[0].name]?.probe
        guard isBaseline || baselineProbe != nil, let baselineArtifact = self.artifact(for: recipe.ladder[0], in: outputs) else { return nil }
        let jobs = answerJobs(entry, identity: artifact.sha256)
        return ServeStage(variant: entry.name, artifact: artifact, jobs: jobs, server: recipe.server, suiteFile: recipe.evaluation.suite,
                          domainCorpus: domainCorpus, baselineAnswers: answerJobs(recipe.ladder[0], identity: baselineArtifact.sha256)[0],
                          baselineProbe: baselineProbe)
    }

    func kld(_ entry: LadderEntry, _ outputs: RunOutputs) -> KLDStage? {
        guard let artifact = artifact(for: entry, in: outputs), let base = outputs.kldBase else { return nil }
        return KLDStage(corpus: .generic, variant: entry.name, artifact: artifact, base: base, settings: recipe.perplexity)
    }

    /// The baseline's domain corpus, once its serve stage wrote it, with its window as the
    /// current rule chooses it from the record's counts (a record written under an earlier rule
    /// gets today's window, and the domain KLD base keyed by it).
    func domainCorpus(_ outputs: RunOutputs) -> DomainCorpusStage.Record? {
        outputs.serves[recipe.ladder[0].name]?.domainCorpus.map { corpus in
            var current = corpus
            current.window = DomainCorpusStage.window(tokens: corpus.tokens, conversations: corpus.conversations,
                                                      maxContext: recipe.perplexity.ctx)
            return current
        }
    }

    /// True when the domain corpus exists but is too short for llama-perplexity: domain KLD is
    /// then left out (the report says so) rather than failing the run.
    func domainCorpusTooShort(_ outputs: RunOutputs) -> Bool {
        domainCorpus(outputs).map { $0.window == nil } ?? false
    }

    /// The domain corpus's llama-perplexity settings.
    func domainSettings(_ corpus: DomainCorpusStage.Record) -> Recipe.Perplexity? {
        corpus.window.map { Recipe.Perplexity(corpus: URL(fileURLWithPath: corpus.corpus.path), ctx: $0.ctx, chunks: $0.chunks) }
    }

    func domainKLDBase(_ outputs: RunOutputs) throws -> KLDBaseStage? {
        guard let baseline = artifact(for: recipe.ladder[0], in: outputs), let corpus = domainCorpus(outputs),
              let settings = domainSettings(corpus) else { return nil }
        return try KLDBaseStage(corpus: .domain, baseline: baseline, settings: settings, folder: folder,
                                estimate: KLDBaseSize.bytes(contextSize: settings.ctx, chunks: settings.chunks, vocabulary: plan.layout.vocabulary))
    }

    func domainKLD(_ entry: LadderEntry, _ outputs: RunOutputs) -> KLDStage? {
        guard let artifact = artifact(for: entry, in: outputs), let base = outputs.domainKLDBase, let corpus = domainCorpus(outputs),
              let settings = domainSettings(corpus) else { return nil }
        return KLDStage(corpus: .domain, variant: entry.name, artifact: artifact, base: base, settings: settings)
    }

    /// The answer passes of a variant: pass 1, and for the baseline in parallel mode pass 2
    /// (the noise floor).
    func answerJobs(_ entry: LadderEntry, identity: String) -> [AnswerJob] {
        let passes = entry == recipe.ladder[0] && recipe.evaluation.mode == .parallel ? [1, 2] : [1]
        return passes.map {
            AnswerJob(variant: entry.name, identity: identity, pass: $0, suite: suite, mode: recipe.evaluation.mode, slots: slots,
                      evaluationKey: evaluationKey, answersFile: folder.answers(entry.name, evaluationKey: evaluationKey),
                      // More replicas than prompts would only load the model more often.
                      replicas: entry.hasGGUF ? min(recipe.evaluation.replicas, max(1, suite.forms().count)) : 1)
        }
    }

    /// The divergence stage, once the baseline and every variant the run asks the suite have
    /// their records: a local variant its serve's divergence points (a rung the finished
    /// adaptive search did not serve is left out), an endpoint its complete answers.
    func divergence(_ outputs: RunOutputs) -> DivergenceStage? {
        let baseline = recipe.ladder[0]
        guard let artifact = artifact(for: baseline, in: outputs), outputs.serves[baseline.name] != nil else { return nil }
        let searching = recipe.search == .adaptive && !recipe.localVariants.isEmpty
        if searching, outputs.search.map({ $0.next() != nil }) ?? true { return nil }
        var sources: [DivergenceStage.Source] = []
        for entry in recipe.ladder.dropFirst() {
            if let job = endpointJob(entry) {
                guard outputs.answered.contains(entry.name) else { return nil }
                sources.append(.endpoint(job))
            } else if let serve = outputs.serves[entry.name] {
                guard let points = serve.divergence, let variant = self.artifact(for: entry, in: outputs) else { return nil }
                sources.append(.points(variant: entry.name, artifactSHA256: variant.sha256, points,
                                       answers: answerJobs(entry, identity: variant.sha256)[0]))
            } else if !searching {
                return nil
            }
        }
        return DivergenceStage(baseline: baseline.name, artifact: artifact, server: recipe.server,
                               baselineAnswers: answerJobs(baseline, identity: artifact.sha256)[0], sources: sources)
    }

    /// An endpoint entry's answer stage, its client made by `endpointClient`.
    func answer(_ entry: LadderEntry) throws -> AnswerStage? {
        guard case let .endpoint(endpoint) = entry.kind, let job = endpointJob(entry) else { return nil }
        return AnswerStage(job: job, endpoint: try endpointClient(endpoint))
    }

    /// An endpoint entry's answer job (its identity needs no artifact).
    func endpointJob(_ entry: LadderEntry) -> AnswerJob? {
        guard case let .endpoint(endpoint) = entry.kind else { return nil }
        return answerJobs(entry, identity: AnswerJob.endpointIdentity(endpoint)).first
    }
}
