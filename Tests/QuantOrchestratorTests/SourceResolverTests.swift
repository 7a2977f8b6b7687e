import Foundation
import LlamaTools
import Testing
@testable import QuantOrchestrator

/// The commit a recipe (or --revision) names is what gets evaluated and recorded.
@Suite struct SourceResolverTests {
    let root: URL
    let checkpoint: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appending(path: "qo-source-\(UUID().uuidString.prefix(8))")
        checkpoint = root.appending(path: "checkpoint")
        try FileManager.default.createDirectory(at: checkpoint, withIntermediateDirectories: true)
        try git("init", "-q", "-b", "main")
        try Data(#"{"revision": 1}"#.utf8).write(to: checkpoint.appending(path: "config.json"))
        try git("add", "config.json")
        try git("commit", "-q", "-m", "revision 1")
        try git("tag", "rev1")
        try Data(#"{"revision": 2}"#.utf8).write(to: checkpoint.appending(path: "config.json"))
        try git("commit", "-q", "-am", "revision 2")
        try git("tag", "rev2")
    }

    @discardableResult
    func git(_ arguments: String...) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = ["-C", checkpoint.path, "-c", "user.name=t", "-c", "user.email=t@t"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aTagIsResolvedToItsCommitAndThatCommitsFilesAreExported() async throws {
        let resolver = SourceResolver(exportRoot: root.appending(path: "sources"))
        let first = try await resolver.resolve(source: checkpoint, revision: "rev1")
        #expect(first.revision == (try git("rev-parse", "rev1")))
        #expect(first.revisionKind == .gitCommit)
        let config = try String(contentsOf: first.checkpoint.appending(path: "config.json"), encoding: .utf8)
        #expect(config.contains("\"revision\": 1"), "the working tree is at rev2, but rev1 must be evaluated")

        let head = try await resolver.resolve(source: checkpoint, revision: nil)
        #expect(head.revision == (try git("rev-parse", "HEAD")))
        #expect(head.revision != first.revision)
    }

    @Test func anUnknownRevisionIsBadInputNamingTheRepository() async throws {
        let resolver = SourceResolver(exportRoot: root.appending(path: "sources"))
        await #expect {
            _ = try await resolver.resolve(source: checkpoint, revision: "no-such-tag")
        } throws: { error in
            guard let error = error as? PipelineError else { return false }
            return error.isBadInput && error.description.contains("no-such-tag") && error.description.contains(checkpoint.path)
        }
    }

    @Test func aFolderWithoutGitIsRecordedByContentHashOrByItsLabel() async throws {
        let plain = root.appending(path: "plain")
        try FileManager.default.createDirectory(at: plain, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: plain.appending(path: "config.json"))
        let resolver = SourceResolver(exportRoot: root.appending(path: "sources"))
        let hashed = try await resolver.resolve(source: plain, revision: nil)
        #expect(hashed.revisionKind == .contentHash)
        #expect(hashed.revision.count == 64)
        let labelled = try await resolver.resolve(source: plain, revision: "v2.1")
        #expect(labelled.revision == "v2.1")
        await #expect(throws: PipelineError.self) { _ = try await resolver.resolve(source: plain, revision: "../escape") }
    }
}
