import Evaluation
import Foundation
import LlamaTools
import Testing
@testable import QuantOrchestrator

/// Each stage on its own through `RunContext.cached`, against the real binaries on the
/// bootstrap's SmolLM2: a cache miss launches its tool, a hit launches nothing and returns the
/// same record, and a damaged record (cut short, as a crash mid-write of a non-atomic writer
/// would leave it) counts as missing and is made again.
@Suite(.serialized, .enabled(if: RealToolchainFixture.manifest != nil, "needs the bootstrap's llama.cpp and SmolLM2"))
struct StageCacheTests {
    /// Miss, hit, damaged record; returns the first record. `remade` says whether a record
    /// made again describes the same result (its files' times differ).
    @discardableResult
    func expectCached<S: Stage>(_ stage: S, in harness: StageHarness, launches tool: String?,
                                same: (S.Record, S.Record) -> Bool = { $0 == $1 },
                                remade: (S.Record, S.Record) -> Bool = { $0 == $1 }) async throws -> S.Record {
        let miss = try await harness.cached(stage)
        if let tool { #expect(miss.launched.contains { $0.hasPrefix(tool) }, "\(stage.label) missed but launched \(miss.launched)") }
        let hit = try await harness.cached(stage)
        #expect(hit.launched.isEmpty, "\(stage.label) had its record but launched \(hit.launched)")
        #expect(same(hit.record, miss.record), "\(stage.label) reused another record")
        let record = harness.folder.record(stage.recordName)
        let saved = try Data(contentsOf: record)
        try saved.prefix(saved.count / 2).write(to: record)
        let redo = try await harness.cached(stage)
        if let tool { #expect(redo.launched.contains { $0.hasPrefix(tool) }, "\(stage.label) trusted a damaged record: \(redo.launched)") }
        #expect(remade(redo.record, miss.record), "\(stage.label) made another result again")
        #expect(StageRecords(folder: harness.folder).load(S.Record.self, stage.recordName) != nil, "the damaged record was not replaced")
        return miss.record
    }

    /// The same bytes at the same path (llama.cpp's tools are deterministic here).
    static func sameFile(_ a: ArtifactRecord, _ b: ArtifactRecord) -> Bool {
        a.path == b.path && a.sha256 == b.sha256 && a.sizeBytes == b.sizeBytes
    }

    @Test(.timeLimit(.minutes(10)))
    func everyStageMissesHitsAndRemakesADamagedRecord() async throws {
        let manifest = try RealToolchainFixture.unwrap(RealToolchainFixture.manifest)
        let harness = StageHarness("stages")
        defer { harness.remove() }
        let hf = URL(fileURLWithPath: manifest.smollm2Hf)
        let source = ResolvedSource(checkpoint: hf, revision: "shipped", revisionKind: .label, kind: .hfFolder)
        let f16 = LadderEntry(stock: try QuantType(parsing: "F16"))
        let master = try await expectCached(ConvertStage(source: source, baseline: f16, folder: harness.folder, estimate: 0),
                                            in: harness, launches: "convert_hf_to_gguf.py", remade: Self.sameFile)

        try FileManager.default.createDirectory(at: harness.root, withIntermediateDirectories: true)
        let corpus = try RealToolchainFixture.corpusPrefix(bytes: 64 * 1024, in: harness.root)
        let settings = Recipe.Perplexity(corpus: corpus, ctx: 128, chunks: 4)
        try await expectCached(try CorpusLengthStage(settings: settings, model: master, recipeFile: harness.root.appending(path: "r.yaml")),
                               in: harness, launches: nil)

        let q8 = try QuantType(parsing: "Q8_0")
        let variant = try await expectCached(QuantizeStage(entry: LadderEntry(stock: q8), type: q8, tensorTypes: [], master: master,
                                                           importanceMatrix: nil, folder: harness.folder, estimate: 0),
                                             in: harness, launches: "llama-quantize Q8_0", remade: Self.sameFile)

        let published = harness.root.appending(path: "published.gguf")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: manifest.smollm2Gguf), to: published)
        let imported = try await expectCached(ImportStage(entry: LadderEntry(name: "published", kind: .gguf(published)), file: published,
                                                          master: master, recipeFile: harness.root.appending(path: "r.yaml")),
                                              in: harness, launches: nil)
        #expect(imported.sha256 == (try FileDigest.sha256(of: published)))

        let base = try await expectCached(try KLDBaseStage(baseline: master, settings: settings, folder: harness.folder, estimate: 0),
                                          in: harness, launches: "llama-perplexity --kl-divergence-base") {
            $0 == $1
        } remade: {
            Self.sameFile($0.base, $1.base) && $0.perplexity == $1.perplexity
        }
        try await expectCached(KLDStage(corpus: .generic, variant: "Q8_0", artifact: variant, base: base, settings: settings),
                               in: harness, launches: "llama-perplexity --kl-divergence Q8_0")

        let suiteFile = harness.root.appending(path: "suite.yaml")
        try Data("name: s\nsampling: {temperature: 0, seed: 42, max_tokens: 8}\nquestions:\n  - id: q1\n    prompt: \"What is the capital of France?\"\n    key_facts: [Paris]\n".utf8)
            .write(to: suiteFile)
        let suite = try Suite.load(from: suiteFile)
        let job = AnswerJob(variant: "Q8_0", identity: variant.sha256, pass: 1, suite: suite, mode: .sequential, slots: 1,
                            evaluationKey: "k", answersFile: harness.folder.answers("Q8_0", evaluationKey: "k"))
        let serve = ServeStage(variant: "Q8_0", artifact: variant, jobs: [job],
                               server: Recipe.Server(ctx: 512, slots: 1, threads: 2, gpuLayers: 0), suiteFile: suiteFile,
                               domainCorpus: nil, baselineAnswers: job, baselineProbe: nil)
        let sameServe = { (a: ServeStage.Record, b: ServeStage.Record) in a.chatTemplate == b.chatTemplate && a.slots == b.slots }
        try await expectCached(serve, in: harness, launches: "llama-server Q8_0", same: { $0 == $1 }, remade: sameServe)
        #expect(try job.answers().count == 1, "serving again after a damaged serve record asked the question again")
    }
}
