import Foundation
import LlamaTools
import Testing
@testable import QuantOrchestrator

/// A disk that fills while llama-quantize writes, on a real small tmpfs: the failure is named
/// ENOSPC with the figures instead of llama-quantize's "iostream error". Needs a machine that
/// lets the tests mount a tmpfs (root outside a locked-down container) and the bootstrap's
/// SmolLM2 GGUF; skipped elsewhere.
@Suite(.enabled(if: RealToolchainFixture.manifest != nil && RealToolchainFixture.canMountTmpfs, "needs tmpfs mounts and the bootstrap"))
struct FullDiskTests {

    func withSmallDisk(megabytes: Int, _ body: (URL) async throws -> Void) async throws {
        let mountPoint = try RealToolchainFixture.folder("full-disk")
        defer { try? FileManager.default.removeItem(at: mountPoint) }
        let mounted = try await CommandRunner.run(URL(fileURLWithPath: "/bin/mount"), ["-t", "tmpfs", "-o", "size=\(megabytes)M", "tmpfs", mountPoint.path],
                                                  timeout: .seconds(30))
        try #require(mounted.termination.isSuccess, "mount failed: \(mounted.combined)")
        do {
            try await body(mountPoint)
        } catch {
            _ = try? await CommandRunner.run(URL(fileURLWithPath: "/bin/umount"), [mountPoint.path], timeout: .seconds(30))
            throw error
        }
        _ = try await CommandRunner.run(URL(fileURLWithPath: "/bin/umount"), [mountPoint.path], timeout: .seconds(30))
    }

    @Test(.timeLimit(.minutes(5)))
    func aDiskThatFillsMidQuantizeIsReportedAsENOSPC() async throws {
        let manifest = try RealToolchainFixture.unwrap(RealToolchainFixture.manifest)
        let logs = try RealToolchainFixture.folder("full-disk-logs")
        defer { try? FileManager.default.removeItem(at: logs) }
        try await withSmallDisk(megabytes: 40) { disk in
            let output = disk.appending(path: "Q8_0.gguf")
            let quantize = {
                try await Quantizer.quantize(toolchain: RealToolchainFixture.toolchain, input: URL(fileURLWithPath: manifest.smollm2Gguf),
                                             type: try QuantType(parsing: "Q8_0"), output: output, threads: 2,
                                             logFile: logs.appending(path: "quantize.log"))
            }
            // What llama-quantize itself says when the disk fills: recognised as a full disk.
            var raw = ""
            do { _ = try await quantize() } catch { raw = "\(error)" }
            #expect(DiskSpace.looksLikeFullDisk(raw), "llama-quantize's own message: \(raw)")

            // An estimate that fits the free space (as if another writer filled the disk after the
            // check) lets the tool start; its failure then comes back as ENOSPC with the figures.
            await #expect {
                try await DiskSpace.writing(output, estimate: 1_000_000) { try await quantize() }
            } throws: { error in
                "\(error)".hasPrefix("no space left on device at \(output.path): needed about 1.0 MiB, ") && "\(error)".contains("MiB free")
            }
            #expect(!FileManager.default.fileExists(atPath: output.path), "a partial file was left behind")
        }
    }

    @Test(.timeLimit(.minutes(5)))
    func aCheckpointExportTooBigForTheWorkDiskIsRefusedBeforeGitWritesAndLeavesNothing() async throws {
        // Issue 32: a raw git "Out of diskspace", and a .partial left to fill the disk again.
        let checkpoint = try RealToolchainFixture.folder("export-source")
        defer { try? FileManager.default.removeItem(at: checkpoint) }
        let git = URL(fileURLWithPath: "/usr/bin/git")
        try Data("{}".utf8).write(to: checkpoint.appending(path: "config.json"))
        // Random bytes do not compress: git stores the blob deflated, the export writes it whole.
        let random = try #require(FileHandle(forReadingAtPath: "/dev/urandom"))
        try random.readData(ofLength: 12 << 20).write(to: checkpoint.appending(path: "model.safetensors"))
        for arguments in [["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", "weights"]] {
            _ = try await CommandRunner.run(git, ["-C", checkpoint.path] + arguments, timeout: .seconds(60))
        }
        try await withSmallDisk(megabytes: 8) { disk in
            let sources = disk.appending(path: "sources")
            await #expect {
                _ = try await SourceResolver(exportRoot: sources).resolve(source: checkpoint, revision: "HEAD")
            } throws: { error in
                "\(error)".contains("no space left on device at \(sources.path)/") && "\(error)".contains("needed about 12.0 MiB")
            }
            let left = (try? FileManager.default.contentsOfDirectory(atPath: sources.path)) ?? []
            #expect(left.allSatisfy { $0.hasSuffix(".lock") }, "left behind: \(left)")
        }
    }
}
