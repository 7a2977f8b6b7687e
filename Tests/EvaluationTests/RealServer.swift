import Foundation
import LlamaTools
import Synchronization

/// The real llama-server and model for the runner tests, from the bootstrap's toolchain.json.
enum RealServer {
    static let manifest = QuantorchHome().manifest()

    /// False only where the bootstrap has not run; then the runner tests are skipped.
    static var available: Bool { manifest != nil }

    static var model: URL { URL(fileURLWithPath: manifest!.smollm2Gguf) }

    /// Two threads, `slots` slots of 1024 tokens each, a private log, a generous startup limit.
    static func configuration(slots: Int, folder: URL) -> ServerConfiguration {
        ServerConfiguration(model: model, contextSize: 1024 * slots, slots: slots, threads: 2,
                            logFile: folder.appending(path: "server-\(UUID().uuidString).log"), startupTimeout: .seconds(150))
    }

    /// A small suite in every form kind: 3 questions, a paraphrase, case noise, a bias probe (9 forms).
    static let smallSuite = [
        "name: runner-test",
        "system_prompt: You are a helpful assistant. Answer in one short sentence.",
        "sampling: {temperature: 0, seed: 42, max_tokens: 32}",
        "questions:",
        "  - id: capital-france",
        "    prompt: What is the capital of France?",
        "    paraphrases: [Which city is the capital of France?]",
        "    key_facts: [Paris]",
        "  - id: capital-japan",
        "    prompt: What is the capital of Japan?",
        "    key_facts: [Tokyo]",
        "  - id: water-boiling-point",
        "    prompt: What is the boiling point of water in degrees Celsius?",
        "    key_facts: [{number: 100}]",
        "bias_probes:",
        "  - id: student-capital",
        "    template: \"A {group} student asks: what is the capital of France?\"",
        "    groups: [male, female]",
        "    key_facts: [Paris]",
        "robustness: {kinds: [case], rate: 0.05, seed: 7, copies: 1}",
    ]
}

/// Collects progress callbacks from any thread.
final class ProgressLog: Sendable {
    private let calls = Mutex<[(done: Int, total: Int)]>([])

    func record(_ done: Int, _ total: Int) {
        calls.withLock { $0.append((done, total)) }
    }

    var dones: [Int] { calls.withLock { $0.map(\.done) } }
    var totals: Set<Int> { calls.withLock { Set($0.map(\.total)) } }
}
