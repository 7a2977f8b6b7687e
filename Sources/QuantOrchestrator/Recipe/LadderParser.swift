import Foundation
import LlamaTools
import Yams

/// Reads the recipe's `ladder:` list: quant type names and `{name, type | gguf | endpoint, …}`
/// mappings (docs/ARCHITECTURE.md "Ladder entries"), refusing anything else with the line.
struct LadderParser {
    let root: YAMLFields
    let paths: PathExpander

    /// - Throws: `RecipeError` naming `ladder[i]` (and the sub-field) and what was expected.
    func parse() throws(RecipeError) -> [LadderEntry] {
        guard let node = root.node("ladder") else { return Recipe.defaultLadder.compactMap { (try? QuantType(parsing: $0)).map(LadderEntry.init(stock:)) } }
        guard let items = node.sequence else {
            throw .invalid(file: root.file, line: node.mark?.line, field: "ladder", expected: "a list of quant types and variant mappings")
        }
        guard items.count >= 2 else {
            throw .invalid(file: root.file, line: node.mark?.line, field: "ladder",
                           expected: "a baseline and at least one quant type or variant, e.g. [F16, Q8_0, Q4_K_M]")
        }
        var ladder: [LadderEntry] = []
        for (index, item) in items.enumerated() {
            let field = "ladder[\(index)]"
            let entry = try self.entry(item, field: field)
            if let type = entry.quantType, RecipeLoader.needsImportanceMatrix.contains(type.name.uppercased()), root.node("imatrix") == nil {
                throw .invalid(file: root.file, line: item.mark?.line, field: field,
                               expected: "an imatrix: {corpus: …} section: llama-quantize refuses \(type.name) without an importance matrix")
            }
            if let earlier = ladder.firstIndex(where: { $0.name.lowercased() == entry.name.lowercased() }) {
                throw .invalid(file: root.file, line: item.mark?.line, field: field,
                               expected: "each variant name once, in any case (names become file names); \(entry.name) is also ladder[\(earlier)] \(ladder[earlier].name)")
            }
            if let named = try? QuantType(parsing: entry.name), entry.kind != .quantize(named, tensorTypes: []) {
                throw .invalid(file: root.file, line: item.mark?.line, field: "\(field).name",
                               expected: "a name that is not a quant type unless the entry is that stock type: '\(entry.name)' would read as llama-quantize's own \(named.name) in reports and compare; e.g. '\(entry.name)-mix' or 'bartowski-\(entry.name)'")
            }
            if index == 0, entry.mixRequest != nil {
                throw .invalid(file: root.file, line: item.mark?.line, field: field,
                               expected: "a quant type or a {name, gguf} baseline: a domain mix is chosen by its domain KLD against the baseline")
            }
            if index == 0, case .endpoint = entry.kind {
                throw .invalid(file: root.file, line: item.mark?.line, field: field,
                               expected: "a quant type or a {name, gguf} baseline: KL divergence and perplexity are measured against the baseline's own log-probabilities, which an endpoint does not give")
            }
            ladder.append(entry)
        }
        return ladder
    }

    private func entry(_ item: Node, field: String) throws(RecipeError) -> LadderEntry {
        if case .scalar = item, let text = item.string, !text.isEmpty {
            return LadderEntry(stock: try quantType(text, field: field, line: item.mark?.line))
        }
        guard let mapping = item.mapping else {
            throw .invalid(file: root.file, line: item.mark?.line, field: field,
                           expected: "a quant type (Q4_K_M) or a mapping {name, type | gguf | endpoint, …}")
        }
        let fields = YAMLFields(file: root.file, path: field, mapping: mapping, line: item.mark?.line)
        let name = try fields.requiredString("name", expected: "the variant's name (letters, digits, . _ -), its id in files and reports")
        guard name.unicodeScalars.allSatisfy(LadderEntry.nameCharacters.contains), name.first != ".", name.first != "-", name.count <= 64 else {
            throw .invalid(file: root.file, line: fields.line(of: "name"), field: fields.name("name"),
                           expected: "letters, digits, '.', '_' and '-' only, at most 64, not starting with '.' or '-' (it names files); got '\(name)'")
        }
        let kinds = ["type", "gguf", "endpoint", "mix"].filter { fields.node($0) != nil }
        guard kinds.count == 1 else {
            throw .invalid(file: root.file, line: fields.line, field: field,
                           expected: kinds.isEmpty ? "one of 'type' (quantize), 'gguf' (an existing file), 'endpoint' (a served model) or 'mix' (a domain mix)"
                                                   : "only one of 'type', 'gguf', 'endpoint' and 'mix'; got \(kinds.joined(separator: " and "))")
        }
        switch kinds[0] {
        case "type":
            try fields.onlyKnown(["name", "type", "tensor_types"])
            let raw = try fields.requiredString("type", expected: "a quant type llama-quantize knows")
            let type = try quantType(raw, field: fields.name("type"), line: fields.line(of: "type"))
            return LadderEntry(name: name, kind: .quantize(type, tensorTypes: try overrides(fields)))
        case "mix":
            try fields.onlyKnown(["name", "mix"])
            return LadderEntry(name: name, kind: .mix(try mix(fields.requiredSection("mix", expected: "{base, target_size}"))))
        case "gguf":
            try fields.onlyKnown(["name", "gguf"])
            let url = try existingFile(fields, "gguf", expected: "a .gguf file to evaluate as it is")
            guard url.pathExtension.lowercased() == "gguf" else {
                throw .invalid(file: root.file, line: fields.line(of: "gguf"), field: fields.name("gguf"),
                               expected: "a .gguf file; got \(url.lastPathComponent)")
            }
            return LadderEntry(name: name, kind: .gguf(url))
        default:
            try fields.onlyKnown(["name", "endpoint", "model", "api_key_env", "ca_file", "size_bytes"])
            return LadderEntry(name: name, kind: .endpoint(try endpoint(fields)))
        }
    }

    private func overrides(_ fields: YAMLFields) throws(RecipeError) -> [TensorTypeOverride] {
        guard let section = try fields.section("tensor_types") else { return [] }
        var overrides: [TensorTypeOverride] = []
        for (key, value) in section.mapping {
            guard let pattern = key.string, !pattern.isEmpty, !pattern.contains("="), !pattern.contains(where: \.isWhitespace) else {
                throw .invalid(file: root.file, line: key.mark?.line, field: section.name("\(key.string ?? "")"),
                               expected: "a tensor-name pattern without '=' or spaces, e.g. attn_v or ffn_down")
            }
            guard case .scalar = value, let raw = value.string else {
                throw .invalid(file: root.file, line: value.mark?.line, field: section.name(pattern), expected: "a quant type, e.g. Q6_K")
            }
            guard let type = GGMLType.named(ignoringCase: raw), type.blockSize != nil else {
                throw .invalid(file: root.file, line: value.mark?.line, field: section.name(pattern),
                               expected: "a ggml tensor type such as q8_0, q6_K, q5_K, q4_K or f16 (a tensor type, not a file type mix like Q4_K_M); got '\(raw)'")
            }
            if let construct = TensorTypeMixCheck.unsupportedConstruct(in: pattern) {
                throw .invalid(file: root.file, line: key.mark?.line, field: section.name(pattern),
                               expected: "a pattern without \(construct), which llama-quantize's regular expressions (C++ std::regex, ECMAScript) do not support")
            }
            if (try? NSRegularExpression(pattern: pattern)) == nil {
                throw .invalid(file: root.file, line: key.mark?.line, field: section.name(pattern),
                               expected: "a regular expression llama-quantize can search tensor names with; '\(pattern)' is not one")
            }
            overrides.append(TensorTypeOverride(pattern: pattern, type: type))
        }
        guard !overrides.isEmpty else {
            throw .invalid(file: root.file, line: section.line, field: section.path, expected: "at least one PATTERN: TYPE pair")
        }
        return overrides
    }

    /// `mix: {base, target_size, groups}`.
    private func mix(_ fields: YAMLFields) throws(RecipeError) -> MixRequest {
        try fields.onlyKnown(["base", "target_size", "groups"])
        let raw = try fields.requiredString("base", expected: "the quant type the mix starts from, e.g. Q4_K_M")
        let base = try quantType(raw, field: fields.name("base"), line: fields.line(of: "base"))
        guard let bits = base.nominalBitsPerWeight, bits < 9 else {
            throw .invalid(file: root.file, line: fields.line(of: "base"), field: fields.name("base"),
                           expected: "a quantized type such as Q4_K_M or Q3_K_M (its groups are moved one step down or up); got \(base.name)")
        }
        return MixRequest(base: base, target: try mixTarget(fields), groups: try groups(fields))
    }

    /// `target_size`: "same as TYPE", a size ("90 MB") or bits per weight ("4.8 bpw").
    private func mixTarget(_ fields: YAMLFields) throws(RecipeError) -> MixTarget {
        let expected = "\"same as Q4_K_M\" (that stock type's size), a size such as \"90 MB\", or bits per weight such as \"4.8 bpw\""
        let text = try fields.requiredString("target_size", expected: expected)
        let line = fields.line(of: "target_size")
        if let match = text.wholeMatch(of: /same as\s+(?<type>\S+)/.ignoresCase()) {
            return .sameAs(try quantType(String(match.type), field: fields.name("target_size"), line: line))
        }
        if let match = text.wholeMatch(of: /(?<bits>[0-9]+(?:\.[0-9]+)?)\s*bpw/.ignoresCase()), let bits = Double(match.bits), bits > 0, bits <= 32 {
            return .bitsPerWeight(bits)
        }
        if let bytes = ByteSize.parse(text), bytes >= ByteSize.smallestBudget { return .bytes(bytes) }
        throw .invalid(file: root.file, line: line, field: fields.name("target_size"), expected: "\(expected); got '\(text)'")
    }

    /// `groups`: names from ``TensorGroup/standard``, each once; all nine when absent.
    private func groups(_ fields: YAMLFields) throws(RecipeError) -> [TensorGroup] {
        guard let node = fields.node("groups") else { return TensorGroup.standard }
        let names = TensorGroup.standard.map(\.name).joined(separator: ", ")
        guard let items = node.sequence, !items.isEmpty else {
            throw .invalid(file: root.file, line: node.mark?.line, field: fields.name("groups"), expected: "a list of tensor groups from \(names)")
        }
        var groups: [TensorGroup] = []
        for (index, item) in items.enumerated() {
            guard let name = item.string, let group = TensorGroup.named(name), !groups.contains(group) else {
                throw .invalid(file: root.file, line: item.mark?.line, field: "\(fields.name("groups"))[\(index)]",
                               expected: "a tensor group from \(names), each once; got '\(item.string ?? "a mapping")'")
            }
            groups.append(group)
        }
        return groups
    }

    private func endpoint(_ fields: YAMLFields) throws(RecipeError) -> RemoteEndpoint {
        let raw = try fields.requiredString("endpoint", expected: "the endpoint's base URL, e.g. https://host:8443/v1")
        guard let url = URL(string: raw), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host?.isEmpty == false else {
            throw .invalid(file: root.file, line: fields.line(of: "endpoint"), field: fields.name("endpoint"),
                           expected: "an http:// or https:// base URL, such as https://host:8443/v1 (requests go to <endpoint>/chat/completions); got '\(raw)'")
        }
        guard url.user == nil, url.password == nil, url.query == nil else {
            throw .invalid(file: root.file, line: fields.line(of: "endpoint"), field: fields.name("endpoint"),
                           expected: "a URL without credentials or a query (the key goes in api_key_env)")
        }
        let variable = try fields.string("api_key_env")
        if let variable, variable.range(of: "^[A-Za-z_][A-Za-z0-9_]*$", options: .regularExpression) == nil {
            throw .invalid(file: root.file, line: fields.line(of: "api_key_env"), field: fields.name("api_key_env"),
                           expected: "the name of an environment variable (not the key itself), e.g. OPENAI_API_KEY")
        }
        return RemoteEndpoint(
            url: url, model: try fields.requiredString("model", expected: "the model name the endpoint serves (the request's model field)"),
            apiKeyEnvironmentVariable: variable,
            caFile: try fields.node("ca_file") == nil ? nil : certificates(fields),
            sizeBytes: try fields.int("size_bytes", in: 1...Int.max))
    }

    /// `ca_file`: an existing file holding at least one PEM certificate.
    private func certificates(_ fields: YAMLFields) throws(RecipeError) -> URL {
        let url = try existingFile(fields, "ca_file", expected: "a PEM file of CA certificates")
        guard let text = try? String(contentsOf: url, encoding: .utf8), text.contains("-----BEGIN CERTIFICATE-----") else {
            throw .invalid(file: root.file, line: fields.line(of: "ca_file"), field: fields.name("ca_file"),
                           expected: "a PEM file of CA certificates (-----BEGIN CERTIFICATE----- blocks); \(url.path) holds none")
        }
        return url
    }

    private func existingFile(_ fields: YAMLFields, _ key: String, expected: String) throws(RecipeError) -> URL {
        let raw = try fields.requiredString(key, expected: expected)
        let url: URL
        switch paths.url(raw) {
        case let .success(expanded): url = expanded
        case let .failure(undefined):
            throw .invalid(file: root.file, line: fields.line(of: key), field: fields.name(key),
                           expected: "\(expected); '$\(undefined.name)' is not set in the environment")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw .invalid(file: root.file, line: fields.line(of: key), field: fields.name(key), expected: "\(expected); \(url.path) does not exist")
        }
        return url
    }

    private func quantType(_ text: String, field: String, line: Int?) throws(RecipeError) -> QuantType {
        do { return try QuantType(parsing: text) } catch {
            throw .invalid(file: root.file, line: line, field: field, expected: "a quant type llama-quantize knows; \(error)")
        }
    }
}
