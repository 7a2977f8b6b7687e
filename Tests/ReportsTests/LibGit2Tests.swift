import Foundation
import Testing
@testable import Reports

@Suite struct LibGit2Tests {
    @Test func linkedVersionIsOneDotSomething() {
        let parts = LibGit2.version.split(separator: ".")
        #expect(parts.count == 3)
        #expect(parts.first == "1")
    }

    @Test(.timeLimit(.minutes(1)))
    func twoCommitsAndAnAnnotatedTagAreValidForTheGitCLI() throws {
        let folder = try TemporaryFolder.make("libgit2")
        defer { try? FileManager.default.removeItem(at: folder) }
        let repo = try GitRepository.create(at: folder)
        #expect(try repo.headReferenceName() == "refs/heads/main")
        #expect(try repo.head() == nil)

        let first = try repo.commit(
            tree: repo.writeTree(inserting: repo.writeTree(from: makeFolder(in: folder, "one", files: ["a.txt": "alpha\n"])),
                                 at: ["one"], into: nil),
            message: "first")
        let base = try repo.tree(ofCommit: first)
        let second = try repo.commit(
            tree: repo.writeTree(inserting: repo.writeTree(from: makeFolder(in: folder, "two/deep", files: ["b.txt": "beta\n"])),
                                 at: ["two", "deep"], into: base),
            message: "second")
        try repo.resetIndex(toCommit: second, refreshing: ["one/a.txt", "two/deep/b.txt"])
        let tag = try repo.createAnnotatedTag(named: "model/abc/run-1", on: second, message: "selected Q4_K_M")

        #expect(try repo.head() == second)
        #expect(try repo.blob(atPath: "one/a.txt", inCommit: second) == Data("alpha\n".utf8))
        #expect(try repo.blob(atPath: "two/deep/b.txt", inCommit: first) == nil)
        #expect(try repo.folderNames(atPath: "", inCommit: second) == ["one", "two"])
        #expect(try repo.tagNames(matching: "model/*") == ["model/abc/run-1"])
        #expect(try repo.tagMessage(named: "model/abc/run-1") == "selected Q4_K_M")
        #expect(try repo.resolve("refs/tags/model/abc/run-1") == second)

        let log = try GitCLI.run(["log", "--format=%H %P %s"], in: folder)
        #expect(log.status == 0)
        #expect(log.stdout == "\(second) \(first) second\n\(first)  first\n")
        #expect(try GitCLI.run(["cat-file", "-t", "model/abc/run-1"], in: folder).stdout == "tag\n")
        #expect(try GitCLI.run(["rev-parse", "model/abc/run-1"], in: folder).stdout == "\(tag)\n")
        let fsck = try GitCLI.run(["fsck", "--strict"], in: folder)
        #expect(fsck.status == 0, "\(fsck.stderr)")
        #expect(try GitCLI.run(["status", "--porcelain"], in: folder).stdout == "")
    }

    @Test func reopeningFindsTheSameHeadAndFailsOnAFolderWithoutRepository() throws {
        let folder = try TemporaryFolder.make("libgit2-open")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: GitError.self) { try GitRepository.open(at: folder) }
        let created = try GitRepository.create(at: folder)
        let commit = try created.commit(tree: created.writeTree(from: makeFolder(in: folder, "x", files: ["f": "1"])), message: "m")
        #expect(try GitRepository.open(at: folder).head() == commit)
        do {
            _ = try created.createAnnotatedTag(named: "bad..name", on: commit, message: "m")
            Issue.record("an invalid tag name was accepted")
        } catch {
            guard case let .failed(_, code, message) = error else { Issue.record("unexpected \(error)"); return }
            #expect(code < 0)
            #expect(!message.isEmpty)
        }
    }

    private func makeFolder(in root: URL, _ relative: String, files: [String: String]) throws -> URL {
        let folder = root.appendingPathComponent(relative, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
        return folder
    }
}
