import Foundation
import LlamaTools
import Reports
import Testing
@testable import QuantOrchestrator

@Suite struct ChatTemplateNotesTests {
    static let own = ChatTemplateInfo(sha256: String(repeating: "a", count: 64), source: ChatTemplateInfo.fromGGUF)
    static let fallback = ChatTemplateInfo(sha256: String(repeating: "b", count: 64), source: ChatTemplateInfo.serverDefault)

    @Test func sameTemplatesEverywhereGiveNoNote() {
        #expect(ChatTemplateNotes.notes([("F16", Self.own), ("Q8_0", Self.own), ("Q4_K_M", nil)]).isEmpty)
    }

    @Test func aMissingOrDifferentTemplateIsNamed() {
        let notes = ChatTemplateNotes.notes([("F16", Self.own), ("Q8_0", Self.fallback)])
        #expect(notes.count == 2)
        #expect(notes[0].hasPrefix("Q8_0: its GGUF has no chat template (tokenizer.chat_template)"))
        #expect(notes[1].hasPrefix("Q8_0: served with another chat template than the baseline F16 (sha256 bbbbbbbbbbbb vs aaaaaaaaaaaa)"))
        // A baseline without its own template is named once, and variants sharing it are not.
        let all = ChatTemplateNotes.notes([("F16", Self.fallback), ("Q8_0", Self.fallback)])
        #expect(all.count == 2 && all.allSatisfy { $0.contains("has no chat template") })
    }
}

/// Which template a real llama-server applies, for the shipped SmolLM2 GGUF with and without
/// its `tokenizer.chat_template` (removed with llama.cpp's own gguf_new_metadata.py).
@Suite(.enabled(if: QuantorchHome().manifest() != nil, "needs scripts/bootstrap"))
struct ServedChatTemplateTests {
    @Test(.timeLimit(.minutes(4)))
    func theGGUFsTemplateOrTheServersDefaultIsRecorded() async throws {
        let manifest = try #require(QuantorchHome().manifest())
        let root = FileManager.default.temporaryDirectory.appending(path: "qo-template-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let shipped = URL(fileURLWithPath: manifest.smollm2Gguf)
        let stripped = root.appending(path: "no-template.gguf")
        let llamaCpp = URL(fileURLWithPath: manifest.llamaCpp)
        let strip = try await CommandRunner.run(
            URL(fileURLWithPath: manifest.python),
            [llamaCpp.appending(path: "gguf-py/gguf/scripts/gguf_new_metadata.py").path, "--remove-metadata", "tokenizer.chat_template",
             "--force", shipped.path, stripped.path],
            environment: ["PYTHONPATH": llamaCpp.appending(path: "gguf-py").path], timeout: .seconds(120))
        #expect(strip.termination.isSuccess, "\(strip.combined)")
        let template = try #require(try GGUFInfo.read(shipped).chatTemplate)
        #expect(try GGUFInfo.read(stripped).chatTemplate == nil)

        for (model, expected) in [(shipped, ChatTemplateInfo(sha256: FileDigest.sha256(of: Data(template.utf8)), source: ChatTemplateInfo.fromGGUF)),
                                  (stripped, nil)] {
            let configuration = ServerConfiguration(model: model, contextSize: 512, slots: 1, threads: 2,
                                                    logFile: root.appending(path: "\(model.lastPathComponent).log"), startupTimeout: .seconds(150))
            let (recorded, served) = try await ServerProcess.withServer(toolchain: Toolchain.locate(explicit: nil), configuration: configuration) { server in
                (try await ServedChatTemplate.of(model: model, client: server.client()), try await server.client().props().chatTemplate)
            }
            if let expected {
                #expect(recorded == expected)
            } else {
                let fallback = try #require(served, "llama-server reports the template it falls back to")
                #expect(!fallback.isEmpty && fallback != template)
                #expect(recorded == ChatTemplateInfo(sha256: FileDigest.sha256(of: Data(fallback.utf8)), source: ChatTemplateInfo.serverDefault))
            }
        }
    }
}
