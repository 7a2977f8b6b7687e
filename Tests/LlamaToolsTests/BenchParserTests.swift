import Foundation
import Testing
@testable import LlamaTools

@Suite struct BenchParserTests {
    /// `llama-bench -m q8_0.gguf -p 32 -n 16 -r 2 -t 2 -o json`, captured (build 11434).
    @Test func capturedOutput() throws {
        let results = try Bench.parse(Data(try fixture("llama-bench.json").utf8))
        #expect(results.map(\.testName) == ["pp32", "tg16"])
        let pp = results[0], tg = results[1]
        #expect(pp.avgTs == 8.216458)
        #expect(pp.stddevTs == 2.903443)
        #expect(pp.samplesTs == [6.16341, 10.2695])
        #expect(tg.avgTs == 2.720798)
        #expect(tg.stddevTs == 0.100167)
        #expect(tg.nGen == 16 && tg.nPrompt == 0)
        #expect(pp.modelNParams == 134_515_008)
        #expect(pp.modelSize == 143_025_408)
        #expect(pp.nThreads == 2)
        #expect(pp.backends == "CPU")
        let roundTrip = try JSONDecoder().decode([BenchResult].self, from: JSONEncoder().encode(results))
        #expect(roundTrip == results)
    }

    @Test func notJSON() {
        let error = #expect(throws: BenchError.self) { try Bench.parse(Data("main: error: failed to load model".utf8)) }
        #expect(error?.description.contains("failed to load model") == true)
    }
}
