import Foundation
import Reports
import Testing

/// Domain KLD through `quantorch run`: the baseline's own answers, as the server templates them,
/// become llama-perplexity's corpus, and the variant's divergence on it is a criterion with its
/// interval beside the generic corpus's.
@Suite(.serialized, .enabled(if: EndToEndFixture.manifest != nil, "needs scripts/bootstrap"))
struct DomainKLDEndToEndTests {
    static let questions: [(id: String, prompt: String, fact: String)] = EndToEndFixture.capitals + [
        ("germany", "What is the capital of Germany?", "Berlin"),
        ("spain", "What is the capital of Spain?", "Madrid"),
        ("egypt", "What is the capital of Egypt?", "Cairo"),
        ("canada", "What is the capital of Canada?", "Ottawa"),
        ("kenya", "What is the capital of Kenya?", "Nairobi"),
        ("peru", "What is the capital of Peru?", "Lima"),
        ("norway", "What is the capital of Norway?", "Oslo"),
        ("greece", "What is the capital of Greece?", "Athens"),
        ("india", "What is the capital of India?", "New Delhi"),
    ]

    @Test(.timeLimit(.minutes(15)))
    func theBaselinesAnswersAreTheDomainCorpus() async throws {
        let fixture = try EndToEndFixture(name: "domain")
        defer { try? FileManager.default.removeItem(at: fixture.root) }
        let recipe = try fixture.recipe(questions: Self.questions, ladder: "[F16, Q8_0]")
        let result = try await QuantorchBinary.run(["run", recipe.path, "--json"])
        #expect([0, 3].contains(result.exitCode), "\(result.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)")
        let reportURL = URL(fileURLWithPath: try #require(summary["report_path"] as? String))
        let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: reportURL))

        let corpus = try #require(report.settings.domainCorpus, "notes: \(report.notes ?? [])")
        #expect(corpus.conversations == Self.questions.count)
        #expect(corpus.ctx <= 128 && corpus.chunks >= 2 && corpus.scoredTokens >= 100)
        #expect(abs(corpus.scoredShare - Double(corpus.scoredTokens) / Double(corpus.tokens)) < 1e-9)
        let q8 = try #require(report.variants.first { $0.quantType == "Q8_0" })
        let domain = try #require(q8.verdict?.criteria.first { $0.name == "domain_kld_mean" }, "\(q8.verdict?.criteria.map(\.name) ?? [])")
        #expect(domain.lower <= domain.estimate && domain.estimate <= domain.upper)
        // Counted in the questions the answers come from, so "more to decide" is what a suite adds.
        #expect(domain.n == Self.questions.count && domain.unit == "questions")
        #expect(domain.method.contains("over \(corpus.scoredTokens) scored tokens"))
        // The interval is over the chunks, each about one answer, not over tokens.
        #expect(domain.method.hasPrefix("Student t over the mean KLD of each of llama-perplexity's \(corpus.chunks) chunks"), "\(domain.method)")
        #expect(q8.perplexity["domain_kld_mean"]?.value == domain.estimate)
        #expect(q8.verdict?.criteria.contains { $0.name == "kld_mean" } == true, "the generic KLD stays as a second figure")
        let markdown = try String(contentsOf: reportURL.deletingLastPathComponent().appending(path: "report.md"), encoding: .utf8)
        #expect(markdown.contains("- Domain corpus: the baseline's \(Self.questions.count) answers as chat conversations"))
        // The census of the questions, and the first lines read at a glance: the headline, then
        // one line per variant, in report.md and in the run's --json summary.
        let census = try #require(q8.verdict?.census)
        #expect(census.questions == Self.questions.count && census.forms == Self.questions.count)
        let count = Self.questions.count
        #expect(census.line.hasPrefix(census.questionsChanged == 0 ? "all \(count) questions answered as F16 answers them" : "\(census.questionsChanged) of \(count) questions"))
        let glance = try #require(summary["glance"] as? [String])
        #expect(glance.count == 1 && glance[0].hasPrefix("Q8_0  \(q8.verdict?.status ?? "")"), "\(glance)")
        #expect(markdown.hasPrefix("**\(Headline.sentence(report))**\n\n```\n\(glance[0])\n```\n"))
        #expect(summary["headline"] as? String == Headline.sentence(report))
    }
}
