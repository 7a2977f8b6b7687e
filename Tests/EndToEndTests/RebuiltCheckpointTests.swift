import Foundation
import LlamaTools
import Testing

/// The bootstrap's rebuilt Hugging Face checkpoint is a real model: llama.cpp's converter turns
/// it into an F16 GGUF that still knows what the original knew.
@Suite(.enabled(if: EndToEndFixture.manifest != nil, "needs scripts/bootstrap"))
struct RebuiltCheckpointTests {
    @Test(.timeLimit(.minutes(10)))
    func convertsToF16AndContinuesTheCapitalOfFranceWithParis() async throws {
        let manifest = try #require(EndToEndFixture.manifest)
        let toolchain = Toolchain.locate(explicit: nil)
        let folder = FileManager.default.temporaryDirectory.appending(path: "qo-rebuilt-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let gguf = folder.appending(path: "smollm2-f16.gguf")
        try await Converter.convert(toolchain: toolchain, checkpoint: URL(fileURLWithPath: manifest.smollm2Hf), outType: .f16,
                                    output: gguf, logFile: folder.appending(path: "convert.log"))
        let info = try GGUFInfo.read(gguf)
        #expect(info.architecture == "llama")
        #expect(!info.isQuantized)

        let completion = try toolchain.require(.completion)
        let out = try await CommandRunner.run(completion, ["-m", gguf.path, "-p", "The capital of France is", "-n", "8",
                                                           "--temp", "0", "-no-cnv", "--simple-io", "-t", "2", "--no-warmup"],
                                              timeout: .seconds(300))
        #expect(out.termination == .exited(0), "\(out.combined.suffix(800))")
        #expect(out.standardOutput?.contains("Paris") == true, "\(out.standardOutput ?? "")")
    }
}
