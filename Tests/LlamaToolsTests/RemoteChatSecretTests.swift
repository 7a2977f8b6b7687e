import Foundation
import Testing
@testable import LlamaTools

/// The API key of a `RemoteChatClient` goes to curl on stdin only: never on its command line,
/// in the client's description, debug description or dump.
struct RemoteChatSecretTests {
    static let key = "qo-secret-\(UUID().uuidString)"

    static func client(caFile: URL? = URL(fileURLWithPath: "/tmp/ca.pem")) throws -> RemoteChatClient {
        try RemoteChatClient(baseURL: URL(string: "https://gpu-box:8443/v1/")!, model: "qwen", apiKey: key,
                             apiKeyVariable: "QO_KEY", caFile: caFile)
    }

    @Test func theKeyIsOnStdinAndNotInCurlsArguments() throws {
        let client = try Self.client()
        let invocation = client.invocation
        #expect(!invocation.arguments.joined(separator: " ").contains(Self.key))
        #expect(invocation.arguments.first == "--disable")
        #expect(invocation.arguments.suffix(2) == ["--url", "https://gpu-box:8443/v1/chat/completions"])
        #expect(invocation.arguments.contains("--cacert") && invocation.arguments.contains("/tmp/ca.pem"))
        let stdin = String(decoding: invocation.configuration(apiKey: RedactedSecret(value: Self.key), body: Data("{}".utf8)), as: UTF8.self)
        #expect(stdin == "header = \"Authorization: Bearer \(Self.key)\"\ndata-binary = \"{}\"\n")
    }

    @Test func withoutAKeyNoAuthorizationHeaderIsSent() throws {
        let anonymous = try RemoteChatClient(baseURL: URL(string: "http://127.0.0.1:1/v1")!, model: "m", apiKey: "", apiKeyVariable: "QO_KEY")
        #expect(!anonymous.invocation.arguments.contains("--cacert"))
        let stdin = String(decoding: anonymous.invocation.configuration(apiKey: nil, body: Data("{}".utf8)), as: UTF8.self)
        #expect(!stdin.contains("Authorization"))
        #expect(anonymous.description.contains("apiKey: nil"))
    }

    @Test func descriptionsAndDumpMaskTheKey() throws {
        let client = try Self.client()
        var dumped = ""
        dump(client, to: &dumped)
        for text in [client.description, client.debugDescription, String(reflecting: client), dumped] {
            #expect(!text.contains(Self.key))
        }
        #expect(client.description.contains("<redacted>") && client.description.contains("$QO_KEY"))
    }

    @Test func aKeyWithALineBreakIsRefusedByName() {
        #expect(throws: RemoteChatError.keyHasControlCharacters(variable: "QO_KEY")) {
            try RemoteChatClient(baseURL: URL(string: "https://h/v1")!, model: "m", apiKey: "abc\n", apiKeyVariable: "QO_KEY")
        }
    }

    @Test func onlyHTTPAndHTTPSURLsAreAccepted() {
        #expect(throws: RemoteChatError.unsupportedURL(url: "ftp://h/v1")) {
            try RemoteChatClient(baseURL: URL(string: "ftp://h/v1")!, model: "m", apiKey: nil, apiKeyVariable: "QO_KEY")
        }
    }

    @Test func theBodyHoldsOnlyOpenAIFields() throws {
        let request = ChatRequest(messages: [ChatMessage(role: "user", content: "hi")], temperature: 0, seed: 7, maxTokens: 9)
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(RemoteChatBody(model: "qwen", request: request))) as? [String: Any]
        let body = try #require(json)
        #expect(Set(body.keys) == ["model", "messages", "temperature", "seed", "max_tokens", "stream", "stream_options"])
        #expect(body["model"] as? String == "qwen")
        #expect(body["max_tokens"] as? Int == 9)
        #expect(body["stream"] as? Bool == true)
        #expect((body["stream_options"] as? [String: Any])?["include_usage"] as? Bool == true)
    }
}
