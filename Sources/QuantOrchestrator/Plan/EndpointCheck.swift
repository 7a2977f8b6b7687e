import Foundation

/// Plan-time warnings about endpoint entries: an API key sent over plain HTTP to another host
/// crosses the network readable by anyone on the path.
enum EndpointCheck {
    /// - Returns: one warning per endpoint entry with a key, plain `http://` and a host that is not loopback.
    static func warnings(_ recipe: Recipe) -> [String] {
        recipe.ladder.enumerated().compactMap { index, entry in
            guard case let .endpoint(endpoint) = entry.kind, endpoint.apiKeyEnvironmentVariable != nil,
                  endpoint.url.scheme?.lowercased() == "http", let host = endpoint.url.host, !isLoopback(host) else { return nil }
            return "ladder[\(index)] \(entry.name): the API key goes to \(host) over plain http://, readable on the way; use https:// (with ca_file for a private CA)"
        }
    }

    private static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}
