/// Which text a KLD stage measures divergence on: the recipe's generic corpus (the
/// general-ability check) or the domain corpus of the baseline's own answers.
enum KLDCorpus: String, Sendable, Equatable {
    case generic
    case domain

    /// Prefix of record and log names: "" (older records keep their names) or "domain-".
    var recordPrefix: String { self == .generic ? "" : "domain-" }
    /// Prefix of labels: "" or "domain ".
    var labelPrefix: String { self == .generic ? "" : "domain " }
}
