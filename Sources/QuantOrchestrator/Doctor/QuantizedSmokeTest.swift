import Foundation
import LlamaTools

/// Quantizes a real GGUF to each given quant type and runs every result once with llama-bench.
///
/// A llama.cpp build that starts (`--version`) can still die on its first quantized matrix
/// product: built with -march=native on a CPU that advertises AMX which the virtual machine
/// refuses, ggml's AMX kernels raise SIGILL for Q8_0, Q4_K and the like while F16 runs. Only
/// running each type finds that, and the error then names the signal (see `CommandRunner`).
///
/// ```swift
/// let results = await QuantizedSmokeTest(toolchain: tc, model: smollm2, types: [.q8_0]).run()
/// results[0].problem   // nil, or "llama-bench was killed by SIGILL …"
/// ```
public struct QuantizedSmokeTest: Sendable {
    /// The outcome for one quant type.
    public struct Result: Sendable, Equatable {
        /// The quant type made and run.
        public var type: QuantType
        /// Prompt-processing throughput of the 8-token test in tokens/s, when it ran.
        public var promptTokensPerSecond: Double?
        /// What failed (quantize or bench, with the signal when a tool was killed); nil when it ran.
        public var problem: String?
        /// True when a tool was killed by a signal: the build, not the input, is at fault.
        public var crashed: Bool = false
    }

    /// The types `quantorch doctor` tries by default: those of the default ladder, so that
    /// every type a plain recipe asks for has run once on this machine.
    public static var defaultTypes: [QuantType] { Recipe.defaultLadder.compactMap { try? QuantType(parsing: $0) } }

    let toolchain: Toolchain
    let model: URL
    let types: [QuantType]
    let threads: Int

    /// - Parameters:
    ///   - toolchain: the llama.cpp build to test.
    ///   - model: any GGUF (a quantized one is re-quantized with --allow-requantize).
    ///   - types: what to quantize to, in this order.
    ///   - threads: CPU threads for llama-quantize and llama-bench.
    public init(toolchain: Toolchain, model: URL, types: [QuantType], threads: Int = 2) {
        self.toolchain = toolchain
        self.model = model
        self.types = types
        self.threads = threads
    }

    /// Runs every type; never throws: a failure is a result with a problem. The quantized files
    /// live in a temporary folder that is removed afterwards.
    public func run() async -> [Result] {
        let folder = FileManager.default.temporaryDirectory.appending(path: "quantorch-smoke-\(UUID().uuidString)", directoryHint: .isDirectory)
        defer { try? FileManager.default.removeItem(at: folder) }
        var results: [Result] = []
        for type in types {
            results.append(await run(type, in: folder))
        }
        return results
    }

    private func run(_ type: QuantType, in folder: URL) async -> Result {
        let output = folder.appending(path: "smoke.\(type.name).gguf")
        defer { try? FileManager.default.removeItem(at: output) }
        do {
            try await Quantizer.quantize(toolchain: toolchain, input: model, type: type, output: output, allowRequantize: true,
                                         threads: threads, logFile: folder.appending(path: "quantize.\(type.name).log"),
                                         timeout: .seconds(600))
        } catch {
            return Result(type: type, promptTokensPerSecond: nil, problem: "quantizing \(model.lastPathComponent) to \(type.name): \(error)",
                          crashed: Self.isCrash(error))
        }
        do {
            let bench = try await Bench.run(toolchain: toolchain, model: output, promptTokens: 8, generatedTokens: 2,
                                            repetitions: 1, threads: threads, timeout: .seconds(300))
            return Result(type: type, promptTokensPerSecond: bench.first { $0.nPrompt > 0 }?.avgTs, problem: nil)
        } catch {
            return Result(type: type, promptTokensPerSecond: nil, problem: "running the \(type.name) model: \(error)", crashed: Self.isCrash(error))
        }
    }

    private static func isCrash(_ error: any Error) -> Bool {
        let termination: ProcessTermination? = switch error {
        case let QuantizeError.toolFailed(_, termination, _, _, _): termination
        case let BenchError.toolFailed(termination, _, _): termination
        default: nil
        }
        if case .signaled = termination { return true }
        return false
    }
}
