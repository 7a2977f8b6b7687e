import Foundation
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Client for a model someone else serves behind an OpenAI-compatible chat completions API
/// (vLLM, a hosted API, another llama-server), over HTTPS or HTTP.
///
/// `baseURL` is the API root ending in `/v1`, e.g. `https://host:8443/v1`; requests go to
/// `POST <baseURL>/chat/completions`, streamed, with only standard OpenAI fields (model,
/// messages, temperature, seed, max_tokens, stream, stream_options).
///
/// The transport is the `curl` executable on `PATH`: swift-corelibs-foundation's URLSession
/// trusts only the system CA bundle, and a self-signed or private CA is the common case for
/// an endpoint on one's own network. The API key is handed to curl on stdin, never on its
/// command line, and is masked from every error, `description`, `debugDescription` and `dump`.
///
/// ```swift
/// let client = try RemoteChatClient(baseURL: URL(string: "https://gpu-box:8443/v1")!, model: "qwen2.5-7b",
///                                   apiKey: ProcessInfo.processInfo.environment["QUANTORCH_ENDPOINT_KEY"],
///                                   apiKeyVariable: "QUANTORCH_ENDPOINT_KEY",
///                                   caFile: URL(fileURLWithPath: "/etc/quantorch/endpoint-ca.pem"))
/// let answer = try await client.chatStreamed(request)
/// ```
public struct RemoteChatClient: ChatEndpoint {
    /// The API root as given, ending in `/v1`.
    public let baseURL: URL
    /// The model name sent in each request (`model`), as the endpoint lists it.
    public let model: String
    /// The environment variable the key was read from; named in errors instead of the key.
    public let apiKeyVariable: String
    /// PEM file of the CA that signed the server's certificate; nil trusts the system bundle.
    public let caFile: URL?
    /// Longest one request may take, connection and the whole streamed answer included.
    public let timeout: Duration
    /// `POST` target: `baseURL` + `/chat/completions`.
    public let completionsURL: URL
    private let apiKey: RedactedSecret?
    private let curl: URL

    /// Most bytes kept of curl's stderr; its messages are one or two lines.
    private static let standardErrorLimit = 1024 * 1024

    /// - Parameters:
    ///   - baseURL: the API root ending in `/v1` (http or https).
    ///   - model: the model name the endpoint serves.
    ///   - apiKey: the key, read by the caller from `apiKeyVariable`; nil or empty sends none.
    ///   - apiKeyVariable: the variable's name, for error messages.
    ///   - caFile: CA to trust instead of the system bundle (default none).
    ///   - timeout: per-request limit (default 600 s).
    /// - Throws: `RemoteChatError.unsupportedURL`, `.keyHasControlCharacters`, `.curlMissing`.
    public init(baseURL: URL, model: String, apiKey: String?, apiKeyVariable: String,
                caFile: URL? = nil, timeout: Duration = .seconds(600)) throws(RemoteChatError) {
        guard let scheme = baseURL.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = baseURL.host(), !host.isEmpty else {
            throw .unsupportedURL(url: baseURL.absoluteString)
        }
        if let apiKey, apiKey.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw .keyHasControlCharacters(variable: apiKeyVariable)
        }
        self.baseURL = baseURL
        self.model = model
        self.apiKeyVariable = apiKeyVariable
        self.caFile = caFile
        self.timeout = timeout
        self.apiKey = apiKey.flatMap { $0.isEmpty ? nil : RedactedSecret(value: $0) }
        let root = baseURL.absoluteString.hasSuffix("/") ? String(baseURL.absoluteString.dropLast()) : baseURL.absoluteString
        completionsURL = URL(string: root + "/chat/completions") ?? baseURL.appending(path: "chat/completions")
        curl = try Self.locateCurl()
    }

    /// How curl is run for each request; the tests check that its arguments hold no key.
    var invocation: CurlInvocation { CurlInvocation(url: completionsURL, caFile: caFile, timeout: timeout) }

    /// `POST …/chat/completions` with `stream: true` and `stream_options.include_usage`.
    ///
    /// `ttftSeconds` runs from launching curl (so it includes connecting and the TLS handshake)
    /// to the first chunk with non-empty content. `promptTokens` and `completionTokens` come
    /// from the final chunk's `usage` (0 when the endpoint sent none); `timings` stays nil.
    /// - Throws: `RemoteChatError` (each case names `completionsURL` and `model`), or
    ///   `CancellationError` when the task is cancelled (curl is then stopped).
    public func chatStreamed(_ request: ChatRequest) async throws -> ChatResponse {
        let invocation = invocation
        let input = invocation.configuration(apiKey: apiKey,
                                             body: try JSONEncoder().encode(RemoteChatBody(model: model, request: request)))
        let start = ContinuousClock.now
        let result: ExecutionResult<RemoteChatStream, SequenceOutput, StringOutput<UTF8>>
        do {
            result = try await Subprocess.run(
                .path(FilePath(curl.path)), arguments: Arguments(invocation.arguments),
                platformOptions: CommandRunner.gracefulTeardown(),
                input: .array(input), output: .sequence, error: .string(limit: Self.standardErrorLimit)
            ) { execution in
                // Unregistered when its output ends, before swift-subprocess reaps it.
                let pid = execution.processIdentifier.value
                await ChildProcessRegistry.register(pid, name: "curl \(model)", watchdog: false)
                defer { ChildProcessRegistry.unregister(pid) }
                var stream = RemoteChatStream()
                for try await buffer in execution.standardOutput {
                    let now = ContinuousClock.now
                    buffer.withUnsafeBytes { stream.feed($0, at: now) }
                }
                stream.finish(at: .now)
                return stream
            }
        } catch let error as SubprocessError {
            try Task.checkCancellation()
            throw RemoteChatError.launchFailed(executable: curl.path, reason: "\(error)")
        }
        try Task.checkCancellation()
        let stream = result.closureResult
        let (status, message) = CurlInvocation.parse(standardError: masked(result.standardError))
        try check(ProcessTermination(result.terminationStatus), status: status, message: message, stream: stream)
        return ChatResponse(text: stream.text, finishReason: stream.finishReason,
                            promptTokens: stream.usage?.promptTokens ?? 0, completionTokens: stream.usage?.completionTokens ?? 0,
                            ttftSeconds: stream.firstContent.map { start.duration(to: $0).seconds },
                            wallSeconds: start.duration(to: .now).seconds, timings: nil)
    }

    /// Passes a complete 2xx stream; otherwise throws what went wrong, curl's failure first.
    private func check(_ termination: ProcessTermination, status: Int?, message: String,
                       stream: RemoteChatStream) throws(RemoteChatError) {
        let url = completionsURL.absoluteString
        guard termination.isSuccess else { throw curlFailure(termination, message: message) }
        guard let status else {
            throw .transferFailed(url: url, model: model, termination: termination, detail: "no HTTP status came back. \(message)")
        }
        let body = masked(String(decoding: stream.head.prefix(300), as: UTF8.self))
        switch status {
        case 200..<300:
            if let problem = stream.problem { throw .malformedStream(url: url, model: model, reason: masked(problem)) }
        case 401, 403:
            throw .keyRefused(url: url, model: model, status: status, variable: apiKeyVariable, keySent: apiKey != nil, body: body)
        default:
            throw .httpStatus(url: url, model: model, status: status, body: body)
        }
    }

    /// The error for curl's exit code (curl(1), EXIT CODES) or signal.
    private func curlFailure(_ termination: ProcessTermination, message: String) -> RemoteChatError {
        let url = completionsURL.absoluteString
        guard case let .exited(code) = termination else {
            return .transferFailed(url: url, model: model, termination: termination, detail: message)
        }
        return switch code {
        case 6: .hostNotFound(url: url, model: model, host: completionsURL.host() ?? url)
        case 7: .connectionRefused(url: url, model: model, detail: message)
        case 28: .timedOut(url: url, model: model, after: timeout)
        case 35: .tlsHandshakeFailed(url: url, model: model, detail: message)
        case 60: .certificateNotTrusted(url: url, model: model, caFile: caFile?.path, detail: message)
        case 77: .caFileUnusable(url: url, model: model, caFile: caFile?.path ?? "(system bundle)", detail: message)
        default: .transferFailed(url: url, model: model, termination: termination, detail: message)
        }
    }

    /// `text` with the key replaced by `<redacted>`: servers may echo a refused key.
    private func masked(_ text: String) -> String {
        guard let apiKey else { return text }
        return text.replacingOccurrences(of: apiKey.value, with: "<redacted>")
    }

    /// The first executable `curl` on `PATH`.
    private static func locateCurl() throws(RemoteChatError) -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appending(path: "curl")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw .curlMissing(searchPath: path)
    }
}

extension RemoteChatClient: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The endpoint, model and key variable; the key itself only as `<redacted>`.
    public var description: String {
        "RemoteChatClient(completionsURL: \(completionsURL.absoluteString), model: \(model), apiKey: \(apiKey == nil ? "nil" : "<redacted>") from $\(apiKeyVariable), caFile: \(caFile?.path ?? "nil"), timeout: \(timeout))"
    }

    /// Same as `description`.
    public var debugDescription: String { description }

    /// The fields for `dump`, the key shown as `<redacted>`.
    public var customMirror: Mirror {
        Mirror(self, children: ["completionsURL": completionsURL, "model": model, "apiKey": apiKey == nil ? "nil" : "<redacted>",
                                "apiKeyVariable": apiKeyVariable, "caFile": caFile as Any, "timeout": timeout])
    }
}
