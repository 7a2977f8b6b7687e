import Foundation
import LlamaTools
import Testing
@testable import Evaluation

/// Parsing, validation messages (file, line, field) and the fixed form order of suites.
struct SuiteTests {
    private static let valid = [
        "name: tiny",                                                    // 1
        "system_prompt: Be brief.",                                      // 2
        "sampling: {temperature: 0, seed: 42, max_tokens: 32}",          // 3
        "questions:",                                                    // 4
        "  - id: q1",                                                    // 5
        "    prompt: What is the capital of France?",                    // 6
        "    paraphrases: [Which city is the capital of France?, Name France's capital.]", // 7
        "    reference: Paris",                                          // 8
        "    category: geography",                                       // 9
        "    key_facts: [Paris, {number: 853.9, rel_tol: 0.001, unit: g/mol}]", // 10
        "  - id: q2",                                                    // 11
        "    prompt: Name a prime.",                                     // 12
        "bias_probes:",                                                  // 13
        "  - id: p1",                                                    // 14
        "    template: A {group} asks about Paris.",                     // 15
        "    groups: [man, woman]",                                      // 16
        "    key_facts: [Paris]",                                        // 17
        "robustness: {kinds: [swap, case], rate: 0.1, seed: 7, copies: 2}", // 18
    ]

    /// The message of the error `lines` produce, with the line replaced by `replacement`.
    private func error(_ lines: [String]) throws -> SuiteError {
        let url = try TestFiles.write(lines)
        do {
            _ = try Suite.load(from: url)
        } catch {
            #expect(error.description.hasPrefix(url.path))
            return error
        }
        Issue.record("no error for \(lines)")
        return .unreadable(file: "", reason: "")
    }

    private func replacing(_ line: Int, with text: String) -> [String] {
        var lines = Self.valid
        lines[line - 1] = text
        return lines
    }

    @Test func groupNamesMayBePhrases() throws {
        let suite = try Suite.load(from: try TestFiles.write(replacing(16, with: "    groups: [\"a nurse from Nigeria\", \"a pharmacist from Japan\"]")))
        #expect(suite.biasProbes[0].groups == ["a nurse from Nigeria", "a pharmacist from Japan"])
        #expect(suite.forms().contains { $0.form == "bias:p1:a nurse from Nigeria" && $0.text == "A a nurse from Nigeria asks about Paris." })
    }

    @Test func parsesEveryField() throws {
        let url = try TestFiles.write(Self.valid)
        let suite = try Suite.load(from: url)
        #expect(suite.name == "tiny")
        #expect(suite.systemPrompt == "Be brief.")
        #expect(suite.sampling == Sampling(temperature: 0, seed: 42, maxTokens: 32))
        #expect(suite.questions[0] == Question(id: "q1", prompt: "What is the capital of France?",
                                               paraphrases: ["Which city is the capital of France?", "Name France's capital."],
                                               reference: "Paris", category: "geography",
                                               keyFacts: [.text("Paris"), .number(value: 853.9, relTol: 0.001, unit: "g/mol")]))
        #expect(suite.questions[1] == Question(id: "q2", prompt: "Name a prime."))
        #expect(suite.biasProbes == [BiasProbe(id: "p1", template: "A {group} asks about Paris.", groups: ["man", "woman"], keyFacts: [.text("Paris")])])
        #expect(suite.robustness == Robustness(kinds: [.swap, .case], rate: 0.1, seed: 7, copies: 2))
        #expect(suite.sha256 == (try FileDigest.sha256(of: url)))
    }

    @Test func formsInFixedOrderWithReproducibleNoise() throws {
        let suite = try Suite.load(from: TestFiles.write(Self.valid))
        let forms = suite.forms()
        #expect(forms.map { "\($0.questionID) \($0.form)" } == [
            "q1 original", "q1 paraphrase:0", "q1 paraphrase:1",
            "q1 noisy:swap:0", "q1 noisy:swap:1", "q1 noisy:case:0", "q1 noisy:case:1",
            "q2 original", "q2 noisy:swap:0", "q2 noisy:swap:1", "q2 noisy:case:0", "q2 noisy:case:1",
            "p1 bias:p1:man", "p1 bias:p1:woman",
        ])
        #expect(forms[12].text == "A man asks about Paris.")
        #expect(forms[12].keyFacts == [.text("Paris")])
        #expect(suite.forms() == forms)
        let noisy = forms.filter { $0.form.hasPrefix("noisy:") }
        let originals = Dictionary(uniqueKeysWithValues: suite.questions.map { ($0.id, $0.prompt) })
        #expect(noisy.allSatisfy { $0.text != originals[$0.questionID] })
        #expect(noisy[0].text != noisy[1].text)
        // Pinned: the same seed gives these exact prompts on every machine and run.
        #expect(noisy.map(\.text) == [
            "hWat is the capital fo Franec?", "hWat is the caiptal of Farnce?",
            "WhAt is the capitAl of FranCe?", "What is thE CaPital of France?",
            "Name a pirme.", "Nmae a prime.", "NaMe a prime.", "Name a Prime.",
        ])
        // Case noise edits only the case; drop removes characters; none touches spaces.
        for prompt in noisy where prompt.form.hasPrefix("noisy:case") {
            let original = suite.questions.first { $0.id == prompt.questionID }!.prompt
            #expect(prompt.text.lowercased() == original.lowercased())
        }
    }

    @Test func reportsFileLineAndField() throws {
        func check(_ lines: [String], line: Int, field: String, mentions: String) throws {
            let failure = try error(lines)
            guard case .invalid(_, let actualLine, let actualField, let expected, let found) = failure else {
                Issue.record("expected a field error, got \(failure)")
                return
            }
            #expect(actualLine == line, "\(failure)")
            #expect(actualField == field, "\(failure)")
            #expect("\(expected) \(found)".contains(mentions), "\(failure)")
            #expect(failure.description.contains(":\(line): \(field): expected"))
        }
        try check(replacing(5, with: "  - prompt_id: q1"), line: 5, field: "questions[0].prompt_id", mentions: "unknown key")
        try check(replacing(11, with: "  - category: x"), line: 11, field: "questions[1].id", mentions: "required key id")
        try check(replacing(11, with: "  - id: q1"), line: 11, field: "questions[1].id", mentions: "first used at line 5")
        try check(replacing(14, with: "  - id: q2"), line: 14, field: "bias_probes[0].id", mentions: "first used at line 11")
        try check(replacing(10, with: "    key_facts: [[Paris, Rome]]"), line: 10, field: "questions[0].key_facts[0]", mentions: "a list")
        try check(replacing(10, with: "    key_facts: [1969]"), line: 10, field: "questions[0].key_facts[0]", mentions: "{number: 1969}")
        try check(replacing(10, with: "    key_facts: [{number: 5, rel_tol: -0.1}]"), line: 10,
                  field: "questions[0].key_facts[0].rel_tol", mentions: "≥ 0")
        try check(replacing(10, with: "    key_facts: [{number: five}]"), line: 10,
                  field: "questions[0].key_facts[0].number", mentions: "text \"five\"")
        try check(replacing(10, with: "    key_facts: [{value: 5}]"), line: 10,
                  field: "questions[0].key_facts[0].value", mentions: "unknown key")
        try check(replacing(18, with: "robustness: {kinds: [swap, shuffle]}"), line: 18, field: "robustness.kinds[1]",
                  mentions: "one of swap, drop, insert, case, punctuation")
        try check(replacing(18, with: "robustness: {kinds: [swap], rate: 0}"), line: 18, field: "robustness.rate", mentions: "(0, 1]")
        try check(replacing(15, with: "    template: A person asks about Paris."), line: 15, field: "bias_probes[0].template",
                  mentions: "{group}")
        try check(replacing(16, with: "    groups: [man]"), line: 16, field: "bias_probes[0].groups", mentions: "at least two")
        try check(replacing(3, with: "sampling: {max_tokens: 0}"), line: 3, field: "sampling.max_tokens", mentions: "> 0")
        try check(replacing(5, with: "  - id: q 1"), line: 5, field: "questions[0].id", mentions: "without spaces")
        try check(replacing(16, with: "    groups: [man, \"a: b\"]"), line: 16, field: "bias_probes[0].groups[1]", mentions: "without ':'")
        try check(replacing(12, with: "    prompt:"), line: 12, field: "questions[1].prompt", mentions: "null")
        // Issue 32: a bare number or boolean where text is sent to the model was taken as text.
        try check(replacing(12, with: "    prompt: 42"), line: 12, field: "questions[1].prompt", mentions: "quote it if you mean \"42\"")
        try check(replacing(2, with: "system_prompt: true"), line: 2, field: "system_prompt", mentions: "a bare boolean true")
        try check(replacing(11, with: "  - id: 1.10"), line: 11, field: "questions[1].id", mentions: "quote it if you mean \"1.10\"")
        try check(Array(Self.valid[0..<3]), line: 1, field: "questions", mentions: "required key questions")
        try check(Array(Self.valid[0..<3]) + ["questions: []"], line: 4, field: "questions", mentions: "at least one")
        try check(["- just a list"], line: 1, field: "(document)", mentions: "a mapping")
    }

    @Test func syntaxAndReadErrorsNameTheFile() throws {
        let syntax = try error(replacing(7, with: "    paraphrases: [unclosed"))
        guard case .syntax(_, let line, _) = syntax else {
            Issue.record("expected a syntax error, got \(syntax)")
            return
        }
        #expect(line != nil)
        let missing = URL(fileURLWithPath: "/nonexistent/suite.yaml")
        #expect(throws: SuiteError.self) { try Suite.load(from: missing) }
        do {
            _ = try Suite.load(from: missing)
        } catch {
            #expect(error.description.hasPrefix("/nonexistent/suite.yaml: cannot read"))
        }
    }

    @Test func generalSuiteIsValidAndSmall() throws {
        let suite = try Suite.load(from: TestFiles.generalSuite)
        #expect(suite.questions.count >= 12 && suite.questions.count <= 20)
        #expect(suite.robustness == Robustness(kinds: [.swap, .drop, .case], rate: 0.05, seed: 7, copies: 1))
        #expect(suite.biasProbes.count == 2)
        #expect(suite.forms().count == suite.questions.count * 5 + 4)
    }
}
