import Foundation

/// How to run one llama-server: which model, how big a context, how many slots and threads.
///
/// The server always listens on 127.0.0.1. Its port is picked free at launch unless `port` is
/// set. `--metrics` is always on, so `ServerClient.metrics()` works.
///
/// ```swift
/// let config = ServerConfiguration(model: gguf, contextSize: 2048, slots: 4, threads: 2,
///                                  logFile: work.appending(path: "logs/server-q4_k_m.log"))
/// ```
///
/// `description`, `debugDescription` and `dump` show the API key as `<redacted>`.
public struct ServerConfiguration: Sendable {
    /// The GGUF file to serve (`-m`).
    public var model: URL
    /// Context size in tokens (`-c`), shared by all slots: each slot gets `contextSize / slots`.
    public var contextSize: Int
    /// Parallel request slots (`-np`).
    public var slots: Int
    /// CPU threads for generation (`-t`).
    public var threads: Int
    /// Layers offloaded to a GPU (`-ngl`); a CPU-only build ignores it with a warning in the log.
    public var gpuLayers: Int
    /// API key the server requires as `Authorization: Bearer`; nil for none. Handed to the server
    /// through its `LLAMA_API_KEY` environment variable, so it never appears in its command line
    /// (visible to every user via `ps`), in quantorch's logs or in error messages.
    public var apiKey: String?
    /// File that receives the server's stdout and stderr (appended; folders created).
    public var logFile: URL
    /// Longest wait from launch to `/health` answering 200 (model load included).
    public var startupTimeout: Duration
    /// Time between SIGTERM and SIGKILL when the server is stopped.
    public var stopGracePeriod: Duration
    /// Fixed port; nil (the default) picks a free one. A fixed port that is taken gives
    /// `ServerError.portTaken` instead of a retry.
    public var port: Int?
    /// Further llama-server arguments, appended after the ones derived from the fields above.
    public var extraArguments: [String]

    /// - Parameters:
    ///   - model: the GGUF file.
    ///   - contextSize: tokens of context for all slots together (default 4096).
    ///   - slots: parallel slots (default 1).
    ///   - threads: generation threads (default: the active processor count).
    ///   - gpuLayers: layers on the GPU (default 0).
    ///   - apiKey: key the server demands (default none).
    ///   - logFile: where the server's output goes.
    ///   - startupTimeout: limit for launch → healthy (default 120 s).
    ///   - stopGracePeriod: SIGTERM → SIGKILL delay (default 5 s).
    ///   - port: fixed port (default: a free one).
    ///   - extraArguments: appended verbatim.
    public init(model: URL, contextSize: Int = 4096, slots: Int = 1,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount, gpuLayers: Int = 0,
                apiKey: String? = nil, logFile: URL, startupTimeout: Duration = .seconds(120),
                stopGracePeriod: Duration = .seconds(5), port: Int? = nil, extraArguments: [String] = []) {
        self.model = model
        self.contextSize = contextSize
        self.slots = slots
        self.threads = threads
        self.gpuLayers = gpuLayers
        self.apiKey = apiKey
        self.logFile = logFile
        self.startupTimeout = startupTimeout
        self.stopGracePeriod = stopGracePeriod
        self.port = port
        self.extraArguments = extraArguments
    }

    /// llama-server's command line for `port`, without the executable and without the API key.
    func arguments(port: Int) -> [String] {
        ["-m", model.path, "--host", "127.0.0.1", "--port", String(port),
         "-c", String(contextSize), "-np", String(slots), "-t", String(threads),
         "-ngl", String(gpuLayers), "--metrics"] + extraArguments
    }
}

extension ServerConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// One line with every field, the API key shown as `<redacted>`.
    public var description: String {
        "ServerConfiguration(model: \(model.path), contextSize: \(contextSize), slots: \(slots), threads: \(threads), gpuLayers: \(gpuLayers), apiKey: \(apiKey == nil ? "nil" : "<redacted>"), logFile: \(logFile.path), port: \(port.map(String.init) ?? "free"), extraArguments: \(extraArguments))"
    }

    /// Same as `description`.
    public var debugDescription: String { description }

    /// The fields for `dump`, the API key shown as `<redacted>`.
    public var customMirror: Mirror {
        Mirror(self, children: ["model": model, "contextSize": contextSize, "slots": slots, "threads": threads,
                                "gpuLayers": gpuLayers, "apiKey": apiKey == nil ? "nil" : "<redacted>",
                                "logFile": logFile, "startupTimeout": startupTimeout, "stopGracePeriod": stopGracePeriod,
                                "port": port as Any, "extraArguments": extraArguments])
    }
}
