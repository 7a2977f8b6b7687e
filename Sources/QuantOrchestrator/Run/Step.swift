/// One step of a run, in the order the planner lists and the loop executes them. A step
/// names its stage; the stage itself is built from the outputs of the steps before it
/// (``StageFactory``), so its record name always carries the keys of its real inputs.
enum Step: Sendable, Equatable {
    /// The checkpoint to the master GGUF (or the GGUF source as it is).
    case convert
    /// The perplexity corpus counted with the model's tokenizer (refused when too short).
    case corpusLength
    /// The importance matrix from the master GGUF.
    case imatrix
    /// A quantize or tensor-type-mix entry, from the master.
    case quantize(LadderEntry)
    /// A `{name, gguf}` entry's file, recorded as it is.
    case importGGUF(LadderEntry)
    /// The baseline's log-probabilities over the corpus.
    case kldBase
    /// A local variant served while its answer passes run.
    case serve(LadderEntry)
    /// An endpoint variant's answers.
    case answer(LadderEntry)
    /// A local non-baseline variant's KL divergence.
    case kld(LadderEntry)
    /// The baseline's log-probabilities over the domain corpus (its own answers).
    case domainKLDBase
    /// A local non-baseline variant's KL divergence over the domain corpus.
    case domainKLD(LadderEntry)
    /// One tensor group's domain sensitivity for a mix base (``SensitivityStage``).
    case sensitivity(SensitivityProbe)
    /// A domain mix's tensor-type pairs, chosen from its base's sensitivities (``MixStage``).
    case mix(LadderEntry)
    /// The adaptive search over these local variants: each one it needs is served as
    /// ``serve(_:)`` would (``LadderSearch``).
    case search([LadderEntry])
    /// The baseline served once more for its next-token candidates where each variant's
    /// answers parted from its own (``DivergenceStage``).
    case divergence

    /// How plans and progress lines name the step (and its stage's `label`), e.g. "quantize Q4_K_M".
    var label: String {
        switch self {
        case .convert: "convert"
        case .corpusLength: "corpus length"
        case .imatrix: "imatrix"
        case let .quantize(entry): "quantize \(entry.name)"
        case let .importGGUF(entry): "import \(entry.name)"
        case .kldBase: "kld base"
        case let .serve(entry): "serve \(entry.name)"
        case let .answer(entry): "answers \(entry.name)"
        case let .kld(entry): "kld \(entry.name)"
        case .domainKLDBase: "domain kld base"
        case let .domainKLD(entry): "domain kld \(entry.name)"
        case let .sensitivity(probe): probe.label
        case let .mix(entry): "mix \(entry.name)"
        case let .search(entries): "search \(entries.map(\.name).joined(separator: " "))"
        case .divergence: "divergence"
        }
    }
}
