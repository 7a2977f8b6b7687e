import Evaluation
import Foundation
import LlamaTools

/// A recipe: which model to quantize along which ladder, how to serve and evaluate each
/// variant, and which losses are acceptable (README "Using it on your model"). All paths are absolute,
/// already resolved against the recipe's folder with `~`, `$VAR` and `${QUANTORCH_HOME}` expanded.
public struct Recipe: Sendable {
    /// The recipe file itself.
    public var file: URL
    /// The model to evaluate.
    public var model: Model
    /// Variants in order; the first is the baseline (F16 by default) and is never selected.
    public var ladder: [LadderEntry]
    /// Importance-matrix settings, when the quantizer should use one.
    public var imatrix: Imatrix?
    /// llama-server settings for every variant.
    public var server: Server
    /// The suite and how it is sent.
    public var evaluation: Evaluation
    /// Corpus and window for perplexity and KL divergence.
    public var perplexity: Perplexity
    /// Largest acceptable losses against the baseline.
    public var acceptance: Acceptance
    /// Results repository from the recipe (`results.repo`), if given.
    public var resultsRepository: URL?
    /// Work folder from the recipe (`work.dir`), if given.
    public var workDirectory: URL?
    /// `allow_upcast` (default false): accept ladder types with more bits per weight than an
    /// already-quantized GGUF source has (a Q8_0 of a Q4_1 keeps the Q4_1's rounding).
    public var allowUpcast: Bool = false
    /// `search` (default adaptive): which rungs are asked the whole suite (``SearchMode``).
    public var search: SearchMode = .adaptive
    /// `executor` (default local): where the steps run (``ExecutorSettings``).
    public var executor: ExecutorSettings = .local

    /// `model:` — a Hugging Face checkpoint folder (optionally a git repository) or a GGUF file.
    public struct Model: Sendable, Equatable {
        /// Display name; the results repository's folder is its slug.
        public var name: String
        /// The checkpoint folder or `.gguf` file.
        public var source: URL
        /// Commit, tag or branch of a git-backed checkpoint, or a label for anything else.
        public var revision: String?
    }

    /// `imatrix:` — compute an importance matrix on `corpus` and pass it to llama-quantize.
    public struct Imatrix: Sendable, Equatable {
        /// Text the importance matrix is computed on.
        public var corpus: Corpus
        /// Number of chunks of `ctx` tokens (default 32).
        public var chunks: Int
        /// Context window in tokens (default 512; for the domain, at most half its tokens).
        public var ctx: Int

        /// `corpus:` a text file, or `domain`.
        public enum Corpus: Sendable, Equatable {
            /// A text file.
            case file(URL)
            /// The domain (``DomainImatrixCorpus``): the baseline's answers to the suite as
            /// conversations, the suite's references, and `extra`, a text file of the user's.
            case domain(extra: URL?)
        }

        /// True for `corpus: domain`: the imatrix waits for the baseline's answers.
        public var isDomain: Bool {
            if case .domain = corpus { return true }
            return false
        }

        /// The files the imatrix reads that the user gave (a corpus file, or the domain's extra).
        public var userFile: URL? {
            switch corpus {
            case let .file(url): url
            case let .domain(extra): extra
            }
        }
    }

    /// `server:` — llama-server settings.
    public struct Server: Sendable, Equatable {
        /// Context size in tokens (`-c`), default 2048.
        public var ctx: Int
        /// Parallel slots (`-np`), default 4; parallel mode sends this many requests at once.
        public var slots: Int
        /// CPU threads (`-t`), default: the machine's core count.
        public var threads: Int
        /// Layers offloaded to a GPU (`-ngl`), default 0; a CPU build ignores it.
        public var gpuLayers: Int
    }

    /// `evaluation:` — the suite and the mode.
    public struct Evaluation: Sendable, Equatable {
        /// The suite file (docs/SUITE.md "The suite file").
        public var suite: URL
        /// `sequential` (default, reproducible) or `parallel`.
        public var mode: EvaluationMode
        /// `replicas` (default 1): single-slot llama-servers per local variant, sharing the
        /// suite, in sequential mode only. Each request is alone in its server's batch, so the
        /// answers are sequential mode's (and reuse its answers files), up to N at a time.
        public var replicas: Int = 1
    }

    /// `perplexity:` — llama-perplexity settings for PPL and KLD.
    public struct Perplexity: Sendable, Equatable {
        /// Text corpus.
        public var corpus: URL
        /// Context window in tokens (`-c`), default 512.
        public var ctx: Int
        /// Number of chunks (`--chunks`), default 16.
        public var chunks: Int
    }

    /// `acceptance:` — thresholds; drops are absolute differences of fractions against the baseline.
    public struct Acceptance: Sendable, Equatable, Codable {
        /// Largest accuracy drop, default 0.05 (``VerdictMargins/defaults`` has every default
        /// and its grounds).
        public var accuracyDropMax = VerdictMargins.defaults.accuracyDrop
        /// Largest key-fact recall drop, default 0.05.
        public var keyFactRecallDropMax = VerdictMargins.defaults.keyFactRecallDrop
        /// Largest share of questions whose correctness differs from the baseline's, default 0.10.
        public var flipsMax = VerdictMargins.defaults.flips
        /// Largest mean KL divergence in nats over the generic corpus, default 0.10.
        public var kldMeanMax = VerdictMargins.defaults.kldMean
        /// Largest mean KL divergence in nats over the baseline's own answers, default 0.05.
        public var domainKLDMeanMax = VerdictMargins.defaults.domainKLDMean
        /// Largest share of the baseline's stated facts at risk on the variant, default 0.05.
        public var factsAtRiskMax = VerdictMargins.defaults.factsAtRisk
        /// `max_size`: the largest GGUF file to select, in bytes; nil for no limit.
        public var maxSizeBytes: Int?
        /// `max_memory`: the largest peak resident memory of the variant's server at the
        /// recipe's ctx and slots, in bytes; nil for no limit.
        public var maxMemoryBytes: Int?

        /// The defaults (``VerdictMargins/defaults``).
        public init() {}

        /// The margins the verdict reads.
        public var margins: VerdictMargins {
            VerdictMargins(accuracyDrop: accuracyDropMax, keyFactRecallDrop: keyFactRecallDropMax, flips: flipsMax,
                           factsAtRisk: factsAtRiskMax, domainKLDMean: domainKLDMeanMax, kldMean: kldMeanMax)
        }
    }

    /// The default ladder: F16 baseline, then Q8_0 down to Q2_K.
    public static let defaultLadder = ["F16", "Q8_0", "Q6_K", "Q5_K_M", "Q4_K_M", "Q3_K_M", "Q2_K"]

    /// The entries after the baseline that are served here (quantized, mixes, GGUF files; not
    /// endpoints): the rungs a search orders and the suite is asked of.
    public var localVariants: [LadderEntry] { ladder.dropFirst().filter(\.hasGGUF) }

    /// True when the source is a GGUF file (the convert stage is skipped).
    public var sourceIsGGUF: Bool { model.source.pathExtension.lowercased() == "gguf" }
}
