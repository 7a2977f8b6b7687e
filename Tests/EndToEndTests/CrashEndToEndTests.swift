import Foundation
import Testing

/// A llama.cpp child that crashes or is orphaned, seen through `quantorch run` on the real
/// SmolLM2 checkpoint with a real llama-server on 127.0.0.1.
@Suite(.serialized, .enabled(if: EndToEndFixture.manifest != nil, "needs scripts/bootstrap"))
struct CrashEndToEndTests {
    @Test(.timeLimit(.minutes(20)))
    func sigkillMidSuiteLeavesNoServer() async throws {
        let fixture = try EndToEndFixture(name: "sigkill")
        defer { try? FileManager.default.removeItem(at: fixture.root) }
        let questions = (0..<12).map { ("q\($0)", "Name a famous city number \($0) in one word.", "city") }
        let recipe = try fixture.recipe(name: "killed", questions: questions, ladder: "[F16, Q8_0]")
        let (process, out, err) = try QuantorchBinary.start(["run", recipe.path])

        _ = try await waitForAnswers(under: fixture.work, atLeast: 2, while: process)
        try #require(!processes(mentioning: fixture.root.path).isEmpty, "no llama-server was running to be orphaned")
        // SIGKILL reaches no handler: only the servers' watchdogs can end them.
        kill(process.processIdentifier, SIGKILL)
        let killed = await QuantorchBinary.finish(process, out, err)
        #expect(killed.exitCode == SIGKILL)
        var orphans = processes(mentioning: fixture.root.path)
        let deadline = ContinuousClock.now + .seconds(3)
        while !orphans.isEmpty, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            orphans = processes(mentioning: fixture.root.path)
        }
        orphans.forEach { kill($0, SIGKILL) }
        #expect(orphans.isEmpty, "llama-server \(orphans) outlived a SIGKILLed quantorch by 3 s")
    }

    @Test(.timeLimit(.minutes(20)))
    func serverKilledBySIGILLIsNamedAsSuch() async throws {
        let fixture = try EndToEndFixture(name: "sigill")
        defer { try? FileManager.default.removeItem(at: fixture.root) }
        let questions = (0..<12).map { ("q\($0)", "Name a famous city number \($0) in one word.", "city") }
        let recipe = try fixture.recipe(name: "crashed", questions: questions, ladder: "[F16, Q8_0]")
        let (process, out, err) = try QuantorchBinary.start(["run", recipe.path])

        _ = try await waitForAnswers(under: fixture.work, atLeast: 2, while: process)
        let servers = processes(mentioning: fixture.root.path)
        try #require(servers.count == 1, "expected the one llama-server of the run, found \(servers)")
        // kill(2) stands in for an instruction the CPU refuses (AMX on some VMs), which cannot
        // be provoked on this machine; the run cannot tell the two apart.
        kill(servers[0], SIGILL)
        let crashed = await QuantorchBinary.finish(process, out, err)
        #expect(crashed.exitCode == 1, "stderr: \(crashed.stderr)")
        #expect(crashed.stderr.contains("llama-server was killed by SIGILL (illegal instruction) while serving "), "stderr: \(crashed.stderr)")
        #expect(crashed.stderr.contains("run `quantorch doctor`"), "stderr: \(crashed.stderr)")
        #expect(!crashed.stderr.contains("already in use"), "stderr: \(crashed.stderr)")
    }
}
