import ArgumentParser
import Evaluation
import Foundation
import LlamaTools
import QuantOrchestrator

/// `quantorch suite init`: a reviewable suite from the user's fine-tuning data (docs/SUITE.md).
struct SuiteInitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a suite from fine-tuning data: questions, their key facts, false premises and (with a paraphraser) paraphrases.",
        discussion: "Reads Alpaca, ShareGPT, OpenAI messages, prompt/completion JSON or JSONL, or CSV with named columns, streaming. The same file, --questions and --seed give the same suite."
    )

    @Option(help: "The fine-tuning data set (JSON, JSONL or CSV).")
    var from: String

    @Option(help: "Where to write the suite YAML.")
    var out: String

    @Option(help: "Questions to pick; at 100 the verdict's loss rates are controlled.")
    var questions = 100

    @Option(help: "Sampling seed.")
    var seed: UInt64 = 1

    @Option(help: "auto, alpaca, sharegpt, messages, prompt-completion or csv.")
    var format = "auto"

    @Flag(help: "Skip records that cannot be read (counted and named) instead of stopping at the first.")
    var skipBad = false

    @Option(help: "False-premise forms per question (0-3).")
    var premises = 1

    @Option(help: "Paraphrases per question (0-5; default 2 with --paraphraser, else 0).")
    var paraphrases: Int?

    @Option(help: "The model that writes paraphrases: a GGUF file (served with llama-server here) or an OpenAI-compatible endpoint URL ending in /v1.")
    var paraphraser: String?

    @Option(help: "With an endpoint --paraphraser: the model name it serves.")
    var paraphraserModel: String?

    @Option(help: "With an endpoint --paraphraser: the environment variable that holds its API key.")
    var apiKeyEnv: String?

    @Option(help: "The suite's name (default: the data file's name).")
    var name: String?

    @Option(help: "llama.cpp folder (default: QUANTORCH_LLAMA_CPP, the bootstrap's, then PATH).")
    var llamaCpp: String?

    @Flag(help: "Replace --out when it exists.")
    var force = false

    func run() async throws {
        let options = try makeOptions()
        let toolchain = Toolchain.locate(explicit: llamaCpp.map { URL(fileURLWithPath: $0, isDirectory: true) })
        let summary: SuiteInitSummary
        do {
            summary = try await ChildProcessGuard.run(message: "quantorch suite init: interrupted; no suite written") {
                try await SuiteInit.run(options, toolchain: toolchain) { Stderr.line("quantorch suite init: \($0)") }
            }
        } catch {
            throw CommandFailure.exit("suite init", error)
        }
        print(summary.lines().joined(separator: "\n"))
    }

    private func makeOptions() throws -> SuiteInitOptions {
        var options = SuiteInitOptions(data: URL(fileURLWithPath: from), out: URL(fileURLWithPath: out))
        options.questions = questions
        options.seed = seed
        if format != "auto" {
            guard let known = TrainingDataFormat(rawValue: format) else {
                CommandFailure.say("suite init", "--format takes auto or one of \(TrainingDataFormat.allCases.map(\.rawValue).joined(separator: ", ")), not \(format)")
                throw QuantorchExit.badInput
            }
            options.format = known
        }
        options.skipBad = skipBad
        options.premises = premises
        options.paraphrases = paraphrases ?? (paraphraser == nil ? 0 : 2)
        options.name = name
        options.force = force
        if let paraphraser {
            if paraphraser.hasPrefix("http://") || paraphraser.hasPrefix("https://") {
                guard let url = URL(string: paraphraser), let model = paraphraserModel else {
                    CommandFailure.say("suite init", "an endpoint --paraphraser needs --paraphraser-model NAME (the model it serves)")
                    throw QuantorchExit.badInput
                }
                options.paraphraser = .endpoint(url, model: model, apiKeyVariable: apiKeyEnv)
            } else {
                guard paraphraserModel == nil, apiKeyEnv == nil else {
                    CommandFailure.say("suite init", "--paraphraser-model and --api-key-env go with an endpoint --paraphraser (http:// or https://), not with the GGUF file \(paraphraser)")
                    throw QuantorchExit.badInput
                }
                options.paraphraser = .gguf(URL(fileURLWithPath: paraphraser))
            }
        }
        return options
    }
}
