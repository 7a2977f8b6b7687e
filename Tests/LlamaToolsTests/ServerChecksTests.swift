import Foundation
import Testing
@testable import LlamaTools

/// `ServerChecks.compare` on hand-made probes, the probe's JSON, and where a checkpoint's chat
/// template is read from.
@Suite final class ServerChecksTests {
    static let template = "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}"
    static let tokenizations = [ProbeTokenization(text: "853.9 g/mol", tokens: [1, 23, 45]),
                                ProbeTokenization(text: "首都是北京。", tokens: [1, 67, 89])]

    private let folder: URL

    init() throws {
        folder = try makeTemporaryFolder("server-checks")
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    static func probe(template: String? = template, tokenizations: [ProbeTokenization] = tokenizations, context: Int = 2048,
                      found: Bool = true, refusal: String? = nil) -> ServerProbe {
        ServerProbe(chatTemplate: template, servedChatTemplateSHA256: FileDigest.sha256(of: Data((template ?? "builtin").utf8)),
                    tokenizations: tokenizations, contextPerSlot: context, slots: 1,
                    truncation: TruncationProbe(targetTokens: 900, promptTokens: 880, answer: found ? "QX-7361" : (refusal == nil ? "I don't know" : nil),
                                                refusal: refusal, found: found))
    }

    private func check(_ name: ServerCheck.Name, _ variant: ServerProbe, baseline: ServerProbe = probe(),
                       recipeContext: Int = 2048, source: String? = template) throws -> ServerCheck {
        let checks = ServerChecks.compare(variant: variant, baseline: baseline, recipeContext: recipeContext, sourceTemplate: source)
        #expect(checks.map(\.name) == ServerCheck.Name.allCases)
        return try #require(checks.first { $0.name == name })
    }

    @Test func identicalProbesPassEveryCheck() {
        let checks = ServerChecks.compare(variant: Self.probe(), baseline: Self.probe(), recipeContext: 2048, sourceTemplate: Self.template)
        #expect(checks.allSatisfy { $0.passed && !$0.couldChangeScores })
    }

    @Test func aMissingOrDifferentTemplateFails() throws {
        let missing = try check(.chatTemplate, Self.probe(template: nil))
        #expect(!missing.passed && missing.couldChangeScores)
        #expect(missing.detail.contains("no tokenizer.chat_template") && missing.detail.contains("built-in"))

        let replaced = try check(.chatTemplate, Self.probe(template: "{{ messages }}"))
        #expect(!replaced.passed && replaced.couldChangeScores)
        #expect(replaced.detail.contains("source checkpoint's") && replaced.detail.contains("baseline's"))

        let unlikeSource = try check(.chatTemplate, Self.probe(), source: "{{ other }}")
        #expect(!unlikeSource.passed && unlikeSource.detail.contains("source checkpoint's") && !unlikeSource.detail.contains("baseline's"))

        let baselineWithout = try check(.chatTemplate, Self.probe(), baseline: Self.probe(template: nil))
        #expect(!baselineWithout.passed && baselineWithout.detail.contains("the baseline's GGUF has none"))

        let noSource = try check(.chatTemplate, Self.probe(), source: nil)
        #expect(noSource.passed && noSource.detail.contains("no source checkpoint template"))
    }

    @Test func theFirstDifferingTextIsNamed() throws {
        var changed = Self.tokenizations
        changed[1].tokens = [1, 67, 90, 91]
        let differs = try check(.tokenization, Self.probe(tokenizations: changed))
        #expect(!differs.passed && differs.couldChangeScores)
        #expect(differs.detail.contains("首都是北京。") && differs.detail.contains("id #3") && !differs.detail.contains("853.9"))

        let fewer = try check(.tokenization, Self.probe(tokenizations: [Self.tokenizations[0]]))
        #expect(!fewer.passed && fewer.detail.contains("1 texts") && fewer.detail.contains("2"))
    }

    @Test func aSlotShorterThanTheRecipeFailsTheContextCheck() throws {
        let short = try check(.context, Self.probe(context: 1024), recipeContext: 2048)
        #expect(!short.passed && short.couldChangeScores && short.detail.contains("1024") && short.detail.contains("prompts truncated"))
        #expect(try check(.context, Self.probe(context: 4096), recipeContext: 2048).passed)
    }

    @Test func aMissedMarkerWithEnoughContextIsLostRecall() throws {
        let lost = try check(.truncation, Self.probe(context: 2048, found: false))
        #expect(!lost.passed && lost.couldChangeScores)
        #expect(lost.detail.contains("lost recall at this length, not context"))
        #expect(lost.detail.contains("I don't know"))
    }

    @Test func aMissedMarkerWithTooLittleContextIsTruncation() throws {
        let cut = try check(.truncation, Self.probe(context: 512, found: false, refusal: "exceeds the available context size"))
        #expect(!cut.passed && cut.couldChangeScores)
        #expect(cut.detail.contains("context truncated") && cut.detail.contains("exceeds the available context size"))
        #expect(!cut.detail.contains("lost recall"))
    }

    @Test func aBaselineThatMissesTheMarkerMakesTheCheckInconclusive() throws {
        let check = try check(.truncation, Self.probe(found: false), baseline: Self.probe(found: false))
        #expect(!check.passed && !check.couldChangeScores)
        #expect(check.detail.hasPrefix("inconclusive: the baseline does not recall the marker at this length"))
    }

    @Test func probeAndCheckEncodeAsSnakeCase() throws {
        let probe = Self.probe()
        let data = try JSONEncoder().encode(probe)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["chat_template", "chat_template_sha256", "served_chat_template_sha256", "tokenizations",
                                     "context_per_slot", "slots", "truncation"])
        #expect(object["chat_template_sha256"] as? String == FileDigest.sha256(of: Data(Self.template.utf8)))
        let truncation = try #require(object["truncation"] as? [String: Any])
        #expect(Set(truncation.keys) == ["marker", "target_tokens", "prompt_tokens", "answer", "found"])
        #expect(try JSONDecoder().decode(ServerProbe.self, from: data) == probe)

        let check = ServerCheck(name: .chatTemplate, passed: false, couldChangeScores: true, detail: "x")
        let encoded = String(decoding: try JSONEncoder().encode(check), as: UTF8.self)
        #expect(encoded.contains("\"could_change_scores\":true") && encoded.contains("\"name\":\"chat_template\""))
    }

    @Test func theSourceTemplateIsFoundWhereTheConverterLooks() throws {
        let checkpoint = folder.appending(path: "ckpt", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: checkpoint, withIntermediateDirectories: true)
        #expect(try SourceChatTemplate.read(checkpointDirectory: checkpoint) == nil)

        try Data(#"{"chat_template": "from json"}"#.utf8).write(to: checkpoint.appending(path: "chat_template.json"))
        #expect(try SourceChatTemplate.read(checkpointDirectory: checkpoint) == "from json")
        try Data("from jinja".utf8).write(to: checkpoint.appending(path: "chat_template.jinja"))
        #expect(try SourceChatTemplate.read(checkpointDirectory: checkpoint) == "from jinja")

        let config = checkpoint.appending(path: "tokenizer_config.json")
        try Data(#"{"bos_token": "<s>"}"#.utf8).write(to: config)
        #expect(try SourceChatTemplate.read(checkpointDirectory: checkpoint) == "from jinja")
        try Data(#"{"chat_template": [{"name": "tool_use", "template": "tools"}, {"name": "default", "template": "the default"}]}"#.utf8).write(to: config)
        #expect(try SourceChatTemplate.read(checkpointDirectory: checkpoint) == "the default")
        try Data(#"{"chat_template": "the string"}"#.utf8).write(to: config)
        #expect(try SourceChatTemplate.read(checkpointDirectory: checkpoint) == "the string")

        try Data(#"{"chat_template": null}"#.utf8).write(to: config)
        #expect(try SourceChatTemplate.read(checkpointDirectory: checkpoint) == nil, "a null field hides the other files, as in the converter")

        try Data(#"{"chat_template": 3}"#.utf8).write(to: config)
        #expect(throws: SourceChatTemplateError.self) { try SourceChatTemplate.read(checkpointDirectory: checkpoint) }
        try Data("not json".utf8).write(to: config)
        let error = #expect(throws: SourceChatTemplateError.self) { try SourceChatTemplate.read(checkpointDirectory: checkpoint) }
        #expect(error?.description.contains(config.path) == true)
    }
}
