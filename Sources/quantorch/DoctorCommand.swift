import ArgumentParser
import Foundation
import LlamaTools
import QuantOrchestrator

/// `quantorch doctor`: is everything `run` needs here, and which versions.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check llama.cpp, the converter and its Python, and libgit2; print paths and versions.",
        discussion: """
        Also quantizes a real GGUF (the bootstrap's SmolLM2, or --model) to Q8_0 and Q4_K_M and runs each \
        once with llama-bench, since a build that starts can still crash on quantized weights (SIGILL when \
        it uses CPU instructions this machine refuses). --deep runs every type of the default ladder; \
        --no-smoke skips the test.
        """
    )

    @Option(name: .customLong("llama-cpp"), help: "A llama.cpp checkout (build/bin/ inside) or a folder of its binaries.")
    var llamaCpp: String?

    @Flag(help: "Print one JSON object on stdout.")
    var json = false

    @Flag(help: "Run the smoke test on every quant type of the default ladder (about a minute).")
    var deep = false

    @Flag(name: .customLong("no-smoke"), help: "Skip the quantized smoke test.")
    var noSmoke = false

    @Option(help: "The GGUF the smoke test quantizes (default: the bootstrap's SmolLM2).")
    var model: String?

    func run() async throws {
        let toolchain = Toolchain.locate(explicit: llamaCpp.map { URL(fileURLWithPath: $0, isDirectory: true) })
        var smoke: Doctor.Smoke? = noSmoke ? nil : (deep ? .deep : .quick)
        smoke?.model = model.map { URL(fileURLWithPath: $0) }
        let report = await Doctor(toolchain: toolchain, home: QuantorchHome(), smoke: smoke).run()
        if json {
            try JSONOutput.print(report)
        } else {
            print("toolchain: \(toolchain.searchDescription)")
            if let flags = report.buildFlags { print("build:     \(flags)") }
            print("backend:   \(report.backend.rawValue)")
            for check in report.checks {
                let mark = check.ok ? "ok     " : (check.path == nil ? "MISSING" : "FAILED ")
                print("\(mark) \(check.part.padding(toLength: 22, withPad: " ", startingAt: 0)) \(check.version ?? "")  \(check.path ?? "")")
            }
        }
        guard report.ok else {
            for check in report.checks where !check.ok {
                Stderr.line("quantorch doctor: \(check.part): \(check.problem ?? "unusable")")
            }
            throw QuantorchExit.failure
        }
    }
}
