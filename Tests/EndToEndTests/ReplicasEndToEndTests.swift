import Foundation
import Reports
import Testing

/// `evaluation.replicas` through `quantorch run`: each local variant is served by two
/// single-slot llama-servers, and the answers are sequential mode's, so a sequential run of
/// the same recipe afterwards reuses every answer and launches nothing.
@Suite(.serialized, .enabled(if: EndToEndFixture.manifest != nil, "needs scripts/bootstrap"))
struct ReplicasEndToEndTests {
    @Test(.timeLimit(.minutes(15)))
    func twoReplicasServeEachVariantAndShareSequentialModesAnswers() async throws {
        let fixture = try EndToEndFixture(name: "replicas")
        defer { try? FileManager.default.removeItem(at: fixture.root) }
        let recipe = try fixture.recipe(questions: EndToEndFixture.capitals, ladder: "[F16, Q8_0]", replicas: 2)
        let first = try await QuantorchBinary.run(["run", recipe.path, "--json"])
        #expect([0, 3].contains(first.exitCode), "\(first.stderr)")
        #expect(first.stderr.contains("(+ 1 replica on "), "\(first.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        let report = try Report.decode(Data(contentsOf: URL(fileURLWithPath: try #require(summary["report_path"] as? String))))
        #expect(report.settings.replicas == 2)
        let logs = FileManager.default.enumerator(at: fixture.work, includingPropertiesForKeys: nil)?.compactMap { ($0 as? URL)?.lastPathComponent } ?? []
        #expect(logs.contains("server-F16-replica2.log") && logs.contains("server-Q8_0-replica2.log"), "\(logs.filter { $0.hasPrefix("server-") })")

        let sequential = fixture.root.appending(path: "sequential.yaml")
        try String(contentsOf: recipe, encoding: .utf8).replacingOccurrences(of: ", replicas: 2", with: "")
            .write(to: sequential, atomically: true, encoding: .utf8)
        let second = try await QuantorchBinary.run(["run", sequential.path, "--json"])
        #expect([0, 3].contains(second.exitCode), "\(second.stderr)")
        let again = try #require(try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])
        #expect(again["cached"] as? Bool == true, "sequential mode reuses the replicas' answers: \(second.stderr)")
    }
}
