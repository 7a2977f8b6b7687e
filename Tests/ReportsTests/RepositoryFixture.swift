import Foundation
@testable import Reports

/// A temporary results repository, the fixture report and its answers files.
struct RepositoryFixture {
    let root: URL
    let repositoryURL: URL
    let answersFolder: URL

    init() throws {
        root = try TemporaryFolder.make("results-repo")
        repositoryURL = root.appendingPathComponent("results", isDirectory: true)
        answersFolder = root.appendingPathComponent("answers", isDirectory: true)
        try FileManager.default.createDirectory(at: answersFolder, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    /// One answers file per variant of `report`, named as its `answers_file`.
    func answersFiles(for report: Report) throws -> [URL] {
        try report.variants.map { variant in
            let url = answersFolder.appendingPathComponent(URL(fileURLWithPath: variant.answersFile).lastPathComponent)
            let lines = report.questions.compactMap { question in
                question.answers.first { $0.quantType == variant.quantType }.map {
                    "{\"question_id\":\"\(question.id)\",\"form\":\"original\",\"pass\":1,\"answer_chars\":\($0.answer.count)}"
                }
            }
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
            return url
        }
    }

    /// The fixture at another revision and run: Q6_K now loses 睾丸癌 for cisplatin (so it is
    /// rejected and Q8_0 is selected), Q4_K_M now keeps it.
    static func retrained(_ report: Report) -> Report {
        var next = report
        next.model.revision = "9b2d71c0e4f8a3b65d1e0c7f2a9b4e8d3c6f1a05"
        next.runID = "20261130T101500Z-0b7e22"
        next.createdAt = "2026-11-30T10:15:00Z"
        guard let cisplatin = next.questions.firstIndex(where: { $0.id == "cisplatin" }) else { return next }
        for (index, answer) in next.questions[cisplatin].answers.enumerated() {
            switch answer.quantType {
            case "Q6_K":
                next.questions[cisplatin].answers[index] = QuestionAnswer(
                    quantType: "Q6_K", answer: "顺铂的分子式为 Cl2H6N2Pt，用于治疗癌症。", correct: false,
                    facts: [FactResult(fact: "Cl2H6N2Pt", found: true), FactResult(fact: "睾丸癌", found: false)])
            case "Q4_K_M":
                next.questions[cisplatin].answers[index] = QuestionAnswer(
                    quantType: "Q4_K_M", answer: "顺铂的分子式为 Cl2H6N2Pt，用于治疗睾丸癌。", correct: true,
                    facts: [FactResult(fact: "Cl2H6N2Pt", found: true), FactResult(fact: "睾丸癌", found: true)])
            default:
                break
            }
        }
        for index in next.variants.indices {
            switch next.variants[index].quantType {
            case "Q6_K":
                next.variants[index].metrics["accuracy"] = Figure(value: 0.75, unit: "fraction", n: 4, ci95: [0.3006, 0.9544])
                next.variants[index].accepted = false
                next.variants[index].reasons = ["accuracy dropped by 0.25 (max 0.05)"]
            case "Q4_K_M":
                next.variants[index].metrics["accuracy"] = Figure(value: 1.0, unit: "fraction", n: 4, ci95: [0.5101, 1.0])
            default:
                break
            }
        }
        next.selection = Selection(quantType: "Q8_0", rule: "smallest accepted quantized variant", why: "Q6_K lost 睾丸癌.")
        return next
    }
}
