import Foundation
import LlamaTools
import Testing

/// `quantorch doctor` names the backend llama.cpp was built with, in both of its outputs.
@Suite(.enabled(if: QuantorchHome().manifest() != nil, "needs scripts/bootstrap"))
struct DoctorCommandTests {
    // This machine has no GPU, so its bootstrap built for the CPU.
    @Test(.timeLimit(.minutes(3)))
    func jsonAndTextNameTheCPUBackendHere() async throws {
        let env = ["QUANTORCH_LLAMA_CPP": ""]
        let json = try await QuantorchBinary.run(["doctor", "--json", "--no-smoke"], environment: env)
        #expect(json.exitCode == 0, "\(json.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["backend"] as? String == "cpu", "\(json.stdout)")
        let text = try await QuantorchBinary.run(["doctor", "--no-smoke"], environment: env)
        #expect(text.exitCode == 0, "\(text.stderr)")
        #expect(text.stdout.split(separator: "\n").contains("backend:   cpu"), "\(text.stdout)")
    }
}
