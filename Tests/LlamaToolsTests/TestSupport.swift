import Foundation
@testable import LlamaTools

/// The bootstrap's toolchain and model, for tests that run the real llama.cpp binaries.
/// Such tests are enabled only when `toolchain.json` exists (the bootstrap has completed).
enum RealToolchain {
    static let manifest = QuantorchHome().manifest()
    static var isAvailable: Bool { manifest != nil }
    static var toolchain: Toolchain { Toolchain.locate(explicit: nil) }
    /// SmolLM2-135M-Instruct as shipped (Q4_1).
    static var shippedModel: URL { URL(fileURLWithPath: manifest!.smollm2Gguf) }
    /// SmolLM2-135M-Instruct as a Hugging Face checkpoint folder.
    static var checkpoint: URL { URL(fileURLWithPath: manifest!.smollm2Hf, isDirectory: true) }
    /// The Python documentation corpus.
    static var corpus: URL { URL(fileURLWithPath: manifest!.corpus) }
}

/// A fresh folder under the system's temporary directory.
func makeTemporaryFolder(_ label: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appending(path: "qo-tools-\(label)-\(UUID().uuidString.prefix(8))", directoryHint: .isDirectory)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The first `count` bytes of `source`, written to `destination`.
func writePrefix(of source: URL, bytes count: Int, to destination: URL) throws {
    let handle = try FileHandle(forReadingFrom: source)
    defer { try? handle.close() }
    let data = try handle.read(upToCount: count) ?? Data()
    try data.write(to: destination)
}

/// A fixture captured from the real binaries (Tests/LlamaToolsTests/Fixtures).
func fixture(_ name: String) throws -> String {
    guard let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil) else {
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Fixtures/\(name)"])
    }
    return try String(contentsOf: url, encoding: .utf8)
}
