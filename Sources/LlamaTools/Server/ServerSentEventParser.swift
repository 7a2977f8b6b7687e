import Foundation

/// Splits a byte stream in the Server-Sent Events format into the `data` payloads of its events.
///
/// Follows the WHATWG HTML "server-sent events" parsing rules for the parts llama-server uses:
/// lines end in LF, CRLF or CR; a blank line ends an event; `data:` lines (one optional space
/// after the colon) are joined with "\n"; lines starting with ":" are comments (llama-server's
/// keep-alive pings); other fields (`event`, `id`, `retry`) are ignored. Bytes may arrive split
/// anywhere, including inside a UTF-8 sequence or between CR and LF.
struct ServerSentEventParser {
    private var line: [UInt8] = []
    private var data: [String] = []
    private var hasData = false
    private var lastWasCR = false

    /// Feeds bytes; returns the payloads of the events they completed, in order.
    mutating func feed(_ bytes: some Sequence<UInt8>) -> [String] {
        var events: [String] = []
        for byte in bytes {
            if lastWasCR {
                lastWasCR = false
                if byte == 0x0A { continue }
            }
            switch byte {
            case 0x0A, 0x0D:
                lastWasCR = byte == 0x0D
                if let event = endLine() { events.append(event) }
            default:
                line.append(byte)
            }
        }
        return events
    }

    /// Ends the stream: an event without its closing blank line is still delivered, which the
    /// WHATWG rules would drop; llama-server always closes its events, so this only matters
    /// for a connection cut mid-event, where the partial payload then fails to decode loudly.
    mutating func finish() -> String? {
        if !line.isEmpty { _ = endLine() }
        return dispatch()
    }

    private mutating func endLine() -> String? {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty { return dispatch() }
        if line.first == UInt8(ascii: ":") { return nil }
        let text = String(decoding: line, as: UTF8.self)
        let field: Substring
        var value: Substring
        if let colon = text.firstIndex(of: ":") {
            field = text[..<colon]
            value = text[text.index(after: colon)...]
            if value.first == " " { value = value.dropFirst() }
        } else {
            field = text[...]
            value = ""
        }
        if field == "data" {
            data.append(String(value))
            hasData = true
        }
        return nil
    }

    private mutating func dispatch() -> String? {
        guard hasData else { return nil }
        defer {
            data.removeAll()
            hasData = false
        }
        return data.joined(separator: "\n")
    }
}
