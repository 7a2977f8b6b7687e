import Foundation
import LlamaTools
import Reports
import Testing

/// Issue 17 through `quantorch run` on the real binaries: an importance matrix from the
/// domain, two groups' domain sensitivity measured once for two mixes of Q4_K_M (one at its
/// size, one that must save bytes), the pairs chosen reaching llama-quantize (read back from
/// the GGUF's tensor table), and a cached re-run that launches nothing.
@Suite(.serialized, .enabled(if: EndToEndFixture.manifest != nil, "needs scripts/bootstrap"))
struct DomainMixEndToEndTests {
    struct Summary: Decodable {
        var reportPath: String
        var cached: Bool
        enum CodingKeys: String, CodingKey { case reportPath = "report_path", cached }
    }

    @Test(.timeLimit(.minutes(20)))
    func mixesAreChosenByDomainSensitivityWithinTheirTargetAndQuantizedWithTheirPairs() async throws {
        let fixture = try EndToEndFixture(name: "mix")
        defer { try? FileManager.default.removeItem(at: fixture.root) }
        // Q4_K_M is 100.6 MiB here; the only step of attn_v or ffn_down that saves 2.6 MiB is ffn_down=q4_K.
        let ladder = """

              - F16
              - Q4_K_M
              - {name: Q4_K_M-domain, mix: {base: Q4_K_M, target_size: same as Q4_K_M, groups: [attn_v, ffn_down]}}
              - {name: Q4_K_M-small, mix: {base: Q4_K_M, target_size: 98 MiB, groups: [attn_v, ffn_down]}}
            """
        let recipe = try fixture.recipe(questions: DomainKLDEndToEndTests.questions, ladder: ladder.replacingOccurrences(of: "\n", with: "\n  "),
                                        extra: "imatrix: {corpus: domain}")
        let result = try await QuantorchBinary.run(["run", recipe.path, "--json"])
        #expect([0, 3].contains(result.exitCode), "\(result.stderr)")
        let summary = try JSONDecoder().decode(Summary.self, from: Data(result.stdout.utf8))
        let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: summary.reportPath)))
        #expect(report.variants.map(\.kind) == ["quantize", "quantize", "domain mix", "domain mix"])
        #expect(result.stderr.contains("imatrix of the domain (the baseline's answers, 0 references"), "\(result.stderr)")

        // One measurement per probe, shared by both mixes: the base alone and two steps per group.
        let records = files(under: fixture.work) { $0.deletingLastPathComponent().lastPathComponent == "records" && $0.lastPathComponent.hasPrefix("sensitivity-Q4_K_M-") }
        #expect(records.count == 5, "\(records.map(\.lastPathComponent).sorted())")
        #expect(result.stderr.components(separatedBy: "] sensitivity Q4_K_M").count - 1 == 5, "each probe measured once")
        let leftovers = files(under: fixture.work) { $0.deletingLastPathComponent().lastPathComponent == "sensitivity" }
        #expect(leftovers.isEmpty, "a measured GGUF is deleted: \(leftovers)")

        let stock = try #require(report.variants.first { $0.quantType == "Q4_K_M" })
        let same = try #require(report.variants.first { $0.quantType == "Q4_K_M-domain" })
        let small = try #require(report.variants.first { $0.quantType == "Q4_K_M-small" })
        for variant in [same, small] {
            let mix = try #require(variant.mix)
            #expect(mix.options.map(\.group) == ["attn_v", "attn_v", "ffn_down", "ffn_down"])
            #expect(mix.predictedBytes == variant.sizeBytes, "the groups are disjoint and the header does not change, so the sum is exact")
            #expect(variant.fileType == "Q4_K_M" && variant.perplexity["domain_kld_mean"] != nil && variant.verdict != nil)
        }
        #expect(try #require(same.sizeBytes) <= (try #require(stock.sizeBytes)), "a mix at Q4_K_M's size is no larger than Q4_K_M")
        #expect(same.mix?.targetBytes == stock.sizeBytes)
        #expect(try #require(small.sizeBytes) <= 98 * 1_048_576)
        let smallMix = try #require(small.mix)
        #expect(smallMix.pairs.contains { $0.group == "ffn_down" && $0.type == "q4_K" }, "\(smallMix.pairs)")
        #expect(same.mix?.comparison?.neighbour == "Q4_K_M" && same.mix?.comparison?.line.contains("Q4_K_M") == true)
        #expect(small.mix?.comparison == nil, "no stock rung is as small as 98 MiB in this ladder")

        // llama-quantize received the pairs: every tensor of a chosen group has the chosen option's type.
        let gguf = try #require(files(under: fixture.work) { $0.lastPathComponent == "Q4_K_M-small.gguf" }.first)
        let tensors = try GGUFInfo.read(gguf).tensors
        for pair in smallMix.pairs {
            let wanted = try #require(smallMix.options.first { $0.group == pair.group && $0.type == pair.type }).groupTypes
            let types = Set(tensors.filter { $0.name.range(of: pair.pattern, options: .regularExpression) != nil }.map(\.typeName))
            #expect(!types.isEmpty && types == Set(wanted), "\(pair.group): \(types) in the GGUF, \(wanted) measured")
        }
        let stockGGUF = try #require(files(under: fixture.work) { $0.lastPathComponent == "Q4_K_M.gguf" }.first)
        #expect(Set(try GGUFInfo.read(stockGGUF).tensors.filter { $0.name.hasSuffix("ffn_down.weight") }.map(\.typeName)) == ["q4_K", "q6_K"],
                "the stock type keeps more bits in some ffn_down layers, which the mix gave up")

        let markdown = try String(contentsOf: URL(fileURLWithPath: summary.reportPath).deletingLastPathComponent().appending(path: "report.md"), encoding: .utf8)
        #expect(markdown.contains("## Domain mixes") && markdown.contains("ffn_down=q4_K"))

        let second = try await QuantorchBinary.run(["run", recipe.path, "--json"])
        #expect([0, 3].contains(second.exitCode), "\(second.stderr)")
        #expect(try JSONDecoder().decode(Summary.self, from: Data(second.stdout.utf8)).cached, "the sensitivities and mixes are cached: \(second.stderr)")
    }
}
