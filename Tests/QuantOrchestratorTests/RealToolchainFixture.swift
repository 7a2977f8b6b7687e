import Foundation
import LlamaTools
@testable import QuantOrchestrator

/// The bootstrap's llama.cpp, SmolLM2 files and corpus, for tests that check the plan against
/// what the real tools write. Tests using it are enabled only when the bootstrap has run.
enum RealToolchainFixture {
    static let manifest = QuantorchHome().manifest()
    static var toolchain: Toolchain { Toolchain.locate(explicit: nil) }

    /// Whether `mount -t tmpfs` works here, tried once on a throwaway folder.
    static let canMountTmpfs: Bool = {
        guard getuid() == 0, let probe = try? folder("mount-probe") else { return false }
        defer { try? FileManager.default.removeItem(at: probe) }
        func run(_ tool: String, _ arguments: [String]) -> Bool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = arguments
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return false }
            process.waitUntilExit()
            return process.terminationStatus == 0
        }
        guard run("/bin/mount", ["-t", "tmpfs", "-o", "size=1M", "tmpfs", probe.path]) else { return false }
        return run("/bin/umount", [probe.path])
    }()

    /// A fresh folder for one test's files.
    static func folder(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "qo-real-\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The first `bytes` of the corpus, cut at a line end.
    static func corpusPrefix(bytes: Int, in folder: URL) throws -> URL {
        let manifest = try unwrap(manifest)
        let data = try Data(contentsOf: URL(fileURLWithPath: manifest.corpus), options: .mappedIfSafe).prefix(bytes)
        let cut = data.lastIndex(of: UInt8(ascii: "\n")) ?? data.endIndex
        let url = folder.appending(path: "corpus.txt")
        try data[..<cut].write(to: url)
        return url
    }

    static func size(_ url: URL) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
    }

    static func unwrap<T>(_ value: T?) throws -> T {
        guard let value else { throw CocoaError(.fileNoSuchFile) }
        return value
    }
}
