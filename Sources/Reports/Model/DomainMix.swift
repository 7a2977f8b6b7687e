/// A domain mix's choice in report.json (`variants[].mix`): the tensor-type pairs quantorch
/// chose for its groups from their measured domain-KLD sensitivity within its target size,
/// what the choice rests on, and how the mix compares with its stock neighbour.
public struct DomainMix: Codable, Sendable, Equatable {
    /// The file type the mix starts from ("Q4_K_M").
    public var base: String
    /// The recipe's `target_size` ("same as Q4_K_M", "90000000 bytes", "4.8 bpw").
    public var target: String
    /// The target in bytes.
    public var targetBytes: Int
    /// The base's GGUF size as measured, bytes.
    public var baseBytes: Int
    /// The base's domain KLD in the sensitivity measurement, nats.
    public var baseDomainKLD: Double
    /// How the pairs were chosen.
    public var method: String
    /// The `--tensor-type` pairs chosen, in group order; empty when the base is best as it is.
    public var pairs: [Pair]
    /// Base size plus the chosen steps' size deltas, bytes.
    public var predictedBytes: Int
    /// Sum of the chosen steps' domain-KLD deltas, nats.
    public var predictedDomainKLDIncrease: Double
    /// Every step measured (one group one step down or up from the base).
    public var options: [Option]
    /// The comparison with the largest stock rung no larger than the mix; nil without one.
    public var comparison: MixComparison?

    /// A chosen pair.
    public struct Pair: Codable, Sendable, Equatable {
        public var group: String
        public var pattern: String
        public var type: String

        /// Memberwise.
        public init(group: String, pattern: String, type: String) {
            self.group = group
            self.pattern = pattern
            self.type = type
        }
    }

    /// One measured step.
    public struct Option: Codable, Sendable, Equatable {
        public var group: String
        /// The type asked for the group.
        public var type: String
        /// The types its tensors got (after llama-quantize's fallbacks), most tensors first.
        public var groupTypes: [String]
        /// Bytes the GGUF gained with it (negative: saved).
        public var deltaBytes: Int
        /// Domain KLD it added, nats (negative: removed).
        public var deltaDomainKLD: Double

        /// Memberwise.
        public init(group: String, type: String, groupTypes: [String], deltaBytes: Int, deltaDomainKLD: Double) {
            self.group = group
            self.type = type
            self.groupTypes = groupTypes
            self.deltaBytes = deltaBytes
            self.deltaDomainKLD = deltaDomainKLD
        }

        enum CodingKeys: String, CodingKey {
            case group, type
            case groupTypes = "group_types", deltaBytes = "delta_bytes", deltaDomainKLD = "delta_domain_kld"
        }
    }

    /// Memberwise.
    public init(base: String, target: String, targetBytes: Int, baseBytes: Int, baseDomainKLD: Double, method: String, pairs: [Pair],
                predictedBytes: Int, predictedDomainKLDIncrease: Double, options: [Option], comparison: MixComparison? = nil) {
        self.base = base
        self.target = target
        self.targetBytes = targetBytes
        self.baseBytes = baseBytes
        self.baseDomainKLD = baseDomainKLD
        self.method = method
        self.pairs = pairs
        self.predictedBytes = predictedBytes
        self.predictedDomainKLDIncrease = predictedDomainKLDIncrease
        self.options = options
        self.comparison = comparison
    }

    enum CodingKeys: String, CodingKey {
        case base, target, method, pairs, options, comparison
        case targetBytes = "target_bytes", baseBytes = "base_bytes", baseDomainKLD = "base_domain_kld",
             predictedBytes = "predicted_bytes", predictedDomainKLDIncrease = "predicted_domain_kld_increase"
    }
}
