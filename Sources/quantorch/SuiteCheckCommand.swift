import ArgumentParser
import Evaluation
import Foundation

/// `quantorch suite check`: what a suite would measure less well than it seems to, and what its
/// size can show (docs/SUITE.md "Checking a suite").
struct SuiteCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Lint a suite and print what its size can show per criterion (the figures plan prints); exits 2 on a finding."
    )

    @Argument(help: "The suite YAML.")
    var suite: String

    @Option(help: "The server context in tokens per slot: prompts estimated not to fit with max_tokens are findings.")
    var context: Int?

    func run() throws {
        if let context, context <= 0 {
            CommandFailure.say("suite check", "--context takes a token count > 0, not \(context)")
            throw QuantorchExit.badInput
        }
        let loaded: Suite
        do {
            loaded = try Suite.load(from: URL(fileURLWithPath: suite))
        } catch {
            CommandFailure.say("suite check", "\(error)")
            throw QuantorchExit.badInput
        }
        if let context, context <= loaded.sampling.maxTokens {
            CommandFailure.say("suite check", "--context \(context) leaves no room for a prompt beside the suite's sampling.max_tokens \(loaded.sampling.maxTokens): give the server's context per slot (llama-server -c divided by the slots)")
            throw QuantorchExit.badInput
        }
        let findings = SuiteLint.findings(loaded, contextTokens: context)
        let forms = loaded.forms()
        print("\(suite): \(loaded.questions.count) question\(loaded.questions.count == 1 ? "" : "s"), \(forms.count) prompt\(forms.count == 1 ? "" : "s")"
            + " (\(forms.filter { Prompt.kind(of: $0.form) == .wording }.count) wordings, \(forms.filter { $0.planted != nil }.count) false premises)")
        print(findings.isEmpty ? "no findings" : "\(findings.count) finding\(findings.count == 1 ? "" : "s"):")
        for finding in findings { print("  \(finding)") }
        print("what \(loaded.questions.count) questions can show, per criterion (default margins):")
        for line in SuiteSize.lines(questions: loaded.questions.count, margins: .defaults) { print("  " + line) }
        if !findings.isEmpty { throw QuantorchExit.badInput }
    }
}
