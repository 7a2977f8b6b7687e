import Foundation
import Testing
@testable import LlamaTools

/// `ServerProbe.measure` and `ServerChecks.compare` against real llama-servers serving the
/// bootstrap's SmolLM2: the same model twice, its GGUF with the chat template removed and
/// replaced (by llama.cpp's own gguf_new_metadata.py), and a slot shorter than the recipe's.
@Suite(.serialized, .enabled(if: ServerTestSupport.available, "needs the bootstrap's toolchain.json"))
final class ServerProbeRunTests {
    /// The suite the probes stand for: its first prompt, and a longest prompt and max_tokens
    /// adding up to 700 tokens, within the 1024 of the test servers but over 512.
    static let firstPrompt = "What is the capital of France?"
    static let longestPromptTokens = 560
    static let maxTokens = 140
    static let recipeContext = 1024
    static let replacement = "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"

    private let folder: URL

    init() throws {
        folder = try makeTemporaryFolder("server-probe")
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// The shipped GGUF's probe, measured once for both tests: a server start saved.
    private static let baseline = Task { try await probe(ServerTestSupport.model, name: "baseline") }

    private static func probe(_ model: URL, contextSize: Int = recipeContext, name: String) async throws -> ServerProbe {
        var configuration = ServerTestSupport.configuration("probe-\(name)", model: model)
        configuration.contextSize = contextSize
        return try await ServerProcess.withServer(toolchain: ServerTestSupport.toolchain, configuration: configuration) { server in
            try await ServerProbe.measure(client: server.client(timeout: .seconds(120)), model: model, firstPrompt: Self.firstPrompt,
                                          longestPromptTokens: Self.longestPromptTokens, maxTokens: Self.maxTokens)
        }
    }

    /// The shipped GGUF rewritten by gguf_new_metadata.py with `options`.
    private func rewritten(_ name: String, _ options: [String]) async throws -> URL {
        let manifest = try #require(ServerTestSupport.manifest)
        let llamaCpp = URL(fileURLWithPath: manifest.llamaCpp)
        let output = folder.appending(path: "\(name).gguf")
        let run = try await CommandRunner.run(
            URL(fileURLWithPath: manifest.python),
            [llamaCpp.appending(path: "gguf-py/gguf/scripts/gguf_new_metadata.py").path] + options + ["--force", ServerTestSupport.model.path, output.path],
            environment: ["PYTHONPATH": llamaCpp.appending(path: "gguf-py").path], timeout: .seconds(120))
        #expect(run.termination.isSuccess, "\(run.combined)")
        return output
    }

    private static var sourceTemplate: String? {
        get throws { try SourceChatTemplate.read(checkpointDirectory: RealToolchain.checkpoint) }
    }

    @Test(.timeLimit(.minutes(5)))
    func theSameModelTwicePassesAndAShortSlotFailsTheContextCheck() async throws {
        let baseline = try await Self.baseline.value
        #expect(baseline.contextPerSlot == Self.recipeContext && baseline.slots == 1)
        #expect(baseline.chatTemplate == (try Self.sourceTemplate) && baseline.chatTemplate?.contains("im_start") == true)
        #expect(baseline.tokenizations.map(\.text) == ServerProbeTexts.all(firstPrompt: Self.firstPrompt))
        #expect(baseline.tokenizations.allSatisfy { !$0.tokens.isEmpty })
        let truncation = baseline.truncation
        #expect(truncation.targetTokens == Self.longestPromptTokens + Self.maxTokens)
        #expect(truncation.promptTokens <= truncation.targetTokens - TruncationProbe.answerTokens)
        #expect(truncation.promptTokens > truncation.targetTokens - TruncationProbe.answerTokens - 20)
        #expect(truncation.found, "the baseline answered \(truncation.answer ?? "nothing")")

        let again = try await Self.probe(ServerTestSupport.model, name: "again")
        let same = ServerChecks.compare(variant: again, baseline: baseline, recipeContext: Self.recipeContext, sourceTemplate: try Self.sourceTemplate)
        #expect(same.allSatisfy { $0.passed }, "\(same)")
        #expect(again.tokenizations == baseline.tokenizations)

        let short = try await Self.probe(ServerTestSupport.model, contextSize: 512, name: "short")
        #expect(short.contextPerSlot == 512)
        #expect(short.truncation.refusal?.contains("context") == true, "\(short.truncation)")
        let checks = ServerChecks.compare(variant: short, baseline: baseline, recipeContext: Self.recipeContext, sourceTemplate: try Self.sourceTemplate)
        let context = try #require(checks.first { $0.name == .context })
        #expect(!context.passed && context.couldChangeScores, "\(context)")
        let recall = try #require(checks.first { $0.name == .truncation })
        #expect(!recall.passed && recall.detail.hasPrefix("context truncated"), "\(recall)")
        #expect(checks.first { $0.name == .tokenization }?.passed == true)
    }

    @Test(.timeLimit(.minutes(5)))
    func aRemovedOrReplacedTemplateFailsTheTemplateCheck() async throws {
        let removed = try await rewritten("removed", ["--remove-metadata", "tokenizer.chat_template"])
        let replaced = try await rewritten("replaced", ["--chat-template", Self.replacement])
        let baseline = try await Self.baseline.value

        let withoutTemplate = try await Self.probe(removed, name: "removed")
        #expect(withoutTemplate.chatTemplate == nil && withoutTemplate.chatTemplateSHA256 == nil)
        #expect(withoutTemplate.servedChatTemplateSHA256 != baseline.servedChatTemplateSHA256)
        let missing = try #require(ServerChecks.compare(variant: withoutTemplate, baseline: baseline, recipeContext: Self.recipeContext,
                                                        sourceTemplate: try Self.sourceTemplate).first { $0.name == .chatTemplate })
        #expect(!missing.passed && missing.couldChangeScores && missing.detail.contains("built-in"), "\(missing)")

        let otherTemplate = try await Self.probe(replaced, name: "replaced")
        #expect(otherTemplate.chatTemplate == Self.replacement)
        let checks = ServerChecks.compare(variant: otherTemplate, baseline: baseline, recipeContext: Self.recipeContext, sourceTemplate: try Self.sourceTemplate)
        let different = try #require(checks.first { $0.name == .chatTemplate })
        #expect(!different.passed && different.couldChangeScores, "\(different)")
        #expect(different.detail.contains("source checkpoint's") && different.detail.contains("baseline's"))
        #expect(checks.first { $0.name == .tokenization }?.passed == true, "the tokenizer is untouched")
    }
}
