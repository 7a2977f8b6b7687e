import Foundation
import LlamaTools
import Reports
import Synchronization
import Testing
@testable import QuantOrchestrator

/// Flips one byte of `url` in place, keeping its size, and puts its modification time back to
/// the nanosecond, as an in-place edit that a size-and-date check cannot see.
func flipByteKeepingSizeAndDate(_ url: URL, at offset: UInt64) throws {
    var before = stat()
    guard stat(url.path, &before) == 0 else { throw CocoaError(.fileReadUnknown) }
    let handle = try FileHandle(forUpdating: url)
    try handle.seek(toOffset: offset)
    let byte = try #require(try handle.read(upToCount: 1)?.first)
    try handle.seek(toOffset: offset)
    try handle.write(contentsOf: Data([byte ^ 0xFF]))
    try handle.close()
    let times = [before.st_atim, before.st_mtim]
    guard utimensat(AT_FDCWD, url.path, times, 0) == 0 else { throw CocoaError(.fileWriteUnknown) }
}

/// Collects progress lines.
final class ProgressLines: Sendable {
    private let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
    var reporter: ProgressReporter { ProgressReporter(live: false) { text in self.lines.withLock { $0.append(text) } } }
}

@Suite struct ArtifactRecordTests {
    func file(_ bytes: Int = 4096) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "qo-artifact-\(UUID().uuidString).bin")
        try Data((0..<bytes).map { UInt8(truncatingIfNeeded: $0) }).write(to: url)
        return url
    }

    @Test func aByteChangedInPlaceIsFoundWhenHashingAlwaysAndAfterTheDateMoved() throws {
        let url = try file()
        let record = try ArtifactRecord.of(url, toolSeconds: 1)
        #expect(try record.check(.whenChanged) == .intact(record))
        #expect(try record.check(.always) == .intact(record))

        try flipByteKeepingSizeAndDate(url, at: 2000)
        #expect(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int == record.sizeBytes)
        // Same size and date: only a hash can tell, which is why a served GGUF is always hashed.
        #expect(try record.check(.whenChanged) == .intact(record))
        guard case let .changed(what) = try record.check(.always) else {
            Issue.record("a flipped byte went unnoticed")
            return
        }
        #expect(what.contains("sha256") && what.contains(record.sha256.prefix(12)))

        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: url.path)
        guard case .changed = try record.check(.whenChanged) else {
            Issue.record("a moved date did not make the check rehash")
            return
        }
    }

    @Test func aTouchedButUnchangedFileIsIntactWithTheNewDate() throws {
        let url = try file()
        let record = try ArtifactRecord.of(url, toolSeconds: 1)
        let later = Date(timeIntervalSince1970: 2_000_000_000)
        try FileManager.default.setAttributes([.modificationDate: later], ofItemAtPath: url.path)
        guard case let .intact(seen) = try record.check(.whenChanged) else {
            Issue.record("an unchanged file was taken for a changed one")
            return
        }
        #expect(seen.sha256 == record.sha256 && seen.modificationTime == later.timeIntervalSince1970)
        #expect(try seen.check(.whenChanged) == .intact(seen))
    }

    @Test func aRecordWithoutADateIsRehashedAndAResizedFileIsChanged() throws {
        let url = try file()
        let record = try ArtifactRecord.of(url, toolSeconds: 1)
        let json = try JSONEncoder().encode(record)
        var object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        object.removeValue(forKey: "mtime")
        let old = try JSONDecoder().decode(ArtifactRecord.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(old.modificationTime == nil)
        #expect(old.fallbacks == nil, "a record written before fallbacks were kept still decodes")
        guard case let .intact(seen) = try old.check(.whenChanged) else {
            Issue.record("an old record of an unchanged file was refused")
            return
        }
        #expect(seen.modificationTime == record.modificationTime)

        try Data([1, 2, 3]).write(to: url)
        guard case let .changed(what) = try record.check(.whenChanged) else {
            Issue.record("a resized file went unnoticed")
            return
        }
        #expect(what.contains("size is 3 bytes"))
        try FileManager.default.removeItem(at: url)
        #expect(try record.check(.always) == .missing)
    }
}

/// The quantize stage with the real llama-quantize, on the bootstrap's shipped SmolLM2 GGUF.
@Suite(.enabled(if: QuantorchHome().manifest() != nil, "needs scripts/bootstrap"))
struct QuantizeReuseTests {
    @Test(.timeLimit(.minutes(5)))
    func aCachedVariantWhoseBytesChangedInPlaceIsQuantizedAgain() async throws {
        let manifest = try #require(QuantorchHome().manifest())
        let harness = StageHarness("requantize")
        defer { harness.remove() }
        let master = try ArtifactRecord.of(URL(fileURLWithPath: manifest.smollm2Gguf), toolSeconds: 0)
        let type = try QuantType(parsing: "Q8_0")
        let stage = QuantizeStage(entry: LadderEntry(stock: type), type: type, tensorTypes: [], master: master, importanceMatrix: nil,
                                  folder: harness.folder, estimate: 0)

        let first = try await harness.cached(stage).record
        let url = URL(fileURLWithPath: first.path)
        try flipByteKeepingSizeAndDate(url, at: UInt64(first.sizeBytes / 2))
        let corrupted = try FileDigest.sha256(of: url)
        #expect(corrupted != first.sha256)

        let (second, launched, lines) = try await harness.cached(stage)
        #expect(launched == ["llama-quantize Q8_0"], "the changed variant must be made again")
        #expect(lines.contains { $0.contains("Q8_0.gguf changed since it was made") && $0.contains("same size") }, "\(lines)")
        let now = try FileDigest.sha256(of: url)
        #expect(second.sha256 == now && now != corrupted)
        #expect(now == first.sha256, "llama-quantize is deterministic, so the remade file equals the first")
        #expect(StageRecords(folder: harness.folder).load(ArtifactRecord.self, stage.recordName) == second)

        #expect(try await harness.cached(stage).launched.isEmpty, "an intact variant is reused")
    }

    /// SmolLM2's 576-weight rows do not fit q4_K's blocks: the record keeps what llama-quantize
    /// gave them instead, and a reused record still has it, since the report reads it from there.
    @Test(.timeLimit(.minutes(5)))
    func theRecordKeepsTheFallbacksAcrossReuse() async throws {
        let manifest = try #require(QuantorchHome().manifest())
        let harness = StageHarness("fallbacks")
        defer { harness.remove() }
        let master = try ArtifactRecord.of(URL(fileURLWithPath: manifest.smollm2Gguf), toolSeconds: 0)
        let type = try QuantType(parsing: "Q4_K_M")
        let stage = QuantizeStage(entry: LadderEntry(stock: type), type: type, tensorTypes: [], master: master, importanceMatrix: nil,
                                  folder: harness.folder, estimate: 0)

        let made = try await harness.cached(stage).record
        let fallbacks = try #require(made.fallbacks)
        #expect(fallbacks.filter { $0.wanted == "q4_K" && $0.used == "q5_0" }.count == 166)
        let info = try GGUFInfo.read(URL(fileURLWithPath: made.path))
        #expect(fallbacks.filter { $0.used == "q5_0" }.count == info.tensorTypes["q5_0"], "every q5_0 tensor of the file is a fallback")
        #expect(FallbackGroups.of(fallbacks) == [
            FallbackGroup(wanted: "q4_K", used: "q5_0", tensors: 166, reason: "576 columns not divisible by 256"),
            FallbackGroup(wanted: "q6_K", used: "q8_0", tensors: 14, reason: "576 columns not divisible by 256"),
        ], "the report counts them per pair, most first")

        let (reused, launched, _) = try await harness.cached(stage)
        #expect(launched.isEmpty)
        #expect(reused.fallbacks == fallbacks)
    }
}
