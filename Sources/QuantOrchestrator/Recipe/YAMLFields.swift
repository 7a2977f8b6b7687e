import Foundation
import Yams

/// Reads typed fields out of a composed YAML mapping and turns every mistake into a
/// `RecipeError` carrying the file, the line and the dotted field path.
struct YAMLFields {
    let file: String
    let path: String
    let mapping: Node.Mapping
    let line: Int?

    /// Parses `text` and returns the top-level mapping.
    static func root(of text: String, file: String) throws(RecipeError) -> YAMLFields {
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch let error as YamlError {
            throw .syntax(file: file, line: Self.line(of: error), problem: "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)")
        } catch {
            throw .syntax(file: file, line: nil, problem: "\(error)")
        }
        guard let node, let mapping = node.mapping else {
            throw .invalid(file: file, line: node?.mark?.line, field: "(top level)", expected: "a mapping of fields (model, ladder, server, …)")
        }
        return YAMLFields(file: file, path: "", mapping: mapping, line: node.mark?.line)
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _): mark.line
        default: nil
        }
    }

    func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func node(_ key: String) -> Node? { mapping[key] }

    /// Rejects keys outside `known`, so that a typo is an error rather than a silent default.
    func onlyKnown(_ known: [String]) throws(RecipeError) {
        for (key, _) in mapping {
            guard let k = key.string, known.contains(k) else {
                throw .unknownField(file: file, line: key.mark?.line, field: name(key.string ?? "\(key)"), known: known)
            }
        }
    }

    func section(_ key: String) throws(RecipeError) -> YAMLFields? {
        guard let node = node(key), !isNull(node) else { return nil }
        guard let mapping = node.mapping else {
            throw .invalid(file: file, line: node.mark?.line, field: name(key), expected: "a mapping")
        }
        return YAMLFields(file: file, path: name(key), mapping: mapping, line: node.mark?.line)
    }

    func requiredSection(_ key: String, expected: String) throws(RecipeError) -> YAMLFields {
        guard let section = try section(key) else { throw .missing(file: file, field: name(key), expected: expected) }
        return section
    }

    func string(_ key: String) throws(RecipeError) -> String? {
        guard let node = node(key), !isNull(node) else { return nil }
        guard case .scalar = node, let value = node.string, !value.isEmpty else {
            throw .invalid(file: file, line: node.mark?.line, field: name(key), expected: "a non-empty string")
        }
        return value
    }

    func requiredString(_ key: String, expected: String) throws(RecipeError) -> String {
        guard let value = try string(key) else { throw .missing(file: file, field: name(key), expected: expected) }
        return value
    }

    func int(_ key: String, in range: ClosedRange<Int>) throws(RecipeError) -> Int? {
        guard let node = node(key), !isNull(node) else { return nil }
        guard let value = node.int, range.contains(value) else {
            throw .invalid(file: file, line: node.mark?.line, field: name(key),
                           expected: "an integer in \(range.lowerBound)…\(range.upperBound), got '\(node.string ?? "\(node)")'")
        }
        return value
    }

    func bool(_ key: String) throws(RecipeError) -> Bool? {
        guard let node = node(key), !isNull(node) else { return nil }
        guard let value = node.bool else {
            throw .invalid(file: file, line: node.mark?.line, field: name(key), expected: "true or false, got '\(node.string ?? "\(node)")'")
        }
        return value
    }

    func fraction(_ key: String) throws(RecipeError) -> Double? {
        guard let node = node(key), !isNull(node) else { return nil }
        guard let value = node.float, value.isFinite, value > 0, value <= 1, !Self.isQuoted(node) else {
            throw .invalid(file: file, line: node.mark?.line, field: name(key),
                           expected: "a number between 0 and 1, above 0 (a margin of 0 rejects every variant: no loss measures exactly 0), got \(Self.describe(node))")
        }
        return value
    }

    /// How an error message shows a value: 'text' for a scalar (saying when it is a quoted
    /// string where a number was wanted), "a list" or "a mapping" otherwise.
    static func describe(_ node: Node) -> String {
        switch node {
        case let .scalar(scalar):
            isQuoted(node) ? "the quoted string '\(scalar.string)' (write the number without quotes)" : "'\(scalar.string)'"
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .alias: "an alias"
        }
    }

    /// Whether a scalar was written in quotes, which makes it a string even when it spells a number.
    static func isQuoted(_ node: Node) -> Bool {
        guard case let .scalar(scalar) = node else { return false }
        return scalar.style == .singleQuoted || scalar.style == .doubleQuoted
    }

    func line(of key: String) -> Int? { node(key)?.mark?.line }

    private func isNull(_ node: Node) -> Bool {
        if case .scalar = node, node.tag.description == Tag.Name.null.rawValue { return true }
        return false
    }
}
