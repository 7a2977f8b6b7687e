/// The job graph of a run: which steps become batch jobs and which steps each one needs
/// first. It follows the inputs ``StageFactory`` builds each stage from, so a job is released
/// (`afterok`) only when the records its stage is made of exist.
struct StepGraph: Sendable {
    let factory: StageFactory

    /// Every step a job can run, by label: the recipe's steps, and each local variant's serve
    /// (the adaptive search asks for them one by one).
    var catalog: [String: Step] {
        let steps = factory.steps() + factory.recipe.localVariants.map(Step.serve)
        return Dictionary(steps.filter(\.runsAsJob).map { ($0.label, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The steps `step`'s stage is built from.
    func dependencies(of step: Step) -> [Step] {
        let baseline = factory.recipe.ladder[0]
        let master: [Step] = factory.convertsCheckpoint ? [.convert] : []
        let found: [Step?]
        switch step {
        case .convert, .answer, .search: found = []
        case .corpusLength: found = factory.convertsCheckpoint ? [.convert] : [producer(of: baseline)]
        case .importGGUF: found = master
        case .imatrix: found = [.convert] + (factory.recipe.imatrix?.isDomain == true ? [.serve(baseline)] : [])
        case let .quantize(entry): found = [.convert] + (factory.usesImatrix(entry) ? [.imatrix] : []) + (entry.mixRequest != nil ? [.mix(entry)] : [])
        case .sensitivity: found = [.convert] + (factory.recipe.imatrix != nil ? [.imatrix] : []) + [.domainKLDBase]
        case let .mix(entry):
            guard let request = entry.mixRequest else { found = []; break }
            found = factory.sensitivityProbes(of: request).map(Step.sensitivity) + [factory.targetRung(request.target).flatMap(producer(of:))]
        case .kldBase: found = [producer(of: baseline), .corpusLength]
        case let .serve(entry): found = entry == baseline ? [producer(of: baseline)] : [producer(of: entry), .serve(baseline)]
        case let .kld(entry): found = [producer(of: entry), .kldBase]
        case .domainKLDBase: found = [.serve(baseline)]
        case let .domainKLD(entry): found = [producer(of: entry), .domainKLDBase]
        // The search's serves are not listed: the walk submits this step only once the search
        // is over (``submittedUpfront``), when the serves it asked for have their records.
        case .divergence:
            found = [.serve(baseline)] + (factory.recipe.search == .adaptive ? [] : factory.recipe.localVariants.map(Step.serve))
        }
        var unique: [Step] = []
        for case let dependency? in found where !unique.contains(dependency) { unique.append(dependency) }
        return unique
    }

    /// Whether `step` is submitted before the walk starts. The divergence step of an adaptive
    /// search waits for the walk: which rungs it covers is known only when the search ends.
    func submittedUpfront(_ step: Step) -> Bool {
        step != .divergence || factory.recipe.search != .adaptive || factory.recipe.localVariants.isEmpty
    }

    /// The step that makes `entry`'s GGUF: the conversion for the master's own type, its
    /// quantization or its import; nil for an endpoint.
    func producer(of entry: LadderEntry) -> Step? {
        if factory.isMaster(entry) { return .convert }
        switch entry.kind {
        case .quantize, .mix: return .quantize(entry)
        case .gguf: return .importGGUF(entry)
        case .endpoint: return nil
        }
    }
}

extension Step {
    /// Whether the step is a batch job under Slurm. An endpoint's answers are HTTP requests to
    /// a server elsewhere, made from the controller; the search is the controller's decision.
    var runsAsJob: Bool {
        switch self {
        case .answer, .search: false
        default: true
        }
    }
}
