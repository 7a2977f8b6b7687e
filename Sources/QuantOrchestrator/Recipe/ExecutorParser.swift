import Foundation
import Yams

/// Reads the recipe's `executor:` mapping (``ExecutorSettings``), refusing unknown fields,
/// fields of the wrong kind and values `sbatch` would refuse, with the line.
struct ExecutorParser {
    let root: YAMLFields

    private static let slurmFields = ["kind", "partition", "account", "qos", "gres", "cpus_per_task", "mem", "time", "extra_args"]

    /// - Throws: `RecipeError` naming `executor.<field>` and what was expected.
    func parse() throws(RecipeError) -> ExecutorSettings {
        guard let fields = try root.section("executor") else { return .local }
        let kind = try fields.requiredString("kind", expected: "local or slurm")
        switch kind {
        case "local":
            try fields.onlyKnown(["kind"])
            return .local
        case "slurm":
            try fields.onlyKnown(Self.slurmFields)
            return .slurm(SlurmSettings(
                partition: try name(fields, "partition"), account: try name(fields, "account"), qos: try name(fields, "qos"),
                gres: try name(fields, "gres"), cpusPerTask: try fields.int("cpus_per_task", in: 1...4096),
                mem: try matching(fields, "mem", pattern: #"^[0-9]+[KMGT]?$"#, expected: "a memory size in Slurm's notation such as 16G or 8000M"),
                time: try matching(fields, "time", pattern: #"^(UNLIMITED|INFINITE|([0-9]+-)?[0-9]+(:[0-9]+){0,2})$"#,
                                   expected: "a time limit in Slurm's notation such as 90 (minutes), 2:00:00 or 1-00:00:00"),
                extraArgs: try extraArgs(fields)))
        default:
            throw .invalid(file: root.file, line: fields.line(of: "kind"), field: fields.name("kind"), expected: "local or slurm, got '\(kind)'")
        }
    }

    /// A partition, account, QOS or GRES name: one word, as `sbatch` takes it after `=`.
    private func name(_ fields: YAMLFields, _ key: String) throws(RecipeError) -> String? {
        try matching(fields, key, pattern: #"^[^\s=]+$"#, expected: "a name without spaces")
    }

    private func matching(_ fields: YAMLFields, _ key: String, pattern: String, expected: String) throws(RecipeError) -> String? {
        guard let value = try fields.string(key) else { return nil }
        guard value.range(of: pattern, options: .regularExpression) != nil else {
            throw .invalid(file: root.file, line: fields.line(of: key), field: fields.name(key), expected: "\(expected), got '\(value)'")
        }
        return value
    }

    private func extraArgs(_ fields: YAMLFields) throws(RecipeError) -> [String] {
        guard let node = fields.node("extra_args") else { return [] }
        guard let items = node.sequence else {
            throw .invalid(file: root.file, line: node.mark?.line, field: fields.name("extra_args"),
                           expected: "a list of sbatch arguments such as [\"--constraint=a100\"], got \(Self.plain(node))")
        }
        var arguments: [String] = []
        for (index, item) in items.enumerated() {
            let field = "\(fields.name("extra_args"))[\(index)]"
            guard case .scalar = item, let value = item.string, value.hasPrefix("-") else {
                throw .invalid(file: root.file, line: item.mark?.line, field: field,
                               expected: "an sbatch option starting with '-', with its value in the same item such as \"--constraint=a100\", got \(Self.plain(item))")
            }
            let option = String(value.prefix { $0 != "=" })
            if let reason = Self.refused[option] {
                throw .invalid(file: root.file, line: item.mark?.line, field: field, expected: "an option quantorch leaves to you; \(reason), got '\(value)'")
            }
            arguments.append(value)
        }
        return arguments
    }

    /// A value as the message shows it, without YAMLFields' hint about quoted numbers.
    private static func plain(_ node: Node) -> String {
        if case let .scalar(scalar) = node { return "'\(scalar.string)'" }
        return YAMLFields.describe(node)
    }

    /// Options `extra_args` may not carry, with why: quantorch sets them for every job, a field
    /// of `executor:` sets them (a second value would silently win), or they would break the
    /// jobs (each is one step, run with the controller's environment).
    private static let refused: [String: String] = {
        var refused: [String: String] = [:]
        for option in ["--dependency", "-d", "--output", "-o", "--error", "-e", "--job-name", "-J", "--parsable", "--wrap", "--chdir", "-D",
                       "--open-mode", "--kill-on-invalid-dep", "--no-requeue", "--requeue", "--ntasks", "-n"] {
            refused[option] = "it sets \(option) for every job"
        }
        for (options, field) in [(["--partition", "-p"], "partition"), (["--account", "-A"], "account"), (["--qos", "-q"], "qos"),
                                 (["--gres"], "gres"), (["--cpus-per-task", "-c"], "cpus_per_task"), (["--mem"], "mem"), (["--time", "-t"], "time")] {
            for option in options { refused[option] = "write it as executor.\(field)" }
        }
        refused["--export"] = "jobs need the controller's environment (QUANTORCH_HOME, endpoint keys), sbatch's default --export=ALL"
        refused["--array"] = "each job is one step of the run"
        refused["--wait"] = "quantorch follows its jobs itself"
        return refused
    }()
}
