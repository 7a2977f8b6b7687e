import Foundation
import Subprocess
import Testing
@testable import LlamaTools
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// An HTTPS front for a plain-HTTP server on 127.0.0.1: Debian's socat terminating TLS with a
/// self-signed certificate for IP 127.0.0.1 that openssl makes in a given folder. The
/// certificate is its own CA, so it is what a client passes as its CA file.
///
/// ```swift
/// try await TLSTerminator.withTerminator(in: folder, forwardingTo: server.port) { tls in
///     let client = try RemoteChatClient(baseURL: tls.baseURL, model: "m", apiKey: key,
///                                       apiKeyVariable: "KEY", caFile: tls.certificate)
/// }
/// ```
struct TLSTerminator: Sendable {
    /// The port socat listens on.
    let port: Int
    /// The self-signed certificate (PEM), also the CA to trust.
    let certificate: URL

    /// `https://127.0.0.1:<port>/v1`, the API root of a llama-server behind it.
    var baseURL: URL { URL(string: "https://127.0.0.1:\(port)/v1")! }

    /// True when socat and openssl are on PATH (the bootstrap installs both).
    static var available: Bool { executable("socat") != nil && executable("openssl") != nil }

    /// Makes a certificate and key in `folder`, starts socat on a free port forwarding to
    /// 127.0.0.1:`serverPort`, waits until it listens, runs `body`, and stops socat.
    static func withTerminator<T: Sendable>(in folder: URL, forwardingTo serverPort: Int,
                                            _ body: @Sendable (TLSTerminator) async throws -> T) async throws -> T {
        let (certificate, key) = try await makeCertificate(in: folder, named: "tls")
        let socat = try #require(executable("socat"))
        let port = try FreePort.pick()
        var options = PlatformOptions()
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .seconds(2))]
        let result = try await Subprocess.run(
            .path(FilePath(socat.path)),
            arguments: ["OPENSSL-LISTEN:\(port),bind=127.0.0.1,cert=\(certificate.path),key=\(key.path),verify=0,fork,reuseaddr",
                        "TCP:127.0.0.1:\(serverPort)"],
            platformOptions: options, input: .none, output: .discarded, error: .discarded
        ) { execution in
            let pid = execution.processIdentifier.value
            let deadline = ContinuousClock.now + .seconds(20)
            while !FreePort.isTaken(port) {
                try #require(!ProcessStatus.hasExited(pid), "socat ended before listening on \(port)")
                try #require(ContinuousClock.now < deadline, "socat did not listen on \(port)")
                try await Task.sleep(for: .milliseconds(50))
            }
            defer { kill(pid, SIGTERM) }
            return try await body(TLSTerminator(port: port, certificate: certificate))
        }
        return result.closureResult
    }

    /// A new self-signed certificate for IP 127.0.0.1 and its key: `<name>-cert.pem` and
    /// `<name>-key.pem` in `folder`.
    static func makeCertificate(in folder: URL, named name: String) async throws -> (certificate: URL, key: URL) {
        let certificate = folder.appending(path: "\(name)-cert.pem")
        let key = folder.appending(path: "\(name)-key.pem")
        let openssl = try #require(executable("openssl"))
        let made = try await CommandRunner.run(openssl, [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", key.path, "-out", certificate.path,
        ], timeout: .seconds(60))
        try #require(made.termination.isSuccess, "openssl req failed: \(made.combined)")
        return (certificate, key)
    }

    /// The first executable `name` on PATH.
    static func executable(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appending(path: name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
