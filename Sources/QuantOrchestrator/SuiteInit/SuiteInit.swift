import Evaluation
import Foundation
import LlamaTools

/// What `quantorch suite init` is asked to do (docs/SUITE.md "Building a suite from training data").
public struct SuiteInitOptions: Sendable {
    /// The fine-tuning data set.
    public var data: URL
    /// Where the suite is written.
    public var out: URL
    /// Questions to pick (1…10,000; default 100, the size from which the verdict's loss rates
    /// are controlled, docs/VERDICT.md).
    public var questions = 100
    /// The sampling seed; the same file, size and seed give the same suite.
    public var seed: UInt64 = 1
    /// The data's format; nil detects it.
    public var format: TrainingDataFormat?
    /// Skip records that cannot be read instead of stopping at the first.
    public var skipBad = false
    /// False premises per question (0…3; default 1).
    public var premises = 1
    /// Paraphrases per question (0…5; default 0); needs `paraphraser`.
    public var paraphrases = 0
    /// The model that writes paraphrases.
    public var paraphraser: ParaphraserSource?
    /// The suite's name (default: the data file's name without its extension).
    public var name: String?
    /// Replace `out` when it exists.
    public var force = false

    /// Options with the defaults above.
    public init(data: URL, out: URL) {
        self.data = data
        self.out = out
    }
}

/// `quantorch suite init`: samples question–answer pairs from fine-tuning data, extracts their
/// key facts, adds false premises and (with a paraphraser) unseen paraphrases, and writes a
/// suite a person can review (docs/SUITE.md).
///
/// The data is streamed twice at most (picking, then checking paraphrases against every
/// training question), so memory does not grow with the file. The suite is written whole or
/// not at all, and read back with the suite parser before the command reports success.
public enum SuiteInit {
    /// Writes the suite and says what it holds.
    /// - Parameters:
    ///   - toolchain: llama.cpp, for a GGUF paraphraser.
    ///   - progress: one line per phase, for the terminal.
    /// - Throws: ``SuiteInitError``; `CancellationError` when interrupted (nothing is written).
    public static func run(_ options: SuiteInitOptions, toolchain: Toolchain,
                           progress: @Sendable (String) -> Void = { _ in }) async throws -> SuiteInitSummary {
        try check(options)
        let reader = TrainingDataReader(url: options.data, format: options.format, skipBad: options.skipBad)
        var sampler = PairSampler(count: options.questions, seed: options.seed)
        let data: TrainingDataSummary
        do {
            data = try reader.forEach { record throws(TrainingDataError) in sampler.offer(record) }
        } catch {
            throw SuiteInitError.data(error)
        }
        let pairs = sampler.picked()
        guard !pairs.isEmpty else { throw SuiteInitError.nothingToPick(file: options.data.path, records: data.recordsRead) }
        progress("read \(data.recordsRead) records (\(data.format.rawValue)), picked \(pairs.count)")
        var questions = zip(DraftQuestion.ids(for: pairs), pairs).map { DraftQuestion(id: $0, pair: $1) }

        var rejections: [ParaphraseFilter.Rejection: Int] = [:]
        if let source = options.paraphraser, options.paraphrases > 0 {
            progress("asking \(source.label) for \(options.paraphrases) paraphrase(s) of each of \(questions.count) questions")
            rejections = try await paraphrase(&questions, options: options, source: source, toolchain: toolchain)
            rejections.merge(try dropCloseToTraining(&questions, reader: reader), uniquingKeysWith: +)
        }
        for index in questions.indices {
            let others = pairs.filter { $0.record.line != questions[index].pair.record.line }
            questions[index].premises = PremisePlanter.premises(for: questions[index].pair, others: others,
                                                                count: options.premises, seed: options.seed)
        }

        let systemPrompt = commonSystemPrompt(pairs)
        let text = SuiteWriter.yaml(name: options.name ?? options.data.deletingPathExtension().lastPathComponent,
                                    header: header(options, data: data), source: options.data.lastPathComponent,
                                    systemPrompt: systemPrompt, maxTokens: maxTokens(pairs), questions: questions)
        try write(text, to: options.out)
        do {
            _ = try Suite.load(from: options.out)
        } catch {
            try? FileManager.default.removeItem(at: options.out)
            throw SuiteInitError.unreadableResult(error)
        }
        return SuiteInitSummary(out: options.out, data: data, duplicates: sampler.duplicates, questions: questions,
                                paraphraser: options.paraphrases > 0 ? options.paraphraser?.label : nil,
                                paraphraseRejections: rejections, requested: options.questions,
                                otherSystemPrompts: pairs.filter { $0.record.system != systemPrompt }.count)
    }

    private static func check(_ options: SuiteInitOptions) throws(SuiteInitError) {
        guard (1...10_000).contains(options.questions) else {
            throw .option(name: "--questions", expected: "a count from 1 to 10000", found: "\(options.questions)")
        }
        guard (0...3).contains(options.premises) else {
            throw .option(name: "--premises", expected: "a count from 0 to 3", found: "\(options.premises)")
        }
        guard (0...5).contains(options.paraphrases) else {
            throw .option(name: "--paraphrases", expected: "a count from 0 to 5", found: "\(options.paraphrases)")
        }
        guard options.paraphrases == 0 || options.paraphraser != nil else {
            throw .option(name: "--paraphrases", expected: "a --paraphraser MODEL (a GGUF file, or an http(s) endpoint with --paraphraser-model)",
                          found: "\(options.paraphrases) without one")
        }
        if case .gguf(let model) = options.paraphraser {
            var folder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: model.path, isDirectory: &folder), !folder.boolValue else {
                throw .option(name: "--paraphraser", expected: "a GGUF file or an http(s) endpoint URL ending in /v1",
                              found: "\(model.path), which " + (folder.boolValue ? "is a folder" : "does not exist"))
            }
        }
        if case .endpoint(_, _, let variable?) = options.paraphraser, ProcessInfo.processInfo.environment[variable] == nil {
            throw .option(name: "--api-key-env", expected: "the name of a set environment variable holding the endpoint's key",
                          found: "\(variable), which is not set")
        }
        if options.out.resolvingSymlinksInPath().standardizedFileURL == options.data.resolvingSymlinksInPath().standardizedFileURL {
            throw .option(name: "--out", expected: "a file other than the training data (--from)", found: options.out.path)
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: options.out.path, isDirectory: &isDirectory) {
            if isDirectory.boolValue {
                throw .option(name: "--out", expected: "a file path for the suite YAML", found: "\(options.out.path), a folder")
            }
            if !options.force { throw .outputExists(path: options.out.path) }
        }
    }

    private static func paraphrase(_ questions: inout [DraftQuestion], options: SuiteInitOptions, source: ParaphraserSource,
                                   toolchain: Toolchain) async throws -> [ParaphraseFilter.Rejection: Int] {
        let drafts = questions
        let ask: @Sendable (any ChatEndpoint) async throws -> [Paraphraser.Outcome] = { endpoint in
            let paraphraser = Paraphraser(endpoint: endpoint, count: options.paraphrases, seed: options.seed)
            var outcomes: [Paraphraser.Outcome] = []
            for draft in drafts {
                outcomes.append(try await paraphraser.paraphrases(of: draft.pair.record.question, facts: draft.pair.facts.map(\.fact),
                                                                  line: draft.pair.record.line))
            }
            return outcomes
        }
        let outcomes: [Paraphraser.Outcome]
        do {
            switch source {
            case .gguf(let model):
                let log = FileManager.default.temporaryDirectory.appending(path: "quantorch-paraphraser-\(ProcessInfo.processInfo.processIdentifier).log")
                let configuration = ServerConfiguration(model: model, contextSize: 2048, logFile: log)
                outcomes = try await ServerProcess.withServer(toolchain: toolchain, configuration: configuration) { server in
                    try await ask(server.client(timeout: .seconds(120)))
                }
                // Kept when the server failed: the error names it.
                try? FileManager.default.removeItem(at: log)
            case .endpoint(let url, let model, let variable):
                let key = variable.flatMap { ProcessInfo.processInfo.environment[$0] }
                outcomes = try await ask(try RemoteChatClient(baseURL: url, model: model, apiKey: key, apiKeyVariable: variable ?? "(none)"))
            }
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw SuiteInitError.paraphraser(label: source.label, cause: error)
        }
        var rejections: [ParaphraseFilter.Rejection: Int] = [:]
        for (index, outcome) in outcomes.enumerated() {
            questions[index].paraphrases = outcome.kept
            rejections.merge(outcome.rejected, uniquingKeysWith: +)
        }
        return rejections
    }

    /// Drops the paraphrases that are a training question in other clothes: a model asked in a
    /// wording it was trained on is not being asked in an unseen one.
    private static func dropCloseToTraining(_ questions: inout [DraftQuestion],
                                            reader: TrainingDataReader) throws -> [ParaphraseFilter.Rejection: Int] {
        let candidates = questions.map { $0.paraphrases.map(TokenOverlap.words) }
        var close = candidates.map { Array(repeating: false, count: $0.count) }
        do {
            _ = try reader.forEach { record throws(TrainingDataError) in
                let words = TokenOverlap.words(record.question)
                for (question, paraphrases) in candidates.enumerated() {
                    for (index, paraphrase) in paraphrases.enumerated() where !close[question][index] {
                        let smaller = Double(min(words.count, paraphrase.count)), larger = Double(max(words.count, paraphrase.count))
                        guard larger == 0 || smaller / larger >= ParaphraseFilter.maxOverlap else { continue }
                        close[question][index] = TokenOverlap.jaccard(words, paraphrase) >= ParaphraseFilter.maxOverlap
                    }
                }
            }
        } catch {
            throw SuiteInitError.data(error)
        }
        var dropped = 0
        for index in questions.indices {
            let kept = zip(questions[index].paraphrases, close[index]).filter { !$0.1 }.map(\.0)
            dropped += questions[index].paraphrases.count - kept.count
            questions[index].paraphrases = kept
        }
        return dropped > 0 ? [.closeToTrainingQuestion: dropped] : [:]
    }

    private static func header(_ options: SuiteInitOptions, data: TrainingDataSummary) -> [String] {
        var command = "quantorch suite init --from \(options.data.lastPathComponent) --questions \(options.questions) --seed \(options.seed) --premises \(options.premises)"
        if let paraphraser = options.paraphraser, options.paraphrases > 0 {
            command += " --paraphrases \(options.paraphrases) --paraphraser \(paraphraser.argument)"
        }
        return [
            "Written by `\(command)`",
            "from \(data.recordsRead) \(data.format.rawValue) records. Review it before trusting a verdict on it:",
            "each question's comment names its line in the data and the key facts extracted from its",
            "answer. Prompts are training phrasings (seen: true); paraphrases and false premises are not.",
            "After correcting a fact, `quantorch score` re-scores stored answers without the models.",
            "",
        ]
    }

    /// The system prompt most picked records carry, so the model is asked as it was trained.
    private static func commonSystemPrompt(_ pairs: [PickedPair]) -> String? {
        let counts = Dictionary(pairs.compactMap(\.record.system).map { ($0, 1) }, uniquingKeysWith: +)
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }

    /// Room for twice the longest reference (``TokenEstimate``), rounded up to 64, within 64…1024.
    private static func maxTokens(_ pairs: [PickedPair]) -> Int {
        let longest = pairs.map { TokenEstimate.tokens(in: $0.record.answer) }.max() ?? 0
        return min(1024, max(64, (2 * longest + 63) / 64 * 64))
    }

    private static func write(_ text: String, to url: URL) throws(SuiteInitError) {
        do {
            try AtomicFile.write(Data(text.utf8), to: url)
        } catch {
            throw .write(path: url.path, cause: error)
        }
    }
}
