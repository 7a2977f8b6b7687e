import Foundation
import Testing
@testable import QuantOrchestrator

/// The Slurm executor's pure parts: the recipe's `executor:` field, the sbatch command line,
/// Slurm's job states and the job graph. Slurm itself is exercised in SlurmEndToEndTests.
@Suite struct SlurmExecutorTests {
    @Test func theExecutorIsLocalUnlessTheRecipeAsksForSlurmWithItsResources() throws {
        let sandbox = try PlanSandbox()
        defer { sandbox.remove() }
        #expect(try sandbox.load(try sandbox.recipe()).executor == .local)
        #expect(try sandbox.load(try sandbox.recipe(extra: "executor: {kind: local}")).executor == .local)
        let slurm = try sandbox.load(try sandbox.recipe(extra: """
            executor: {kind: slurm, partition: gpu, account: lab, qos: normal, gres: "gpu:1", cpus_per_task: 8, mem: 32G, time: "2:00:00", extra_args: ["--constraint=a100"]}
            """))
        #expect(slurm.executor == .slurm(SlurmSettings(partition: "gpu", account: "lab", qos: "normal", gres: "gpu:1", cpusPerTask: 8,
                                                        mem: "32G", time: "2:00:00", extraArgs: ["--constraint=a100"])))
    }

    @Test(arguments: [
        ("executor: {kind: pbs}", "field 'executor.kind': expected local or slurm, got 'pbs'"),
        ("executor: {partition: gpu}", "field 'executor.kind' is missing"),
        ("executor: {kind: local, partition: gpu}", "unknown field 'executor.partition'"),
        ("executor: {kind: slurm, mem: lots}", "field 'executor.mem': expected a memory size in Slurm's notation"),
        ("executor: {kind: slurm, time: soon}", "field 'executor.time': expected a time limit in Slurm's notation"),
        ("executor: {kind: slurm, cpus_per_task: 0}", "field 'executor.cpus_per_task': expected an integer in 1…4096"),
        ("executor: {kind: slurm, partition: \"a b\"}", "field 'executor.partition': expected a name without spaces"),
        ("executor: {kind: slurm, extra_args: \"--exclusive\"}", "field 'executor.extra_args': expected a list of sbatch arguments"),
        ("executor: {kind: slurm, extra_args: [exclusive]}", "field 'executor.extra_args[0]': expected an sbatch option starting with '-'"),
        ("executor: {kind: slurm, extra_args: [\"--output=x.log\"]}", "it sets --output for every job"),
        ("executor: {kind: slurm, mem: 2G, extra_args: [\"--mem=1G\"]}", "write it as executor.mem"),
        ("executor: {kind: slurm, extra_args: [\"--export=NONE\"]}", "jobs need the controller's environment"),
        ("executor: {kind: slurm, extra_args: [\"--constraint\", a100]}", "with its value in the same item such as \"--constraint=a100\", got 'a100'"),
    ])
    func aWrongExecutorFieldIsRefusedWithItsName(extra: String, message: String) throws {
        let sandbox = try PlanSandbox()
        defer { sandbox.remove() }
        #expect(throws: RecipeError.self) { try sandbox.load(try sandbox.recipe(extra: extra)) }
        do { _ = try sandbox.load(try sandbox.recipe(extra: extra)) } catch {
            #expect("\(error)".contains(message), "\(error)")
            #expect("\(error)".contains("recipe.yaml"), "\(error)")
        }
    }

    @Test func sbatchGetsQuantorchsOwnOptionsThenTheRecipesAndTheCommandQuoted() {
        let job = SlurmJob(name: "quantorch-kld-Q4_K_M", command: ["/opt/q o/quantorch", "step", "/w/it's.json"],
                           log: URL(fileURLWithPath: "/w/logs/kld.log"), workingDirectory: URL(fileURLWithPath: "/w"),
                           dependencies: ["12", "13"], settings: SlurmSettings(partition: "gpu", gres: "gpu:1", mem: "8G", extraArgs: ["--exclusive"]),
                           cpus: 4)
        #expect(job.arguments == ["--parsable", "--job-name=quantorch-kld-Q4_K_M", "--output=/w/logs/kld.log", "--open-mode=append",
                                  "--chdir=/w", "--cpus-per-task=4", "--ntasks=1", "--no-requeue",
                                  "--dependency=afterok:12:13", "--kill-on-invalid-dep=yes", "--partition=gpu", "--gres=gpu:1", "--mem=8G",
                                  "--exclusive", #"--wrap=exec '/opt/q o/quantorch' 'step' '/w/it'\''s.json'"#])
        var check = job
        check.usesGRES = false
        #expect(!check.arguments.contains("--gres=gpu:1"))
        #expect(!SlurmJob(name: "a", command: ["b"], log: job.log, workingDirectory: job.workingDirectory, dependencies: [], settings: SlurmSettings(), cpus: 1)
            .arguments.contains { $0.hasPrefix("--dependency") })
    }

    @Test func slurmStatesSayWhetherAJobEndedAndWhetherItIsWorthAnotherTry() {
        for running in ["PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "SUSPENDED", "REQUEUED"] {
            #expect(!SlurmJobState(name: running).isEnded, "\(running)")
        }
        for ended in ["COMPLETED", "FAILED", "TIMEOUT", "OUT_OF_MEMORY", "NODE_FAIL", "PREEMPTED", "BOOT_FAIL", "DEADLINE"] {
            #expect(SlurmJobState(name: ended).isEnded, "\(ended)")
        }
        let byUser = SlurmJobState(name: "CANCELLED by 0", reason: "None")
        #expect(byUser.name == "CANCELLED" && byUser.reason == nil && byUser.isEnded && !byUser.isCancelledForDependency)
        #expect(SlurmJobState(name: "CANCELLED", reason: "DependencyNeverSatisfied").isCancelledForDependency)
        #expect(SlurmJobState(name: "NODE_FAIL").isRetryable && SlurmJobState(name: "PREEMPTED").isRetryable)
        #expect(!SlurmJobState(name: "FAILED").isRetryable && !SlurmJobState(name: "OUT_OF_MEMORY").isRetryable)
        #expect(SlurmJobState(name: "PENDING", reason: "PartitionConfig").neverStarts)
        #expect(SlurmJobState(name: "PENDING", reason: "QOSMaxCpuPerJobLimit").neverStarts)
        #expect(!SlurmJobState(name: "PENDING", reason: "Resources").neverStarts && !SlurmJobState(name: "PENDING", reason: "QOSMaxJobsPerUserLimit").neverStarts)
        #expect(!SlurmJobState(name: "RUNNING", reason: "PartitionConfig").neverStarts)
        #expect(SlurmJobState(name: "FAILED", reason: "NonZeroExitCode", exitCode: "2:0").description == "FAILED (NonZeroExitCode), exit code 2:0")
    }

    @Test func everyJobWaitsForTheStepsItsStageIsBuiltFromAndThoseComeFirst() throws {
        let sandbox = try PlanSandbox()
        defer { sandbox.remove() }
        let factory = try sandbox.factory(try sandbox.load(try sandbox.recipe(extra: "search: exhaustive")))
        let graph = StepGraph(factory: factory)
        let steps = factory.steps()
        let ladder = factory.recipe.ladder
        #expect(graph.dependencies(of: .convert).isEmpty)
        #expect(graph.dependencies(of: .quantize(ladder[1])) == [.convert])
        #expect(graph.dependencies(of: .kldBase) == [.convert, .corpusLength])
        #expect(graph.dependencies(of: .serve(ladder[0])) == [.convert])
        #expect(graph.dependencies(of: .serve(ladder[2])) == [.quantize(ladder[2]), .serve(ladder[0])])
        #expect(graph.dependencies(of: .domainKLD(ladder[1])) == [.quantize(ladder[1]), .domainKLDBase])
        #expect(steps.last == .divergence, "the baseline's side of the divergences comes after every variant's answers")
        #expect(graph.dependencies(of: .divergence) == [.serve(ladder[0]), .serve(ladder[1]), .serve(ladder[2])])
        #expect(graph.submittedUpfront(.divergence))
        for (index, step) in steps.enumerated() {
            for dependency in graph.dependencies(of: step) {
                let at = try #require(steps.firstIndex(of: dependency), "\(dependency.label) is not a step")
                #expect(at < index, "\(step.label) needs \(dependency.label), which comes after it")
            }
        }
        #expect(Set(graph.catalog.keys) == Set(steps.map(\.label)))

        // A domain imatrix waits for the baseline's answers; a mix for its sensitivities, then its quantize for it.
        let mixed = try sandbox.factory(try sandbox.load(try sandbox.recipe(
            ladder: "[F16, Q4_K_M, Q8_0, {name: Q4_K_M-domain, mix: {base: Q4_K_M, target_size: same as Q8_0}}]",
            extra: "search: exhaustive\nimatrix: {corpus: domain}")))
        let mixedGraph = StepGraph(factory: mixed)
        let mixedSteps = mixed.steps()
        let mix = mixed.recipe.ladder[3]
        #expect(mixedGraph.dependencies(of: .imatrix) == [.convert, .serve(mixed.recipe.ladder[0])])
        #expect(mixedGraph.dependencies(of: .quantize(mix)) == [.convert, .imatrix, .mix(mix)])
        let probes = mixedSteps.filter { if case .sensitivity = $0 { true } else { false } }
        #expect(probes.count > 1 && probes.first?.label == "sensitivity Q4_K_M")
        #expect(mixedGraph.dependencies(of: .mix(mix)) == probes + [.quantize(mixed.recipe.ladder[2])], "its target is Q8_0's GGUF as made, not its base's")
        #expect(mixedGraph.dependencies(of: probes[0]) == [.convert, .imatrix, .domainKLDBase])
        for (index, step) in mixedSteps.enumerated() {
            for dependency in mixedGraph.dependencies(of: step) {
                let at = try #require(mixedSteps.firstIndex(of: dependency), "\(dependency.label) is not a step")
                #expect(at < index, "\(step.label) needs \(dependency.label), which comes after it")
            }
        }
        #expect(Set(mixedGraph.catalog.keys) == Set(mixedSteps.map(\.label)))

        let withImatrix = try sandbox.factory(try sandbox.load(try sandbox.recipe(extra: "imatrix: {corpus: corpus.txt}")))
        #expect(StepGraph(factory: withImatrix).dependencies(of: .quantize(withImatrix.recipe.ladder[1])) == [.convert, .imatrix])
        // The adaptive search asks for serves one by one: each is a job the catalog knows.
        let adaptive = try sandbox.factory(try sandbox.load(try sandbox.recipe()))
        #expect(StepGraph(factory: adaptive).catalog["serve Q4_K_M"] == .serve(adaptive.recipe.ladder[2]))
        #expect(StepGraph(factory: adaptive).catalog["search Q8_0 Q4_K_M"] == nil)
        // Which rungs the divergence covers is known when the search ends: the walk submits it then.
        #expect(StepGraph(factory: adaptive).dependencies(of: .divergence) == [.serve(adaptive.recipe.ladder[0])])
        #expect(!StepGraph(factory: adaptive).submittedUpfront(.divergence))
    }

    @Test func stepFileNamesAreTheLabelsAndOddNamesGainAHash() {
        #expect(ClusterFolder.slug("domain kld Q4_K_M") == "domain-kld-Q4_K_M")
        #expect(ClusterFolder.slug("serve bartowski/Q4") != ClusterFolder.slug("serve bartowski_Q4"))
        #expect(ClusterFolder.slug("serve bartowski/Q4").hasPrefix("serve-bartowski_Q4-"))
    }
}
