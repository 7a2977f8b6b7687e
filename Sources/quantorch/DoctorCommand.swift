import ArgumentParser
import Foundation
import LlamaTools
import QuantOrchestrator

/// `quantorch doctor`: is everything `run` needs here, and which versions.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check llama.cpp, the converter and its Python, and libgit2; print paths and versions."
    )

    @Option(name: .customLong("llama-cpp"), help: "A llama.cpp checkout (build/bin/ inside) or a folder of its binaries.")
    var llamaCpp: String?

    @Flag(help: "Print one JSON object on stdout.")
    var json = false

    func run() async throws {
        let toolchain = Toolchain.locate(explicit: llamaCpp.map { URL(fileURLWithPath: $0, isDirectory: true) })
        let report = await Doctor(toolchain: toolchain, home: QuantorchHome()).run()
        if json {
            try JSONOutput.print(report)
        } else {
            print("toolchain: \(toolchain.searchDescription)")
            for check in report.checks {
                let mark = check.ok ? "ok     " : "MISSING"
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
