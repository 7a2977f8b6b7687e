import Foundation
import LlamaTools

/// The line `quantorch --version` prints: quantorch's version and the llama.cpp build it
/// would drive with the bootstrap's build flags, e.g. `quantorch 0.1.0 (llama.cpp build 11434,
/// native)`, or
/// `quantorch 0.1.0 (llama.cpp: not found)` when no llama-server/llama-quantize is found, so
/// the command works on a machine without the toolchain.
public enum VersionLine {
    /// - Parameter environment: for the toolchain search (QUANTORCH_HOME, QUANTORCH_LLAMA_CPP, PATH).
    public static func text(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let toolchain = Toolchain.locate(explicit: nil, environment: environment)
        let prefix = "quantorch \(QuantorchVersion.current)"
        guard toolchain.binary(.server) != nil, toolchain.binary(.quantize) != nil else { return "\(prefix) (llama.cpp: not found)" }
        guard let build = toolchain.build else {
            return "\(prefix) (llama.cpp build unknown, in \(toolchain.searchDescription))"
        }
        let flags = toolchain.origin == .bootstrap ? QuantorchHome(environment: environment).manifest()?.buildFlagsDescription : nil
        return "\(prefix) (llama.cpp build \(build)\(flags.map { ", \($0)" } ?? ""))"
    }
}
