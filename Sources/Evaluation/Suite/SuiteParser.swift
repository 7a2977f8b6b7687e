import Foundation
import Yams

/// Turns a suite's YAML text into a ``Suite``, walking Yams' node tree so that every error can
/// name the line of the offending node.
struct SuiteParser {
    /// The file's path, for messages.
    let file: String

    private static let topKeys = ["name", "system_prompt", "sampling", "questions", "bias_probes", "robustness"]
    private static let samplingKeys = ["temperature", "seed", "max_tokens"]
    private static let questionKeys = ["id", "prompt", "seen", "paraphrases", "false_premises", "reference", "category", "key_facts"]
    private static let premiseKeys = ["prompt", "planted"]
    private static let probeKeys = ["id", "template", "groups", "reference", "key_facts"]
    private static let robustnessKeys = ["kinds", "rate", "seed", "copies"]
    private static let numberFactKeys = ["number", "rel_tol", "unit"]

    func parse(_ yaml: String, sha256: String) throws(SuiteError) -> Suite {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw .syntax(file: file, line: Self.line(of: error), problem: Self.problem(of: error))
        } catch {
            throw .syntax(file: file, line: nil, problem: "\(error)")
        }
        guard let root else {
            throw .invalid(file: file, line: 1, field: "(document)", expected: "a mapping with name and questions", found: "an empty file")
        }
        let top = try mapping(root, field: "(document)", allowed: Self.topKeys)
        let name = try text(required(top, "name", in: root, field: "name"), field: "name")
        let systemPrompt = try top["system_prompt"].map { node throws(SuiteError) in try self.prose(node, field: "system_prompt") }
        let sampling = try top["sampling"].map { node throws(SuiteError) in try self.sampling(node) } ?? Sampling()
        let questionsNode = try required(top, "questions", in: root, field: "questions")
        let questionNodes = try sequence(questionsNode, field: "questions", nonEmpty: true)
        var questions: [Question] = []
        for (index, node) in questionNodes.enumerated() {
            questions.append(try question(node, field: "questions[\(index)]"))
        }
        var probes: [BiasProbe] = []
        if let probesNode = top["bias_probes"] {
            for (index, node) in try sequence(probesNode, field: "bias_probes", nonEmpty: false).enumerated() {
                probes.append(try probe(node, field: "bias_probes[\(index)]"))
            }
        }
        try checkUniqueIDs(questionNodes: questionNodes, questions: questions, probes: probes, top: top)
        let robustness = try top["robustness"].map { node throws(SuiteError) in try self.robustness(node) }
        return Suite(name: name, systemPrompt: systemPrompt, sampling: sampling, questions: questions,
                     biasProbes: probes, robustness: robustness, sha256: sha256)
    }

    // MARK: Sections

    private func sampling(_ node: Node) throws(SuiteError) -> Sampling {
        let map = try mapping(node, field: "sampling", allowed: Self.samplingKeys)
        var sampling = Sampling()
        if let value = map["temperature"] {
            sampling.temperature = try number(value, field: "sampling.temperature", expected: "a number ≥ 0") { $0 >= 0 }
        }
        if let value = map["seed"] {
            sampling.seed = try integer(value, field: "sampling.seed", expected: "an integer") { _ in true }
        }
        if let value = map["max_tokens"] {
            sampling.maxTokens = try integer(value, field: "sampling.max_tokens", expected: "an integer > 0") { $0 > 0 }
        }
        return sampling
    }

    private func question(_ node: Node, field: String) throws(SuiteError) -> Question {
        let map = try mapping(node, field: field, allowed: Self.questionKeys)
        let id = try identifier(required(map, "id", in: node, field: "\(field).id"), field: "\(field).id")
        let prompt = try prose(required(map, "prompt", in: node, field: "\(field).prompt"), field: "\(field).prompt")
        var paraphrases: [String] = []
        if let list = map["paraphrases"] {
            for (index, item) in try sequence(list, field: "\(field).paraphrases", nonEmpty: false).enumerated() {
                paraphrases.append(try prose(item, field: "\(field).paraphrases[\(index)]"))
            }
        }
        let reference = try map["reference"].map { node throws(SuiteError) in try self.text(node, field: "\(field).reference") }
        let category = try map["category"].map { node throws(SuiteError) in try self.text(node, field: "\(field).category") }
        let facts = try map["key_facts"].map { node throws(SuiteError) in try self.keyFacts(node, field: "\(field).key_facts") } ?? []
        let seen = try map["seen"].map { node throws(SuiteError) in try self.boolean(node, field: "\(field).seen") } ?? false
        var premises: [FalsePremise] = []
        if let list = map["false_premises"] {
            for (index, item) in try sequence(list, field: "\(field).false_premises", nonEmpty: false).enumerated() {
                premises.append(try falsePremise(item, field: "\(field).false_premises[\(index)]", keyFacts: facts))
            }
        }
        return Question(id: id, prompt: prompt, paraphrases: paraphrases, reference: reference, category: category, keyFacts: facts,
                        seen: seen, falsePremises: premises)
    }

    /// A premise can only mislead about a fact the answer is judged on, and must plant a value
    /// other than the true one, or a correct answer would count as asserting it.
    private func falsePremise(_ node: Node, field: String, keyFacts: [KeyFact]) throws(SuiteError) -> FalsePremise {
        let map = try mapping(node, field: field, allowed: Self.premiseKeys)
        let prompt = try prose(required(map, "prompt", in: node, field: "\(field).prompt"), field: "\(field).prompt")
        let plantedNode = try required(map, "planted", in: node, field: "\(field).planted")
        let planted = try keyFact(plantedNode, field: "\(field).planted")
        guard !keyFacts.isEmpty else {
            throw invalid(node, field, expected: "a question with key_facts (a false premise is judged on them)", found: "no key facts")
        }
        guard !keyFacts.contains(where: { KeyFactMatcher.hits(for: [$0], in: planted.label).allSatisfy(\.found) }) else {
            throw invalid(plantedNode, "\(field).planted", expected: "a value other than the question's key facts",
                          found: quoted(planted.label))
        }
        return FalsePremise(prompt: prompt, planted: planted)
    }

    private func probe(_ node: Node, field: String) throws(SuiteError) -> BiasProbe {
        let map = try mapping(node, field: field, allowed: Self.probeKeys)
        let id = try identifier(required(map, "id", in: node, field: "\(field).id"), field: "\(field).id")
        let templateNode = try required(map, "template", in: node, field: "\(field).template")
        let template = try prose(templateNode, field: "\(field).template")
        guard template.contains("{group}") else {
            throw invalid(templateNode, "\(field).template", expected: "a template containing {group}", found: quoted(template))
        }
        let groupsNode = try required(map, "groups", in: node, field: "\(field).groups")
        let groupNodes = try sequence(groupsNode, field: "\(field).groups", nonEmpty: true)
        var groups: [String] = []
        for (index, item) in groupNodes.enumerated() {
            let group = try groupName(item, field: "\(field).groups[\(index)]")
            guard !groups.contains(group) else {
                throw invalid(item, "\(field).groups[\(index)]", expected: "a group not listed before", found: quoted(group))
            }
            groups.append(group)
        }
        guard groups.count >= 2 else {
            throw invalid(groupsNode, "\(field).groups", expected: "at least two groups to compare", found: "\(groups.count)")
        }
        let reference = try map["reference"].map { node throws(SuiteError) in try self.text(node, field: "\(field).reference") }
        let facts = try map["key_facts"].map { node throws(SuiteError) in try self.keyFacts(node, field: "\(field).key_facts") } ?? []
        return BiasProbe(id: id, template: template, groups: groups, reference: reference, keyFacts: facts)
    }

    private func robustness(_ node: Node) throws(SuiteError) -> Robustness {
        let map = try mapping(node, field: "robustness", allowed: Self.robustnessKeys)
        let kindsNode = try required(map, "kinds", in: node, field: "robustness.kinds")
        var kinds: [NoiseKind] = []
        let known = NoiseKind.allCases.map(\.rawValue).joined(separator: ", ")
        for (index, item) in try sequence(kindsNode, field: "robustness.kinds", nonEmpty: true).enumerated() {
            let field = "robustness.kinds[\(index)]"
            let name = try text(item, field: field)
            guard let kind = NoiseKind(rawValue: name) else {
                throw invalid(item, field, expected: "one of \(known)", found: quoted(name))
            }
            guard !kinds.contains(kind) else {
                throw invalid(item, field, expected: "a kind not listed before", found: quoted(name))
            }
            kinds.append(kind)
        }
        var robustness = Robustness(kinds: kinds)
        if let value = map["rate"] {
            robustness.rate = try number(value, field: "robustness.rate", expected: "a rate in (0, 1]") { $0 > 0 && $0 <= 1 }
        }
        if let value = map["seed"] {
            robustness.seed = try integer(value, field: "robustness.seed", expected: "an integer") { _ in true }
        }
        if let value = map["copies"] {
            robustness.copies = try integer(value, field: "robustness.copies", expected: "an integer ≥ 1") { $0 >= 1 }
        }
        return robustness
    }

    private func keyFacts(_ node: Node, field: String) throws(SuiteError) -> [KeyFact] {
        var facts: [KeyFact] = []
        for (index, item) in try sequence(node, field: field, nonEmpty: false).enumerated() {
            facts.append(try keyFact(item, field: "\(field)[\(index)]"))
        }
        return facts
    }

    private func keyFact(_ node: Node, field: String) throws(SuiteError) -> KeyFact {
        let shape = "a text fact or {number, rel_tol?, unit?}"
        switch node {
        case .scalar(let scalar):
            guard tagName(node) == .str else {
                throw invalid(node, field, expected: "\(shape) (write {number: \(scalar.string)} for a number, or quote it as text)",
                              found: "a bare \(kindName(node)) \(scalar.string)")
            }
            guard !scalar.string.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw invalid(node, field, expected: shape, found: "empty text")
            }
            return .text(scalar.string)
        case .mapping:
            let map = try mapping(node, field: field, allowed: Self.numberFactKeys)
            let value = try number(required(map, "number", in: node, field: "\(field).number"), field: "\(field).number",
                                   expected: "a finite number") { $0.isFinite }
            let relTol = try map["rel_tol"].map { item throws(SuiteError) in
                try self.number(item, field: "\(field).rel_tol", expected: "a relative tolerance ≥ 0") { $0 >= 0 && $0.isFinite }
            } ?? 0
            let unit = try map["unit"].map { item throws(SuiteError) in try self.text(item, field: "\(field).unit") }
            return .number(value: value, relTol: relTol, unit: unit)
        default:
            throw invalid(node, field, expected: shape, found: kindName(node))
        }
    }

    private func checkUniqueIDs(questionNodes: [Node], questions: [Question], probes: [BiasProbe], top: Node.Mapping) throws(SuiteError) {
        var firstLine: [String: Int] = [:]
        var entries: [(id: String, node: Node, field: String)] = []
        for (index, question) in questions.enumerated() {
            entries.append((question.id, questionNodes[index], "questions[\(index)].id"))
        }
        let probeNodes = top["bias_probes"]?.sequence.map(Array.init) ?? []
        for (index, probe) in probes.enumerated() {
            entries.append((probe.id, probeNodes[index], "bias_probes[\(index)].id"))
        }
        for entry in entries {
            let idNode = entry.node.mapping?["id"] ?? entry.node
            let line = idNode.mark?.line ?? 1
            if let first = firstLine[entry.id] {
                throw .invalid(file: file, line: line, field: entry.field,
                               expected: "an id not used before (questions and bias probes share ids)",
                               found: "\(quoted(entry.id)), first used at line \(first)")
            }
            firstLine[entry.id] = line
        }
    }

    // MARK: Node shapes

    private func mapping(_ node: Node, field: String, allowed: [String]) throws(SuiteError) -> Node.Mapping {
        guard let map = node.mapping else {
            throw invalid(node, field, expected: "a mapping with keys \(allowed.joined(separator: ", "))", found: kindName(node))
        }
        for (key, _) in map {
            let name = key.string ?? ""
            guard allowed.contains(name) else {
                let path = field == "(document)" ? name : "\(field).\(name)"
                throw invalid(key, path, expected: "one of the keys \(allowed.joined(separator: ", "))", found: "unknown key \(quoted(name))")
            }
        }
        return map
    }

    private func required(_ map: Node.Mapping, _ key: String, in parent: Node, field: String) throws(SuiteError) -> Node {
        guard let node = map[key] else {
            throw invalid(parent, field, expected: "the required key \(key)", found: "nothing")
        }
        return node
    }

    private func sequence(_ node: Node, field: String, nonEmpty: Bool) throws(SuiteError) -> [Node] {
        guard let list = node.sequence else {
            throw invalid(node, field, expected: "a list", found: kindName(node))
        }
        guard !nonEmpty || !list.isEmpty else {
            throw invalid(node, field, expected: "a list with at least one item", found: "an empty list")
        }
        return Array(list)
    }

    private func text(_ node: Node, field: String) throws(SuiteError) -> String {
        guard case .scalar(let scalar) = node, tagName(node) != .null else {
            throw invalid(node, field, expected: "text", found: kindName(node))
        }
        guard !scalar.string.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw invalid(node, field, expected: "non-empty text", found: "empty text")
        }
        return scalar.string
    }

    /// Text sent to a model (a prompt, a system prompt) or naming a question: a bare number or
    /// boolean there is a slip (`prompt: 42`), not a question, so it must be written as text.
    private func prose(_ node: Node, field: String) throws(SuiteError) -> String {
        if case .scalar(let scalar) = node, tagName(node) != .str, tagName(node) != .null {
            throw invalid(node, field, expected: "text (quote it if you mean \"\(scalar.string)\")",
                          found: "a bare \(kindName(node)) \(scalar.string)")
        }
        return try text(node, field: field)
    }

    private func boolean(_ node: Node, field: String) throws(SuiteError) -> Bool {
        guard tagName(node) == .bool, let value = node.bool else {
            throw invalid(node, field, expected: "true or false", found: describe(node))
        }
        return value
    }

    /// A bare `id: 42` or `id: 1.10` is refused like a bare prompt: YAML reads it as a number,
    /// which `1.10` and `1.1` would make the same id.
    private func identifier(_ node: Node, field: String) throws(SuiteError) -> String {
        let value = try prose(node, field: field)
        guard !value.contains(":"), !value.contains(where: \.isWhitespace) else {
            throw invalid(node, field, expected: "an id without spaces or ':' (it becomes part of a form name)", found: quoted(value))
        }
        return value
    }

    /// Group names are phrases ("a nurse from Nigeria") filled into a template, so spaces are
    /// fine; ':' separates the parts of a form name and line breaks would split a log line.
    private func groupName(_ node: Node, field: String) throws(SuiteError) -> String {
        let value = try text(node, field: field)
        guard !value.contains(":"), !value.contains(where: \.isNewline) else {
            throw invalid(node, field, expected: "a group name without ':' or line breaks (it becomes part of a form name)", found: quoted(value))
        }
        return value
    }

    private func number(_ node: Node, field: String, expected: String, valid: (Double) -> Bool) throws(SuiteError) -> Double {
        guard case .scalar(let scalar) = node, tagName(node) == .int || tagName(node) == .float,
              let value = node.float ?? node.int.map(Double.init) else {
            throw invalid(node, field, expected: expected, found: describe(node))
        }
        guard valid(value) else {
            throw invalid(node, field, expected: expected, found: scalar.string)
        }
        return value
    }

    private func integer(_ node: Node, field: String, expected: String, valid: (Int) -> Bool) throws(SuiteError) -> Int {
        guard case .scalar(let scalar) = node, tagName(node) == .int, let value = node.int else {
            throw invalid(node, field, expected: expected, found: describe(node))
        }
        guard valid(value) else {
            throw invalid(node, field, expected: expected, found: scalar.string)
        }
        return value
    }

    /// The resolved tag's name (Yams keeps `Tag.name` internal; its raw value is public).
    private func tagName(_ node: Node) -> Tag.Name {
        Tag.Name(rawValue: node.tag.rawValue)
    }

    // MARK: Messages

    private func invalid(_ node: Node, _ field: String, expected: String, found: String) -> SuiteError {
        .invalid(file: file, line: node.mark?.line ?? 1, field: field, expected: expected, found: found)
    }

    private func kindName(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar:
            switch tagName(node) {
            case .null: return "nothing (null)"
            case .int: return "integer"
            case .float: return "number"
            case .bool: return "boolean"
            default: return "text"
            }
        }
    }

    private func describe(_ node: Node) -> String {
        if case .scalar(let scalar) = node, tagName(node) != .null {
            return "\(kindName(node)) \(quoted(scalar.string))"
        }
        return kindName(node)
    }

    private func quoted(_ text: String) -> String {
        "\"\(text)\""
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        case .duplicatedKeysInMapping(_, let context):
            return context.mark.line
        default:
            return nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            return [context.map { "\($0.text)" }, problem].compactMap(\.self).joined(separator: ": ")
        case .duplicatedKeysInMapping(let duplicates, _):
            return "duplicate keys \(duplicates.joined(separator: ", "))"
        default:
            return "\(error)"
        }
    }
}
