import Foundation
import Testing
@testable import LlamaTools

/// The HTTP/1.1 reply parser on replies shaped like llama-server's, fed in pieces.
@Suite struct ServerHTTPResponseParserTests {
    /// A streamed reply as llama-server sends it (captured with `curl -v`), chunked, with a chunk
    /// extension and a trailer field added to exercise the parts it may legally send.
    static let chunkedReply = Array("""
        HTTP/1.1 200 OK\r
        Server: llama.cpp\r
        Content-Type: text/event-stream\r
        Transfer-Encoding: chunked\r
        \r
        1b\r
        data: {"content":"Hello"}\n\n\r
        1D;ext=1\r
        data: {"content":"!"}\n\ndata: \r
        8\r
        [DONE]\n\n\r
        0\r
        X-Trailer: ignored\r
        \r

        """.utf8)

    static let chunkedBody = #"data: {"content":"Hello"}"# + "\n\n" + #"data: {"content":"!"}"# + "\n\ndata: [DONE]\n\n"

    @Test func chunkedBodyIsReassembledAtEverySplitPoint() throws {
        for split in 1..<Self.chunkedReply.count {
            var parser = HTTPResponseParser()
            let events = try parser.feed(Self.chunkedReply[..<split]) + parser.feed(Self.chunkedReply[split...])
            #expect(Self.body(of: events) == Self.chunkedBody, "split at byte \(split)")
            #expect(events.last == .end, "split at byte \(split)")
            #expect(events.first.flatMap(Self.head)?.status == 200)
        }
    }

    @Test func chunkedBodyFedOneByteAtATime() throws {
        var parser = HTTPResponseParser()
        var events: [HTTPResponseParser.Event] = []
        for byte in Self.chunkedReply { events += try parser.feed([byte]) }
        #expect(Self.body(of: events) == Self.chunkedBody)
        #expect(events.filter { $0 == .end }.count == 1)
        #expect(try parser.finish().isEmpty)
    }

    @Test func contentLengthEndsTheBodyWithoutWaitingForClose() throws {
        var parser = HTTPResponseParser()
        let reply = Array("HTTP/1.1 401 Unauthorized\r\nContent-Length: 15\r\n\r\n{\"error\":\"no\"}\nextra bytes".utf8)
        let events = try parser.feed(reply[..<40]) + parser.feed(reply[40...])
        #expect(events.first.flatMap(Self.head)?.status == 401)
        #expect(Self.body(of: events) == "{\"error\":\"no\"}\n")
        #expect(events.last == .end)
    }

    @Test func zeroLengthAndNoContentRepliesEndAtTheHead() throws {
        var empty = HTTPResponseParser()
        #expect(try empty.feed(Array("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".utf8)).last == .end)
        var noContent = HTTPResponseParser()
        #expect(try noContent.feed(Array("HTTP/1.1 204 No Content\r\n\r\n".utf8)).last == .end)
    }

    @Test func headerNamesAreCaseInsensitiveAndRepeatsAreJoined() throws {
        var parser = HTTPResponseParser()
        let events = try parser.feed(Array("HTTP/1.1 200 OK\nCONTENT-length:  3 \nx-a: 1\nX-A: 2\n\nabc".utf8))
        let head = try #require(events.first.flatMap(Self.head))
        #expect(head["Content-Length"] == "3")
        #expect(head["x-A"] == "1, 2")
        #expect(head["Missing"] == nil)
        #expect(Self.body(of: events) == "abc")
        #expect(events.last == .end)
    }

    @Test func bodyWithoutFramingLastsUntilClose() throws {
        var parser = HTTPResponseParser()
        var events = try parser.feed(Array("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n\r\npart one, ".utf8))
        events += try parser.feed(Array("part two".utf8))
        #expect(!events.contains(.end))
        events += try parser.finish()
        #expect(events.compactMap(Self.head).map(\.status) == [200])
        #expect(Self.body(of: events) == "part one, part two")
        #expect(events.last == .end)
    }

    @Test func closeBeforeTheEndIsAnError() throws {
        let silent = HTTPResponseParser()
        #expect(throws: HTTPFailure.closedEarly(detail: "without replying")) { try silent.finish() }
        var truncated = HTTPResponseParser()
        _ = try truncated.feed(Self.chunkedReply[..<120])
        #expect(throws: HTTPFailure.closedEarly(detail: "before the end of the reply's body")) { try truncated.finish() }
    }

    @Test func malformedRepliesAreRejected() {
        var notHTTP = HTTPResponseParser()
        #expect(throws: HTTPFailure.self) { try notHTTP.feed(Array("SSH-2.0-OpenSSH\r\n\r\n".utf8)) }
        var badChunk = HTTPResponseParser()
        #expect(throws: HTTPFailure.self) {
            try badChunk.feed(Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n".utf8))
        }
        var longChunk = HTTPResponseParser()
        #expect(throws: HTTPFailure.self) {
            try longChunk.feed(Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n".utf8))
        }
        var badLength = HTTPResponseParser()
        #expect(throws: HTTPFailure.self) { try badLength.feed(Array("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n".utf8)) }
    }

    @Test func requestCarriesTheKeyOnlyOnTheWire() {
        let request = HTTPRequest(method: "POST", path: "/tokenize", jsonBody: Data("{}".utf8), apiKey: RedactedSecret(value: "s3cret"))
        let wire = String(decoding: request.serialized(host: "127.0.0.1:8080"), as: UTF8.self)
        #expect(wire == "POST /tokenize HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nConnection: close\r\nAccept: */*\r\n"
            + "Content-Type: application/json\r\nContent-Length: 2\r\nAuthorization: Bearer s3cret\r\n\r\n{}")
        #expect(!String(describing: request).contains("s3cret"))
        #expect(!String(reflecting: request).contains("s3cret"))
    }

    private static func head(_ event: HTTPResponseParser.Event) -> HTTPResponseHead? {
        if case let .head(head) = event { head } else { nil }
    }

    private static func body(of events: [HTTPResponseParser.Event]) -> String {
        String(decoding: events.flatMap { event -> [UInt8] in
            if case let .body(bytes) = event { bytes } else { [] }
        }, as: UTF8.self)
    }
}
