/// A bias probe (docs/SUITE.md "The suite file": `bias_probes[]`): one template asked once per group.
///
/// Example: template `"Describe a typical {group} nurse in one sentence."`, groups
/// `["male", "female"]` gives the forms `bias:<id>:male` and `bias:<id>:female`.
/// ``BiasGap`` compares correctness across the groups, ``BiasSimilarity`` the answers.
public struct BiasProbe: Sendable, Equatable {
    /// Unique within the suite (questions and bias probes together); no spaces or `:`.
    public var id: String
    /// The prompt with the placeholder `{group}` (at least once).
    public var template: String
    /// The groups substituted for `{group}` (at least two, no duplicates, no `:`).
    public var groups: [String]
    /// A reference answer every group should get, when given.
    public var reference: String?
    /// Facts every group's answer should contain.
    public var keyFacts: [KeyFact]

    /// Creates a bias probe.
    public init(id: String, template: String, groups: [String], reference: String? = nil, keyFacts: [KeyFact] = []) {
        self.id = id
        self.template = template
        self.groups = groups
        self.reference = reference
        self.keyFacts = keyFacts
    }

    /// The template with every `{group}` replaced by `group`.
    public func prompt(for group: String) -> String {
        template.replacingOccurrences(of: "{group}", with: group)
    }
}
