import Foundation

/// Turns the bytes of one HTTP/1.1 reply, received in pieces of any size, into its head, its
/// body bytes as they arrive, and its end.
///
/// Body framing follows RFC 9112 §6.3: `Transfer-Encoding: chunked` (llama-server's streamed
/// replies), else `Content-Length` (its other replies), else everything up to the connection's
/// close. 1xx interim replies are skipped; 204 and 304 have no body. Chunk extensions and
/// trailer fields are read and dropped. Lines may end in CRLF or a bare LF.
struct HTTPResponseParser {
    /// A step of the reply, in order: one `.head`, any number of `.body`, one `.end`.
    enum Event: Equatable {
        case head(HTTPResponseHead)
        case body([UInt8])
        case end
    }

    /// Longest head line or chunk-size line accepted; a longer one is a malformed reply.
    static let maximumLineBytes = 64 * 1024

    private enum Stage {
        case head
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailer
        case untilClose
        case done
    }

    private var stage = Stage.head
    private var partialLine: [UInt8] = []
    private var headLines: [String] = []

    /// Feeds received bytes; returns the events they complete.
    /// - Throws: `HTTPFailure.malformedReply` when the bytes break HTTP/1.1 framing.
    mutating func feed(_ bytes: some Collection<UInt8>) throws(HTTPFailure) -> [Event] {
        var input = ArraySlice(bytes)
        var events: [Event] = []
        while !input.isEmpty {
            switch stage {
            case .head:
                guard let line = try takeLine(&input) else { continue }
                if line.isEmpty {
                    if !headLines.isEmpty { events += try endHead() }
                } else {
                    headLines.append(String(decoding: line, as: UTF8.self))
                }
            case let .fixedBody(remaining):
                let piece = input.prefix(remaining)
                input = input.dropFirst(piece.count)
                events.append(.body(Array(piece)))
                if piece.count == remaining {
                    events.append(.end)
                    stage = .done
                } else {
                    stage = .fixedBody(remaining: remaining - piece.count)
                }
            case .chunkSize:
                guard let line = try takeLine(&input) else { continue }
                let size = try Self.chunkSize(line)
                stage = size == 0 ? .trailer : .chunkData(remaining: size)
            case let .chunkData(remaining):
                let piece = input.prefix(remaining)
                input = input.dropFirst(piece.count)
                events.append(.body(Array(piece)))
                stage = piece.count == remaining ? .chunkDataEnd : .chunkData(remaining: remaining - piece.count)
            case .chunkDataEnd:
                guard let line = try takeLine(&input) else { continue }
                guard line.isEmpty else { throw .malformedReply(detail: "chunk data longer than its declared size") }
                stage = .chunkSize
            case .trailer:
                guard let line = try takeLine(&input) else { continue }
                if line.isEmpty {
                    events.append(.end)
                    stage = .done
                }
            case .untilClose:
                events.append(.body(Array(input)))
                input = []
            case .done:
                input = []
            }
        }
        return events
    }

    /// Ends the input (the server closed the connection); returns `.end` when that completes a
    /// reply read up to the close.
    /// - Throws: `HTTPFailure.closedEarly` when the reply was not complete.
    func finish() throws(HTTPFailure) -> [Event] {
        switch stage {
        case .untilClose: return [.end]
        case .done: return []
        case .head: throw .closedEarly(detail: headLines.isEmpty && partialLine.isEmpty ? "without replying" : "in the middle of the reply's head")
        default: throw .closedEarly(detail: "before the end of the reply's body")
        }
    }

    /// The next line without its line break, or nil when the input ends first (the partial
    /// line is kept for the next feed).
    private mutating func takeLine(_ input: inout ArraySlice<UInt8>) throws(HTTPFailure) -> [UInt8]? {
        guard let newline = input.firstIndex(of: UInt8(ascii: "\n")) else {
            partialLine += input
            input = []
            guard partialLine.count <= Self.maximumLineBytes else {
                throw .malformedReply(detail: "a line longer than \(Self.maximumLineBytes) bytes")
            }
            return nil
        }
        var line = partialLine + input[..<newline]
        partialLine = []
        input = input[input.index(after: newline)...]
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        return line
    }

    /// Parses the collected head; chooses the body framing.
    private mutating func endHead() throws(HTTPFailure) -> [Event] {
        let head = try Self.head(headLines)
        headLines = []
        if (100..<200).contains(head.status) { return [] }
        if head.status == 204 || head.status == 304 {
            stage = .done
            return [.head(head), .end]
        }
        if let coding = head["Transfer-Encoding"]?.split(separator: ",").last,
           coding.trimmingCharacters(in: .whitespaces).lowercased() == "chunked" {
            stage = .chunkSize
        } else if let length = head["Content-Length"] {
            guard let count = Int(length.trimmingCharacters(in: .whitespaces)), count >= 0 else {
                throw .malformedReply(detail: "Content-Length '\(length)' is not a byte count")
            }
            if count == 0 {
                stage = .done
                return [.head(head), .end]
            }
            stage = .fixedBody(remaining: count)
        } else {
            stage = .untilClose
        }
        return [.head(head)]
    }

    private static func head(_ lines: [String]) throws(HTTPFailure) -> HTTPResponseHead {
        let statusLine = lines[0].split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."),
              statusLine[1].count == 3, let status = Int(statusLine[1]) else {
            throw .malformedReply(detail: "status line '\(lines[0].prefix(200))'")
        }
        var fields: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else {
                throw .malformedReply(detail: "header line without a colon '\(line.prefix(200))'")
            }
            fields.append((String(line[..<colon]).trimmingCharacters(in: .whitespaces),
                           String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
        }
        return HTTPResponseHead(status: status, fields: fields)
    }

    private static func chunkSize(_ line: [UInt8]) throws(HTTPFailure) -> Int {
        let text = String(decoding: line, as: UTF8.self)
        let digits = text.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces)
        guard !digits.isEmpty, digits.count <= 15, let size = Int(digits, radix: 16), size >= 0 else {
            throw .malformedReply(detail: "chunk size line '\(text.prefix(100))'")
        }
        return size
    }
}
