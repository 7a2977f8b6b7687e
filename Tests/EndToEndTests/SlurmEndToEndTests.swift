import Foundation
import Reports
import Testing

/// `executor: {kind: slurm}` on a real one-node Slurm cluster (scripts/slurm-local, which
/// `make test` starts): the real quantorch binary as controller and as every job, the real
/// llama.cpp tools and servers inside the jobs.
@Suite(.serialized, .enabled(if: EndToEndFixture.manifest != nil && SlurmCluster.isUp, "needs scripts/bootstrap and scripts/slurm-local up"))
struct SlurmEndToEndTests {
    struct Summary: Decodable {
        var reportPath: String
        enum CodingKeys: String, CodingKey { case reportPath = "report_path" }
    }

    @Test(.timeLimit(.minutes(40)))
    func aLadderThroughSlurmAnswersAsLocallyAndSurvivesCtrlCAndAKilledController() async throws {
        let fixture = try EndToEndFixture(name: "slurm")
        defer { try? FileManager.default.removeItem(at: fixture.root) }
        let localRecipe = try fixture.recipe(name: "ladder", questions: EndToEndFixture.capitals, ladder: "[F16, Q8_0, Q4_K_M]")
        let local = fixture.root.appending(path: "ladder-local.yaml")
        try FileManager.default.moveItem(at: localRecipe, to: local)
        let recipe = try fixture.recipe(name: "ladder", questions: EndToEndFixture.capitals, ladder: "[F16, Q8_0, Q4_K_M]",
                                        extra: "executor: {kind: slurm}")
        let work = fixture.root.appending(path: "work-slurm")
        let arguments = ["run", recipe.path, "--work-dir", work.path, "--results-repo", fixture.root.appending(path: "results-slurm").path, "--json"]

        let localRun = try await QuantorchBinary.run(["run", local.path, "--json"])
        #expect([0, 3].contains(localRun.exitCode), "stderr: \(localRun.stderr)")
        let localReport = try Self.report(localRun)

        // Ctrl-C while a job runs: exit 130 and no job of ours left in the queue.
        let (first, out, err) = try QuantorchBinary.start(arguments)
        _ = try await waitFor(while: first, every: .milliseconds(500)) { SlurmCluster.running(SlurmCluster.jobs(under: work)).first }
        kill(first.processIdentifier, SIGINT)
        let interrupted = await QuantorchBinary.finish(first, out, err)
        #expect(interrupted.exitCode == 130, "stderr: \(interrupted.stderr)")
        #expect(interrupted.stderr.contains("slurm: cancelled job"), "\(interrupted.stderr)")
        #expect(SlurmCluster.queued(Array(SlurmCluster.jobs(under: work).values)).isEmpty, "jobs left: \(SlurmCluster.jobs(under: work))")

        // kill -9 of the controller while the baseline is served: its jobs go on without it.
        let (second, out2, err2) = try QuantorchBinary.start(arguments)
        _ = try await waitFor(while: second, every: .milliseconds(500)) {
            SlurmCluster.jobs(under: work)["serve F16"].flatMap { SlurmCluster.running([$0]).first }
        }
        kill(second.processIdentifier, SIGKILL)
        _ = await QuantorchBinary.finish(second, out2, err2)

        // The next controller submits no step that had finished and waits for the jobs still running.
        let finished = SlurmCluster.finishedSteps(under: work)
        let stillQueued = Set(SlurmCluster.jobs(under: work).filter { !SlurmCluster.queued([$0.value]).isEmpty }.keys)
        let resumed = try await QuantorchBinary.run(arguments)
        #expect([0, 3].contains(resumed.exitCode), "stderr: \(resumed.stderr)")
        let submitted = SlurmCluster.submittedSteps(resumed.stderr)
        #expect(submitted.isDisjoint(with: finished), "submitted again: \(submitted.intersection(finished))")
        #expect(submitted.isDisjoint(with: stillQueued), "submitted again while queued: \(submitted.intersection(stillQueued))")
        for step in stillQueued where !finished.contains(step) {
            #expect(resumed.stderr.contains("slurm: \(step) is still job"), "\(step) not adopted: \(resumed.stderr)")
        }

        // The same answers (every field but the speed figures) and the same verdicts as the local run.
        let report = try Self.report(resumed)
        #expect(report.variants.map(\.quantType) == localReport.variants.map(\.quantType))
        // Provenance (issue 32): where the steps ran, and each Slurm stage's job and node.
        #expect(report.settings.executor == "slurm" && localReport.settings.executor == "local")
        #expect(localReport.stageTimings.allSatisfy { $0.job == nil })
        let placed = report.stageTimings.filter { $0.job != nil }
        let jobIDs = Set(SlurmCluster.jobs(under: work).values)
        #expect(!placed.isEmpty && placed.allSatisfy { jobIDs.contains($0.job ?? "") && $0.node?.isEmpty == false }, "\(report.stageTimings)")
        #expect(report.variants.map { $0.verdict?.status } == localReport.variants.map { $0.verdict?.status })
        for (variant, localVariant) in zip(report.variants, localReport.variants) {
            let answers = try Data(contentsOf: URL(fileURLWithPath: try Self.summary(resumed).reportPath).deletingLastPathComponent().appending(path: variant.answersFile))
            let localAnswers = try Data(contentsOf: URL(fileURLWithPath: try Self.summary(localRun).reportPath).deletingLastPathComponent().appending(path: localVariant.answersFile))
            #expect(try Self.withoutSpeed(answers) == Self.withoutSpeed(localAnswers), "\(variant.quantType)'s answers differ from the local run's")
        }
        for (step, id) in SlurmCluster.jobs(under: work) where !step.hasPrefix("domain kld") {
            #expect(SlurmCluster.state(id) == "COMPLETED", "\(step) (job \(id)) is \(SlurmCluster.state(id) ?? "unknown")")
        }
        #expect(SlurmCluster.jobs(under: work)["divergence"] != nil, "the baseline's side of the divergences runs as a job too")
        #expect(report.variants.dropFirst().map { $0.divergence?.compared } == localReport.variants.dropFirst().map { $0.divergence?.compared })
        #expect(report.variants.map { $0.divergence?.points.map(\.position) } == localReport.variants.map { $0.divergence?.points.map(\.position) },
                "the same divergences as the local run")

        // Everything has its record: nothing is submitted and no tool runs.
        let cached = try await QuantorchBinary.run(arguments)
        #expect([0, 3].contains(cached.exitCode), "stderr: \(cached.stderr)")
        #expect(SlurmCluster.submittedSteps(cached.stderr).isEmpty, "\(cached.stderr)")
        #expect(!cached.stderr.contains("checking with job"), "\(cached.stderr)")
    }

    @Test(.timeLimit(.minutes(10)))
    func aJobWhoseFileWentMissingFailsTheRunWithItsStateAndLog() async throws {
        let fixture = try EndToEndFixture(name: "slurm-fail")
        defer { try? FileManager.default.removeItem(at: fixture.root) }
        let corpus = fixture.root.appending(path: "corpus.txt")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: try #require(EndToEndFixture.manifest).corpus), to: corpus)
        let recipe = try fixture.recipe(questions: EndToEndFixture.capitals, ladder: "[F16, Q8_0]", corpus: corpus.path,
                                        extra: "executor: {kind: slurm}")
        let (process, out, err) = try QuantorchBinary.start(["run", recipe.path])
        _ = try await waitFor(while: process, every: .milliseconds(200)) { SlurmCluster.jobs(under: fixture.work)["serve Q8_0"] }
        try FileManager.default.removeItem(at: corpus)
        let failed = await QuantorchBinary.finish(process, out, err)
        #expect(failed.exitCode == 1, "stderr: \(failed.stderr)")
        #expect(failed.stderr.contains("ended FAILED (NonZeroExitCode), exit code 2:0 without writing its record"), "\(failed.stderr)")
        #expect(failed.stderr.contains("field 'perplexity.corpus'") && failed.stderr.contains("\(corpus.path) does not exist"), "\(failed.stderr)")
        #expect(SlurmCluster.queued(Array(SlurmCluster.jobs(under: fixture.work).values)).isEmpty)
    }

    @Test(.timeLimit(.minutes(15)))
    func aJobWhoseNodeFailedIsSubmittedOnceMoreAndTheRunFinishes() async throws {
        let fixture = try EndToEndFixture(name: "slurm-nodefail")
        defer {
            SlurmCluster.setNode("RESUME")
            try? FileManager.default.removeItem(at: fixture.root)
        }
        let recipe = try fixture.recipe(questions: EndToEndFixture.capitals, ladder: "[F16, Q8_0]", extra: "executor: {kind: slurm}")
        let (process, out, err) = try QuantorchBinary.start(["run", recipe.path])
        let id = try await waitFor(while: process, every: .milliseconds(300)) {
            SlurmCluster.jobs(under: fixture.work)["serve F16"].flatMap { SlurmCluster.running([$0]).first }
        }
        // The node goes down under the running job (as a crashed node would): Slurm ends it NODE_FAIL.
        SlurmCluster.setNode("DOWN")
        _ = try await waitFor(while: process, every: .milliseconds(300)) { SlurmCluster.state(id) == "NODE_FAIL" ? true : nil }
        SlurmCluster.setNode("RESUME")
        let run = await QuantorchBinary.finish(process, out, err)
        #expect([0, 3].contains(run.exitCode), "stderr: \(run.stderr)")
        #expect(run.stderr.contains("slurm: serve F16 (job \(id)) ended NODE_FAIL") && run.stderr.contains("submitting it once more"), "\(run.stderr)")
        #expect(SlurmCluster.jobs(under: fixture.work)["serve F16"] != id)
    }

    @Test(.enabled(if: SlurmCluster.hiddenFolder != nil, "scripts/slurm-local up gives the node a folder it cannot see"))
    func aWorkFolderTheNodesCannotSeeIsRefusedBeforeAnyWork() async throws {
        let hidden = try #require(SlurmCluster.hiddenFolder).appending(path: "qo-e2e-\(UUID().uuidString.prefix(8))")
        let fixture = try EndToEndFixture(name: "slurm-hidden")
        defer {
            try? FileManager.default.removeItem(at: fixture.root)
            try? FileManager.default.removeItem(at: hidden)
        }
        let recipe = try fixture.recipe(questions: EndToEndFixture.capitals, ladder: "[F16, Q8_0]", extra: "executor: {kind: slurm}")
        let refused = try await QuantorchBinary.run(["run", recipe.path, "--work-dir", hidden.path])
        #expect(refused.exitCode == 2, "stderr: \(refused.stderr)")
        #expect(refused.stderr.contains("the Slurm nodes do not see the work folder \(hidden.path)"), "\(refused.stderr)")
        #expect(files(under: hidden) { $0.pathExtension == "gguf" }.isEmpty)
        #expect(SlurmCluster.jobs(under: hidden).isEmpty, "a step was submitted")

        // A recipe and suite the node cannot see, with a work folder it can: named by their fields.
        try FileManager.default.createDirectory(at: hidden, withIntermediateDirectories: true)
        for name in ["recipe.yaml", "recipe-suite.yaml"] {
            try FileManager.default.copyItem(at: fixture.root.appending(path: name), to: hidden.appending(path: name))
        }
        let unseen = try await QuantorchBinary.run(["run", hidden.appending(path: "recipe.yaml").path, "--work-dir", fixture.work.path])
        #expect(unseen.exitCode == 2, "stderr: \(unseen.stderr)")
        #expect(unseen.stderr.contains("the Slurm nodes do not see the recipe (\(hidden.path)/recipe.yaml), evaluation.suite (\(hidden.path)/recipe-suite.yaml)"), "\(unseen.stderr)")
        #expect(SlurmCluster.jobs(under: fixture.work).isEmpty, "a step was submitted")
    }

    /// Each answer record as canonical JSON, without the fields measured in time (TTFT, tokens/s).
    static func withoutSpeed(_ answers: Data) throws -> [Data] {
        try answers.split(separator: UInt8(ascii: "\n")).map { line in
            var record = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            for key in ["ttft_s", "gen_tokens_per_s", "prompt_tokens_per_s"] { record[key] = nil }
            return try JSONSerialization.data(withJSONObject: record, options: .sortedKeys)
        }
    }

    @Test func aRequestTheClusterCannotMeetIsRefusedWithTheRecipesField() async throws {
        let fixture = try EndToEndFixture(name: "slurm-request")
        defer { try? FileManager.default.removeItem(at: fixture.root) }
        let tooBig = try fixture.recipe(questions: EndToEndFixture.capitals, ladder: "[F16, Q8_0]", extra: "executor: {kind: slurm, cpus_per_task: 4096}")
        let never = try await QuantorchBinary.run(["run", tooBig.path])
        #expect(never.exitCode == 2, "stderr: \(never.stderr)")
        #expect(never.stderr.contains("\(tooBig.path): field 'executor': Slurm will not start job") && never.stderr.contains("lower cpus_per_task"), "\(never.stderr)")
        #expect(SlurmCluster.queued(Array(SlurmCluster.jobs(under: fixture.work).values)).isEmpty)

        let nosuch = try fixture.recipe(name: "nosuch", questions: EndToEndFixture.capitals, ladder: "[F16, Q8_0]", extra: "executor: {kind: slurm, partition: nosuch}")
        let refused = try await QuantorchBinary.run(["run", nosuch.path])
        #expect(refused.exitCode == 2, "stderr: \(refused.stderr)")
        #expect(refused.stderr.contains("\(nosuch.path): field 'executor': sbatch refused the job quantorch-check") && refused.stderr.contains("partition"), "\(refused.stderr)")
    }

    static func summary(_ run: QuantorchBinary.Result) throws -> Summary {
        try JSONDecoder().decode(Summary.self, from: Data(run.stdout.utf8))
    }

    static func report(_ run: QuantorchBinary.Result) throws -> Report {
        try Report.decode(Data(contentsOf: URL(fileURLWithPath: try summary(run).reportPath)))
    }
}

/// The one-node cluster of scripts/slurm-local, seen through Slurm's own commands.
enum SlurmCluster {
    /// True when `sinfo` answers with a node that takes jobs.
    static let isUp: Bool = {
        let states = output("sinfo", ["-h", "-o", "%t"]) ?? ""
        return states.split(separator: "\n").contains { ["idle", "mix", "alloc"].contains($0.trimmingCharacters(in: .whitespaces)) }
    }()

    /// The folder scripts/slurm-local hides from the node (it writes its path in its state folder).
    static var hiddenFolder: URL? {
        (try? String(contentsOfFile: "/run/quantorch-slurm/hidden", encoding: .utf8))
            .map { URL(fileURLWithPath: $0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Job ids by step label, from every `slurm/jobs.json` under `work`.
    static func jobs(under work: URL) -> [String: String] {
        struct Registry: Decodable {
            struct Entry: Decodable { var id: String }
            var jobs: [String: Entry]
        }
        var jobs: [String: String] = [:]
        for file in files(under: work, { $0.lastPathComponent == "jobs.json" && $0.path.contains("/slurm/") }) {
            guard let data = try? Data(contentsOf: file), let registry = try? JSONDecoder().decode(Registry.self, from: data) else { continue }
            for (label, entry) in registry.jobs { jobs[label] = entry.id }
        }
        return jobs
    }

    /// Steps whose job reported a record (`slurm/results/*.json` with a record name).
    static func finishedSteps(under work: URL) -> Set<String> {
        struct Result: Decodable { var step: String; var record: String? }
        return Set(files(under: work) { $0.path.contains("/slurm/results/") && $0.pathExtension == "json" }.compactMap { file in
            (try? Data(contentsOf: file)).flatMap { try? JSONDecoder().decode(Result.self, from: $0) }.flatMap { $0.record == nil ? nil : $0.step }
        })
    }

    /// Step labels a controller's stderr says it submitted.
    static func submittedSteps(_ stderr: String) -> Set<String> {
        Set(stderr.split(separator: "\n").compactMap { line in
            guard let range = line.range(of: "slurm: "), let end = line.range(of: " submitted as job") else { return nil }
            return String(line[range.upperBound..<end.lowerBound])
        })
    }

    /// Of `ids`, those pending or running.
    static func queued(_ ids: [String]) -> [String] {
        guard !ids.isEmpty else { return [] }
        return (output("squeue", ["-h", "-t", "PENDING,RUNNING,CONFIGURING,COMPLETING", "-j", ids.joined(separator: ","), "-o", "%i"]) ?? "")
            .split(separator: "\n").map(String.init)
    }

    /// Of `ids`, those running.
    static func running(_ ids: [String: String]) -> [String] { running(Array(ids.values)) }

    static func running(_ ids: [String]) -> [String] {
        guard !ids.isEmpty else { return [] }
        return (output("squeue", ["-h", "-t", "RUNNING", "-j", ids.joined(separator: ","), "-o", "%i"]) ?? "").split(separator: "\n").map(String.init)
    }

    /// Sets the cluster's node DOWN (its running jobs end NODE_FAIL) or RESUME (it takes jobs again).
    static func setNode(_ state: String) {
        let node = (output("sinfo", ["-h", "-o", "%N"]) ?? "localhost").trimmingCharacters(in: .whitespacesAndNewlines)
        _ = output("scontrol", ["update", "NodeName=\(node)", "State=\(state)"] + (state == "DOWN" ? ["Reason=quantorch-test"] : []))
    }

    /// A job's JobState while Slurm keeps it.
    static func state(_ id: String) -> String? {
        let line = output("scontrol", ["show", "job", "-o", id]) ?? ""
        return line.split(separator: " ").first { $0.hasPrefix("JobState=") }.map { String($0.dropFirst("JobState=".count)) }
    }

    private static func output(_ command: String, _ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [command] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }
}
