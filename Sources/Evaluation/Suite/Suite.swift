import Foundation
import LlamaTools

/// An evaluation suite, parsed from YAML (docs/SUITE.md "The suite file").
///
/// ```swift
/// let suite = try Suite.load(from: URL(fileURLWithPath: "recipes/general-suite.yaml"))
/// for prompt in suite.forms() { print(prompt.questionID, prompt.form, prompt.text) }
/// ```
public struct Suite: Sendable, Equatable {
    /// The suite's name.
    public var name: String
    /// The one system message sent before every prompt, when given.
    public var systemPrompt: String?
    /// Sampling settings for every request.
    public var sampling: Sampling
    /// The questions, in file order (at least one).
    public var questions: [Question]
    /// The bias probes, in file order.
    public var biasProbes: [BiasProbe]
    /// Noise settings; nil when the suite has no `robustness` section (no noisy forms).
    public var robustness: Robustness?
    /// SHA-256 of the file's bytes, lower-case hex: part of the answers' resume key.
    public var sha256: String

    /// Creates a suite from its parts (tests and tools; files go through ``load(from:)``).
    public init(name: String, systemPrompt: String? = nil, sampling: Sampling = Sampling(), questions: [Question],
                biasProbes: [BiasProbe] = [], robustness: Robustness? = nil, sha256: String) {
        self.name = name
        self.systemPrompt = systemPrompt
        self.sampling = sampling
        self.questions = questions
        self.biasProbes = biasProbes
        self.robustness = robustness
        self.sha256 = sha256
    }

    /// Reads and validates a suite file.
    ///
    /// Unknown keys are errors (they are usually typos); so are a missing or duplicate id, a
    /// key fact that is neither text nor `{number, rel_tol?, unit?}`, a negative `rel_tol`, an
    /// unknown noise kind, a bias template without `{group}`, and the like.
    /// - Throws: ``SuiteError``, naming the file, line and field and what was expected.
    public static func load(from url: URL) throws(SuiteError) -> Suite {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw .unreadable(file: url.path, reason: "it is a folder; give the suite's YAML file")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(file: url.path, reason: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(file: url.path, reason: "the file is not UTF-8 text")
        }
        return try SuiteParser(file: url.path).parse(text, sha256: FileDigest.sha256(of: data))
    }

    /// Every request of the suite, in a fixed order: for each question in file order its
    /// `original`, then `paraphrase:0…`, then `premise:0…`, then for each robustness kind in the suite's order
    /// `noisy:<kind>:0…<copies-1>` (noise applied to the original prompt); after all questions,
    /// for each bias probe and each of its groups in file order, `bias:<probe>:<group>`.
    public func forms() -> [Prompt] {
        var prompts: [Prompt] = []
        for (index, question) in questions.enumerated() {
            prompts.append(Prompt(questionID: question.id, form: "original", text: question.prompt, keyFacts: question.keyFacts,
                                  seen: question.seen))
            for (paraphraseIndex, paraphrase) in question.paraphrases.enumerated() {
                prompts.append(Prompt(questionID: question.id, form: "paraphrase:\(paraphraseIndex)", text: paraphrase,
                                      keyFacts: question.keyFacts))
            }
            for (premiseIndex, premise) in question.falsePremises.enumerated() {
                prompts.append(Prompt(questionID: question.id, form: "premise:\(premiseIndex)", text: premise.prompt,
                                      keyFacts: question.keyFacts, planted: premise.planted))
            }
            guard let robustness else { continue }
            for kind in robustness.kinds {
                for copy in 0..<robustness.copies {
                    let noisy = NoiseInjector.apply(kind, rate: robustness.rate, to: question.prompt, seed: robustness.seed,
                                                    questionIndex: index, copy: copy)
                    prompts.append(Prompt(questionID: question.id, form: "noisy:\(kind.rawValue):\(copy)", text: noisy,
                                          keyFacts: question.keyFacts))
                }
            }
        }
        for probe in biasProbes {
            for group in probe.groups {
                prompts.append(Prompt(questionID: probe.id, form: "bias:\(probe.id):\(group)", text: probe.prompt(for: group),
                                      keyFacts: probe.keyFacts))
            }
        }
        return prompts
    }
}
