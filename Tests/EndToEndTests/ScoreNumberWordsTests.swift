import Foundation
import Testing

/// `quantorch score` through the built binary on answers that state numbers in words, Chinese
/// numerals, scale words and spaced thousands (issue 19): found as a reader finds them, and
/// not found where the words state another number or none.
@Suite struct ScoreNumberWordsTests {
    let folder: URL
    let suite: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "qo-score-words-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        suite = folder.appending(path: "suite.yaml")
        let text = """
            name: words
            questions:
              - id: moons
                prompt: "How many moons does Jupiter have?"
                key_facts: [{number: 95}]
              - id: planet
                prompt: "Which planet from the Sun is Jupiter?"
                key_facts: [{number: 5}]
              - id: year
                prompt: "In which year?"
                key_facts: [{number: 2024}]
              - id: town
                prompt: "How many people live there?"
                key_facts: [{number: 4700}]
              - id: peak
                prompt: "How high is the peak?"
                key_facts: [{number: 4608, unit: m}]
              - id: zh_people
                prompt: "有多少人？"
                key_facts: [{number: 6008}]
              - id: zh_year
                prompt: "哪一年？"
                key_facts: [{number: 2024}]
              - id: zh_city
                prompt: "城市有多少人口？"
                key_facts: [{number: 47000}]
              - id: zh_count
                prompt: "有几个？"
                key_facts: [{number: 2}]
            """
        try Data(text.utf8).write(to: suite)
    }

    private func answers(_ pairs: [(String, String)]) throws -> URL {
        try writeAnswersFile(pairs, in: folder)
    }

    private func score(_ file: URL, baseline: URL? = nil) async throws -> [String: Any] {
        var arguments = ["score", "--suite", suite.path, "--answers", file.path, "--json"]
        if let baseline { arguments += ["--baseline", baseline.path] }
        let result = try await QuantorchBinary.run(arguments)
        #expect(result.exitCode == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    private func metric(_ object: [String: Any], _ name: String) -> Double? {
        ((object["metrics"] as? [String: Any])?[name] as? [String: Any])?["value"] as? Double
    }

    private func correctness(_ object: [String: Any]) -> [String: Bool] {
        let rows = object["questions"] as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: rows.compactMap { row in
            (row["question_id"] as? String).flatMap { id in (row["correct"] as? Bool).map { (id, $0) } }
        })
    }

    private let inWords = [
        ("moons", "Jupiter has ninety-five known moons."),
        ("planet", "It is the fifth planet from the Sun."),
        ("year", "It happened in twenty twenty-four."),
        ("town", "About 4.7 thousand people live there."),
        ("peak", "The peak is 4\u{2009}608 m high."),
        ("zh_people", "共有六千零八人。"),
        ("zh_year", "那是二〇二四年。"),
        ("zh_city", "城市约有4.7万人。"),
        ("zh_count", "有两个。"),
    ]

    @Test func numbersInWordsAndNumeralsAreFound() async throws {
        let object = try await score(try answers(inWords))
        #expect(correctness(object).filter { !$0.value }.keys.sorted() == [])
        #expect(metric(object, "accuracy") == 1)
        #expect(metric(object, "key_fact_recall") == 1)
    }

    @Test func wordsThatStateAnotherNumberOrNoneAreNotFound() async throws {
        let file = try answers([
            ("moons", "Jupiter has ninety-four known moons."),
            ("planet", "It is the sixth planet, one of the giants."),
            ("year", "It happened in twenty twenty-three."),
            ("town", "About 4.7 million people live there."),
            ("peak", "The peak is 4 609 m high."),
            ("zh_people", "共有六千零九人。"),
            ("zh_year", "那是二〇二三年。"),
            ("zh_city", "城市约有4.7亿人。"),
            ("zh_count", "有三四个。"),
        ])
        let object = try await score(file)
        #expect(correctness(object) == ["moons": false, "planet": false, "year": false, "town": false, "peak": false,
                                        "zh_people": false, "zh_year": false, "zh_city": false, "zh_count": false])
        #expect(metric(object, "accuracy") == 0)
    }

    @Test func aVariantWritingDigitsWhereTheBaselineWroteWordsKeepsItsFacts() async throws {
        let digits = try answers([
            ("moons", "Jupiter has 95 known moons."),
            ("planet", "It is the 5th planet from the Sun."),
            ("year", "It happened in 2024."),
            ("town", "About 4,700 people live there."),
            ("peak", "The peak is 4608 m high."),
            ("zh_people", "共有6008人。"),
            ("zh_year", "那是2024年。"),
            ("zh_city", "城市约有47000人。"),
            ("zh_count", "有2个。"),
        ])
        let object = try await score(digits, baseline: try answers(inWords))
        #expect(metric(object, "accuracy") == 1)
        #expect(metric(object, "flips") == 0)
        #expect(metric(object, "detail_retention") == 1)
    }
}
