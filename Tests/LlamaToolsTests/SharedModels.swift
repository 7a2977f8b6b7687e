import Foundation
@testable import LlamaTools

/// Models the real-tool tests share, each made once per test process on first use: the F16
/// conversion of the bootstrap's SmolLM2 checkpoint, its quantizations, a corpus slice and the
/// KLD base file. Concurrent callers wait for the same work.
///
/// They live in `qo-tools-shared-<pid>` under the temporary directory; folders of earlier test
/// processes that are no longer running are removed when the first one is made, so repeated
/// runs do not fill the disk.
actor SharedModels {
    static let shared = SharedModels()

    /// KLD/perplexity window for the tests: 2 chunks × (128 − 64 − 1) = 126 scored tokens, just
    /// above llama-perplexity's 100-token minimum for statistics.
    static let contextSize = 128
    static let chunks = 2
    static let threads = 2

    private var tasks: [String: Task<URL, any Error>] = [:]
    private var folderURL: URL?

    /// The shared folder (created on first use).
    func folder() throws -> URL {
        if let folderURL { return folderURL }
        let temporary = FileManager.default.temporaryDirectory
        let prefix = "qo-tools-shared-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? [] where name.hasPrefix(prefix) {
            let pid = name.dropFirst(prefix.count)
            if !FileManager.default.fileExists(atPath: "/proc/\(pid)") {
                try? FileManager.default.removeItem(at: temporary.appending(path: name))
            }
        }
        let url = temporary.appending(path: "\(prefix)\(getpid())", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        folderURL = url
        return url
    }

    /// A log file in the shared folder.
    func log(_ name: String) throws -> URL {
        try folder().appending(path: "logs/\(name).log")
    }

    /// SmolLM2-135M converted to F16 by the real converter.
    func f16() async throws -> URL {
        try await once("F16") { [self] in
            let output = try await folder().appending(path: "smollm2.F16.gguf")
            try await Converter.convert(toolchain: RealToolchain.toolchain, checkpoint: RealToolchain.checkpoint,
                                        outType: .f16, output: output, logFile: try await log("convert"))
            return output
        }
    }

    /// The F16 quantized to `typeName` by llama-quantize.
    func quantized(_ typeName: String) async throws -> URL {
        try await once(typeName) { [self] in
            let input = try await f16()
            let output = try await folder().appending(path: "smollm2.\(typeName).gguf")
            try await Quantizer.quantize(toolchain: RealToolchain.toolchain, input: input, type: try QuantType(parsing: typeName),
                                         output: output, threads: Self.threads, logFile: try await log("quantize-\(typeName)"))
            return output
        }
    }

    /// The first 32 KB of the bootstrap's corpus: plenty for 2 chunks of 128 tokens, and quick
    /// to tokenize (the whole corpus is 11 MB).
    func corpusSlice() async throws -> URL {
        try await once("corpus") { [self] in
            let output = try await folder().appending(path: "corpus-32k.txt")
            try writePrefix(of: RealToolchain.corpus, bytes: 32 * 1024, to: output)
            return output
        }
    }

    /// The F16's log-probabilities on the corpus slice (KLD step 1).
    func kldBase() async throws -> URL {
        try await once("kld-base") { [self] in
            let output = try await folder().appending(path: "F16.kld")
            _ = try await Perplexity.writeKLDBase(
                toolchain: RealToolchain.toolchain, baseline: try await f16(), corpus: try await corpusSlice(), baseFile: output,
                contextSize: Self.contextSize, chunks: Self.chunks, threads: Self.threads, logFile: try await log("kld-base"))
            return output
        }
    }

    private func once(_ key: String, _ make: @escaping @Sendable () async throws -> URL) async throws -> URL {
        if let task = tasks[key] { return try await task.value }
        let task = Task { try await make() }
        tasks[key] = task
        return try await task.value
    }
}
