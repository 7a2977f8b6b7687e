import Foundation
import Testing
@testable import Reports

@Suite struct ReportValidationTests {
    @Test func theFixtureIsValidAndRoundTripsThroughJSON() throws {
        let report = try ReportFixture.report()
        try report.validate()
        #expect(try Report.decode(report.jsonData()) == report)
        let json = String(decoding: report.jsonData(), as: UTF8.self)
        #expect(json.contains("\"schema_version\" : 1"))
        #expect(json.contains("\"key_fact_recall\""))
        #expect(json.contains("\"corpus_sha256\""))
        #expect(json.contains("\"looping\" : true"))
        #expect(json.contains("\"chat_template\" : {"))
        #expect(json.contains("\"notes\" : ["))
    }

    @Test func reportsWrittenBeforeLoopingAndChatTemplatesStillDecode() throws {
        var object = try #require(try JSONSerialization.jsonObject(with: ReportFixture.report().jsonData()) as? [String: Any])
        object.removeValue(forKey: "notes")
        object["variants"] = (object["variants"] as? [[String: Any]])?.map { $0.filter { $0.key != "chat_template" } }
        object["questions"] = (object["questions"] as? [[String: Any]])?.map { question in
            question.merging(["answers": (question["answers"] as? [[String: Any]])?.map { $0.filter { $0.key != "looping" } } ?? []]) { $1 }
        }
        let old = try Report.decode(JSONSerialization.data(withJSONObject: object))
        try old.validate()
        #expect(old.notes == nil && old.variants.allSatisfy { $0.chatTemplate == nil })
        #expect(old.questions.allSatisfy { $0.answers.allSatisfy { !$0.looping } })
    }

    @Test func aNullSelectionIsWrittenAsNull() throws {
        var report = try ReportFixture.report()
        report.selection = Selection(quantType: nil, rule: "smallest accepted quantized variant", why: "none passed")
        try report.validate()
        #expect(String(decoding: report.jsonData(), as: UTF8.self).contains("\"quant_type\" : null"))
        #expect(try Report.decode(report.jsonData()).selection.quantType == nil)
    }

    @Test(arguments: [
        ("baseline not first", "variants: the baseline F16 is variant 1; it must be the first"),
        ("duplicate quant", "quant type Q8_0 appears more than once"),
        ("baseline selected", "selection.quant_type is F16: the baseline is never selected"),
        ("rejected selected", "selection.quant_type is Q4_K_M: the variant was not accepted"),
        ("unknown selected", "selection.quant_type is IQ1_S: no variant has this quant type"),
        ("fraction above one", "variants[2].metrics.accuracy.value is 1.2; expected a fraction within 0…1"),
        ("not finite", "variants[3].perplexity.kld_mean.value is nan; expected a finite number"),
        ("interval reversed", "variants[1].metrics.accuracy.ci95 is [0.9, 0.5]"),
        ("bad run id", "run_id is \"2026-11-29\""),
        ("escaping revision", "model.revision is \"../../etc\""),
        ("escaping slug", "model.slug is \"..\""),
        ("unknown answer", "questions[1].answers[0].quant_type names quant type Q5_0"),
        ("template hash", "variants[1].chat_template.sha256 is \"abc\"; expected 64 lowercase hex digits"),
        ("template source", "variants[1].chat_template.source is \"guess\""),
        ("schema", "schema_version is 2"),
    ])
    func aBrokenFieldIsNamed(_ broken: String, _ message: String) throws {
        var report = try ReportFixture.report()
        switch broken {
        case "baseline not first": report.variants.swapAt(0, 1)
        case "duplicate quant": report.variants[2].quantType = "Q8_0"
        case "baseline selected": report.selection.quantType = "F16"
        case "rejected selected": report.selection.quantType = "Q4_K_M"
        case "unknown selected": report.selection.quantType = "IQ1_S"
        case "fraction above one": report.variants[2].metrics["accuracy"]?.value = 1.2
        case "not finite": report.variants[3].perplexity["kld_mean"]?.value = .nan
        case "interval reversed": report.variants[1].metrics["accuracy"]?.ci95 = [0.9, 0.5]
        case "bad run id": report.runID = "2026-11-29"
        case "escaping revision": report.model.revision = "../../etc"
        case "escaping slug": report.model.slug = ".."
        case "unknown answer": report.questions[1].answers[0].quantType = "Q5_0"
        case "template hash": report.variants[1].chatTemplate?.sha256 = "abc"
        case "template source": report.variants[1].chatTemplate?.source = "guess"
        default: report.schemaVersion = 2
        }
        do {
            try report.validate()
            Issue.record("\(broken) passed validation")
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    @Test func decodingNamesTheMissingField() throws {
        var object = try #require(try JSONSerialization.jsonObject(with: ReportFixture.report().jsonData()) as? [String: Any])
        var model = try #require(object["model"] as? [String: Any])
        model.removeValue(forKey: "revision")
        object["model"] = model
        let data = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: ReportValidationError.unreadable(field: "model.revision", problem: "missing")) { try Report.decode(data) }
    }

    @Test func slugsFollowTheContractRule() throws {
        #expect(try ModelSlug.make("HuggingFaceTB/SmolLM2-135M-Instruct") == "huggingfacetb--smollm2-135m-instruct")
        #expect(try ModelSlug.make("huggingfacetb--smollm2-135m-instruct") == "huggingfacetb--smollm2-135m-instruct")
        #expect(try ModelSlug.make("My Model (v2)") == "my-model--v2-")
        #expect(throws: ModelSlugError.self) { try ModelSlug.make("../secrets") }
        #expect(throws: ModelSlugError.self) { try ModelSlug.make(".git") }
        #expect(throws: ModelSlugError.self) { try ModelSlug.make("") }
    }

    @Test func runIDsHaveTheContractShape() {
        let id = RunID.make(date: Date(timeIntervalSince1970: 1_796_290_200))
        #expect(id.hasPrefix("20261203T093000Z-"))
        #expect(RunID.isWellFormed(id))
        #expect(!RunID.isWellFormed("20261214T093000Z-XYZ123"))
    }
}
