import Foundation
import LlamaTools

/// Expands `~`, `$VAR` and `${VAR}` in recipe paths and resolves relative paths against the
/// recipe's folder. `${QUANTORCH_HOME}` defaults to the bootstrap cache when the variable is unset.
struct PathExpander {
    let base: URL
    let environment: [String: String]

    init(recipeFile: URL, environment: [String: String]) {
        base = recipeFile.deletingLastPathComponent()
        var env = environment
        if (env["QUANTORCH_HOME"] ?? "").isEmpty { env["QUANTORCH_HOME"] = QuantorchHome(environment: environment).url.path }
        self.environment = env
    }

    /// The expanded absolute URL, or the name of the first undefined variable.
    func url(_ raw: String) -> Result<URL, UndefinedVariable> {
        var text = raw
        if text == "~" || text.hasPrefix("~/") {
            text = (environment["HOME"] ?? NSHomeDirectory()) + text.dropFirst()
        }
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            let char = text[index]
            guard char == "$" else { out.append(char); index = text.index(after: index); continue }
            let rest = text[text.index(after: index)...]
            let name: Substring
            let end: String.Index
            if rest.first == "{", let close = rest.firstIndex(of: "}") {
                name = rest[rest.index(after: rest.startIndex)..<close]
                end = text.index(after: close)
            } else {
                name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                end = text.index(index, offsetBy: name.count + 1)
            }
            guard !name.isEmpty else { out.append(char); index = text.index(after: index); continue }
            guard let value = environment[String(name)] else { return .failure(UndefinedVariable(name: String(name))) }
            out += value
            index = end
        }
        let url = out.hasPrefix("/") ? URL(fileURLWithPath: out) : base.appending(path: out)
        return .success(url.standardizedFileURL)
    }

    struct UndefinedVariable: Error { let name: String }
}
