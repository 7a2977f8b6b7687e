import Foundation

/// A llama-server that answered `/health` with 200. Exists only inside the body of
/// `ServerProcess.withServer`, which stops the server when the body ends; do not keep it.
public struct RunningServer: Sendable {
    /// `http://127.0.0.1:<port>`.
    public let baseURL: URL
    /// The TCP port it listens on.
    public let port: Int
    /// Its process id.
    public let processID: Int32
    /// Seconds from launch to the first `/health` 200 (process start plus model load).
    public let loadSeconds: Double
    private let apiKey: RedactedSecret?

    init(port: Int, processID: Int32, loadSeconds: Double, apiKey: RedactedSecret?) {
        baseURL = URL(string: "http://127.0.0.1:\(port)")!
        self.port = port
        self.processID = processID
        self.loadSeconds = loadSeconds
        self.apiKey = apiKey
    }

    /// Peak resident memory so far (`VmHWM` from `/proc/<pid>/status`), in bytes; nil once the
    /// process has exited or where `/proc` is unavailable. Sample it at the end of the body,
    /// since the value only grows while the server runs.
    public func peakRSSBytes() -> Int? {
        ProcessStatus.peakResidentBytes(processID)
    }

    /// A client for this server, carrying its API key.
    /// - Parameter timeout: per-request limit (default 600 s).
    public func client(timeout: Duration = .seconds(600)) -> ServerClient {
        ServerClient(baseURL: baseURL, apiKey: apiKey?.value, timeout: timeout)
    }
}
