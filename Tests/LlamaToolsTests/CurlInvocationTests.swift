import Foundation
import Testing
@testable import LlamaTools

/// curl's config quoting and the reading of its stderr.
struct CurlInvocationTests {
    @Test func quotingEscapesWhatWouldEndOrBreakTheValue() {
        #expect(CurlInvocation.quoted(#"a"b\c"#) == #""a\"b\\c""#)
        #expect(CurlInvocation.quoted("x\r\ny\tz") == #""x\r\ny\tz""#)
        #expect(CurlInvocation.quoted("café") == "\"café\"")
    }

    @Test func standardErrorGivesTheStatusAndCurlsMessage() {
        let failed = CurlInvocation.parse(standardError: "curl: (7) Failed to connect to 127.0.0.1 port 9: Connection refused\nquantorch-http-status:000\n")
        #expect(failed.status == nil)
        #expect(failed.message == "(7) Failed to connect to 127.0.0.1 port 9: Connection refused")
        let untrusted = CurlInvocation.parse(standardError: """
            curl: (60) SSL certificate problem: self-signed certificate
            More details here: https://curl.se/docs/sslcerts.html

            curl failed to verify the legitimacy of the server and therefore could not
            quantorch-http-status:000

            """)
        #expect(untrusted.message == "(60) SSL certificate problem: self-signed certificate")
        #expect(CurlInvocation.parse(standardError: "Warning: odd\n").message == "Warning: odd")
        let answered = CurlInvocation.parse(standardError: "quantorch-http-status:401\n")
        #expect(answered.status == 401)
        #expect(answered.message.isEmpty)
    }
}
