import Foundation
import Testing
@testable import Reports

/// `compare`, `card` and `history` take and show the names of the checkpoint's git repository
/// (`rev1`), read from the source folder the reports name, as `run --revision` takes them.
@Suite struct CheckpointRefsTests {
    @Test(.timeLimit(.minutes(1)))
    func tagsOfTheCheckpointNameItsRevisions() throws {
        let fixture = try RepositoryFixture()
        defer { fixture.remove() }
        // A checkpoint repository with two tagged commits (git made by the git CLI, as a user's is).
        let checkpoint = fixture.repositoryURL.deletingLastPathComponent().appending(path: "checkpoint-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: checkpoint, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: checkpoint) }
        _ = try GitCLI.run(["init", "-q", "-b", "main"], in: checkpoint)
        var shas: [String] = []
        for (index, tag) in ["rev1", "rev2"].enumerated() {
            try Data("weights \(index)".utf8).write(to: checkpoint.appending(path: "model.safetensors"))
            _ = try GitCLI.run(["add", "."], in: checkpoint)
            _ = try GitCLI.run(["-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", tag], in: checkpoint)
            _ = try GitCLI.run(["tag", tag], in: checkpoint)
            shas.append(try GitCLI.run(["rev-parse", "HEAD"], in: checkpoint).stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        var first = try ReportFixture.report()
        first.model.revision = shas[0]
        first.model.source = checkpoint.path
        var second = RepositoryFixture.retrained(first)
        second.model.revision = shas[1]
        let repository = try ResultsRepository(openingOrCreatingAt: fixture.repositoryURL)
        _ = try repository.commit(first, answersFiles: fixture.answersFiles(for: first))
        _ = try repository.commit(second, answersFiles: fixture.answersFiles(for: second))

        let slug = first.model.slug
        #expect(try repository.resolveRevision("rev1", modelSlug: slug) == shas[0])
        #expect(try repository.resolveRevision("rev2", modelSlug: slug) == shas[1])
        #expect(try repository.resolveRevision("main", modelSlug: slug) == shas[1], "a branch too")
        #expect(try repository.resolveRevision(String(shas[0].prefix(7)), modelSlug: slug) == shas[0], "prefixes still work")
        // A name of the checkpoint with no run says so, naming the commit.
        _ = try GitCLI.run(["-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "--allow-empty", "-m", "rev3"], in: checkpoint)
        _ = try GitCLI.run(["tag", "rev3"], in: checkpoint)
        do {
            _ = try repository.resolveRevision("rev3", modelSlug: slug)
            Issue.record("rev3 has no run")
        } catch {
            #expect("\(error)".contains("rev3 (commit") && "\(error)".contains("which has no run"), "\(error)")
        }
        #expect(throws: ResultsRepositoryError.self) { try repository.resolveRevision("no-such-tag", modelSlug: slug) }

        let history = try repository.history(modelSlug: slug)
        #expect(history.map(\.revisionNames) == [["rev1"], ["rev2"]])
        #expect(HistoryTable.render(history, modelSlug: slug).contains("\(shas[0].prefix(12)) (rev1)"))

        // Moved away, the checkpoint names nothing, and shas still resolve.
        let moved = checkpoint.deletingLastPathComponent().appending(path: "moved-\(UUID().uuidString.prefix(6))")
        try FileManager.default.moveItem(at: checkpoint, to: moved)
        defer { try? FileManager.default.removeItem(at: moved) }
        #expect(throws: ResultsRepositoryError.self) { try repository.resolveRevision("rev1", modelSlug: slug) }
        #expect(try repository.history(modelSlug: slug).allSatisfy { $0.revisionNames == nil })
    }
}
