import Foundation
import Testing
@testable import LlamaTools

@Suite struct QuantTypeTests {
    /// One row of llama-quantize's "allowed quantization types" table.
    struct HelpRow {
        var fileType: Int?
        var name: String
        var description: String
    }

    /// The type table of `llama-quantize --help` (rows like "  15  or  Q4_K_M  :  4.58G, …"
    /// and "          COPY    : only copy tensors, no quantizing").
    static func rows(ofHelp help: String) throws -> [HelpRow] {
        let heading = try #require(help.range(of: "allowed quantization types"))
        return help[heading.upperBound...].split(separator: "\n").compactMap { line -> HelpRow? in
            guard let match = line.wholeMatch(of: /\s*(?:(\d+)\s+or\s+)?([A-Z0-9_]+)\s*:\s*(.*)/) else { return nil }
            return HelpRow(fileType: match.1.flatMap { Int($0) }, name: String(match.2), description: String(match.3))
        }
    }

    /// Fails when the help's table and `QuantType.all` / `QuantType.aliases` disagree in any way.
    static func checkAgainstHelp(_ help: String) throws {
        let rows = try rows(ofHelp: help)
        #expect(rows.count == QuantType.all.count + QuantType.aliases.count)
        var aliases: [String: String] = [:]
        for row in rows {
            if let target = row.description.firstMatch(of: /alias for (\S+)/) {
                aliases[row.name] = String(target.1)
                continue
            }
            let type = try #require(QuantType.all.first { $0.name == row.name }, "llama-quantize accepts \(row.name), QuantType.all lacks it")
            #expect(type.fileType == row.fileType, "\(row.name)")
            if let printed = row.description.firstMatch(of: /([\d.]+)\s+bpw/) {
                #expect(type.nominalBitsPerWeight == Double(printed.1), "\(row.name): help prints \(printed.1) bpw")
            }
        }
        #expect(aliases == QuantType.aliases)
        #expect(Set(rows.map(\.name)).subtracting(aliases.keys) == Set(QuantType.all.map(\.name)))
    }

    @Test func listMatchesTheCapturedHelp() throws {
        try Self.checkAgainstHelp(try fixture("llama-quantize-help.txt"))
    }

    @Test(.enabled(if: RealToolchain.isAvailable), .timeLimit(.minutes(1)))
    func listMatchesThisLlamaQuantize() async throws {
        let output = try await CommandRunner.run(try RealToolchain.toolchain.require(.quantize), ["--help"], timeout: .seconds(30))
        #expect(output.termination == .exited(1))
        try Self.checkAgainstHelp(output.combined)
    }

    @Test func nominalBitsFollowTheGGMLBlockLayout() throws {
        let printedByHelp: Set<String> = ["Q1_0", "Q2_0", "IQ2_XXS", "IQ2_XS", "IQ2_S", "IQ2_M", "IQ1_S", "IQ1_M",
                                          "TQ1_0", "TQ2_0", "IQ3_XXS", "IQ3_S", "IQ3_M", "IQ3_XS", "IQ4_NL", "IQ4_XS"]
        for type in QuantType.all where !printedByHelp.contains(type.name) && type.nominalBitsPerWeight != nil {
            var base = type.name.lowercased().replacingOccurrences(of: "_k", with: "_K")
            if base.contains("_K_") { base = String(base.prefix(4)) }
            let ggml = try #require(GGMLType.named(base), "\(type.name) → \(base)")
            #expect(type.nominalBitsPerWeight == ggml.bitsPerWeight, "\(type.name)")
        }
        #expect(try QuantType(parsing: "Q8_0").nominalBitsPerWeight == 8.5)
        #expect(try QuantType(parsing: "Q6_K").nominalBitsPerWeight == 6.5625)
        #expect(try QuantType(parsing: "Q2_K").nominalBitsPerWeight == 2.625)
        #expect(try QuantType(parsing: "MXFP4_MOE").nominalBitsPerWeight == nil)
    }

    @Test func parsingIgnoresCaseAndResolvesAliases() throws {
        #expect(try QuantType(parsing: "q4_k_m").name == "Q4_K_M")
        #expect(try QuantType(parsing: " f16 ").name == "F16")
        #expect(try QuantType(parsing: "Q3_K") == QuantType(parsing: "Q3_K_M"))
        #expect(try QuantType(parsing: "q4_k") == QuantType(parsing: "Q4_K_M"))
        #expect(try QuantType(parsing: "Q5_K").name == "Q5_K_M")
        #expect(try QuantType(parsing: "BF16").isFloat)
        #expect(try !QuantType(parsing: "Q8_0").isFloat)
    }

    @Test func unknownNameListsTheValidOnes() {
        let error = #expect(throws: QuantTypeError.self) { try QuantType(parsing: "Q9_X") }
        let message = error?.description ?? ""
        #expect(message.contains("\"Q9_X\""))
        #expect(message.contains("Q4_K_M"))
        #expect(message.contains("Q4_K,") || message.hasSuffix("Q4_K") || message.contains("Q4_K, "))
        #expect(throws: QuantTypeError.self) { try QuantType(parsing: "") }
    }

    @Test func codesAsItsName() throws {
        let types = try ["F16", "Q8_0", "Q4_K_M"].map { try QuantType(parsing: $0) }
        let json = try JSONEncoder().encode(types)
        #expect(String(decoding: json, as: UTF8.self) == #"["F16","Q8_0","Q4_K_M"]"#)
        #expect(try JSONDecoder().decode([QuantType].self, from: json) == types)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([QuantType].self, from: Data(#"["Q7"]"#.utf8)) }
    }
}
