import Foundation

/// How curl is run for one streamed chat request: its arguments, and the configuration it
/// reads from stdin.
///
/// The command line carries nothing secret: `/proc/<pid>/cmdline` is readable by every user on
/// the machine. The Authorization header and the request body go through `--config -` on stdin
/// instead. `--disable` comes first so that a user's `~/.curlrc` cannot change the request.
///
/// No `--fail`: the status code and the error body are both wanted, so the status is printed
/// to stderr by `--write-out` after a `statusMarker`, and the body is read like any other.
struct CurlInvocation: Sendable {
    /// The full request URL, `…/v1/chat/completions`.
    let url: URL
    /// PEM file of the CA to trust instead of the system bundle.
    let caFile: URL?
    /// Limit for the whole transfer (`--max-time`).
    let timeout: Duration

    /// Precedes the HTTP status curl writes to stderr.
    static let statusMarker = "quantorch-http-status:"

    /// curl's arguments, without the executable.
    var arguments: [String] {
        var arguments = [
            "--disable", "--silent", "--show-error", "--no-buffer",
            "--proto", "=http,https", "--max-time", String(timeout.seconds),
            "--header", "Content-Type: application/json", "--header", "Accept: text/event-stream",
            "--write-out", "%{stderr}\(Self.statusMarker)%{http_code}\\n",
            "--config", "-",
        ]
        if let caFile { arguments += ["--cacert", caFile.path] }
        return arguments + ["--url", url.absoluteString]
    }

    /// The configuration text for stdin: the Bearer header when there is a key, and the body.
    func configuration(apiKey: RedactedSecret?, body: Data) -> [UInt8] {
        var lines: [String] = []
        if let apiKey { lines.append("header = " + Self.quoted("Authorization: Bearer " + apiKey.value)) }
        lines.append("data-binary = " + Self.quoted(String(decoding: body, as: UTF8.self)))
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// What curl wrote to stderr, split into the HTTP status (nil when no response came, which
    /// curl prints as 000) and its error message, e.g. "(7) Failed to connect to …". Only
    /// curl's `curl: (N) …` lines are kept when there are any: after some errors (60) it adds
    /// a paragraph of generic advice that would bury the cause.
    static func parse(standardError: String) -> (status: Int?, message: String) {
        var status: Int?
        var lines: [Substring] = []
        for line in standardError.split(whereSeparator: \.isNewline) {
            if let marker = line.range(of: statusMarker) {
                status = Int(line[marker.upperBound...]).flatMap { $0 == 0 ? nil : $0 }
                let before = line[..<marker.lowerBound]
                if !before.isEmpty { lines.append(before) }
            } else if !line.isEmpty {
                lines.append(line)
            }
        }
        let errors = lines.filter { $0.hasPrefix("curl: (") }.map { $0.dropFirst("curl: ".count) }
        return (status, (errors.isEmpty ? lines : errors).joined(separator: "; "))
    }

    /// `text` as a double-quoted curl config value: backslash escapes for `\`, `"` and the
    /// whitespace controls that would otherwise end the line (curl(1), `-K, --config`).
    static func quoted(_ text: String) -> String {
        // Scalars, not Characters: "\r\n" is a single Character and would match neither case.
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
