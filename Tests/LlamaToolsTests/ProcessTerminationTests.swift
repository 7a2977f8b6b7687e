import Foundation
import Testing
@testable import LlamaTools
#if canImport(Glibc)
import Glibc
#endif

/// How a process ended, as CommandRunner reports it and as error messages word it.
@Suite struct ProcessTerminationTests {
    @Test(.timeLimit(.minutes(1)))
    func capturedRunKeepsExitCodeAndSignalApart() async throws {
        let sh = URL(fileURLWithPath: "/bin/sh")
        let exited = try await CommandRunner.run(sh, ["-c", "exit 3"], timeout: .seconds(30))
        #expect(exited.termination == .exited(3))
        // 128 + 11 as an exit code is not a signal: only a real signal is reported as one.
        let shellStyle = try await CommandRunner.run(sh, ["-c", "exit 139"], timeout: .seconds(30))
        #expect(shellStyle.termination == .exited(139))
        let crashed = try await CommandRunner.run(sh, ["-c", "kill -SEGV $$"], timeout: .seconds(30))
        #expect(crashed.termination == .signaled(ProcessSignal(SIGSEGV)))
        #expect(!crashed.termination.isSuccess)
    }

    @Test(.timeLimit(.minutes(1)))
    func loggedRunReportsTheSignal() async throws {
        let folder = try makeTemporaryFolder("termination")
        defer { try? FileManager.default.removeItem(at: folder) }
        // A SIGILL from a CPU that refuses an instruction cannot be produced on demand, so the
        // shell sends itself one with kill(2); the report cannot tell the two apart.
        let run = try await LoggedRun.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "echo loading; kill -ILL $$"],
                                          logFile: folder.appending(path: "tool.log"), timeout: .seconds(30))
        #expect(run.termination == .signaled(ProcessSignal(SIGILL)))
        #expect(run.lastLines(1) == "loading")
    }

    @Test func sigillSentenceNamesTheCauseAndTheDoctor() {
        let sentence = ProcessTermination.signaled(ProcessSignal(SIGILL)).sentence(tool: "llama-server", activity: "loading Q8_0.gguf")
        #expect(sentence == "llama-server was killed by SIGILL (illegal instruction) while loading Q8_0.gguf: this llama.cpp build uses CPU instructions this machine cannot run; run `quantorch doctor`")
    }

    @Test func otherEndingsGetNoCPUAdvice() {
        let crash = ProcessTermination.signaled(ProcessSignal(SIGSEGV)).sentence(tool: "llama-perplexity", activity: "measuring the perplexity of a.gguf")
        #expect(crash == "llama-perplexity was killed by SIGSEGV (segmentation fault) while measuring the perplexity of a.gguf")
        let refused = ProcessTermination.exited(1).sentence(tool: "llama-quantize", activity: "quantizing a.gguf to Q8_0")
        #expect(refused == "llama-quantize exited with code 1 while quantizing a.gguf to Q8_0")
        #expect(ProcessTermination.signaled(ProcessSignal(SIGKILL)).sentence(tool: "t", activity: "x").contains("out-of-memory"))
    }

    @Test func signalsAreNamedAndDescribed() {
        let named: [(Int32, String)] = [
            (SIGILL, "SIGILL (illegal instruction)"), (SIGSEGV, "SIGSEGV (segmentation fault)"),
            (SIGBUS, "SIGBUS (bus error)"), (SIGABRT, "SIGABRT (aborted)"), (SIGKILL, "SIGKILL (forced kill)"),
            (SIGTERM, "SIGTERM (termination request)"), (SIGINT, "SIGINT (interrupt)"),
        ]
        for (number, text) in named {
            #expect(ProcessSignal(number).description == text)
        }
        #expect(ProcessSignal(SIGILL).name == "SIGILL")
        #expect(ProcessSignal(64).description == "signal 64")
        #expect(ProcessSignal(64).meaning == nil)
    }
}
