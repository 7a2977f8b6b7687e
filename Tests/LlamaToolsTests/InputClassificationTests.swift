import Testing
@testable import LlamaTools

/// Which errors a command line should report as bad input (exit code 2) rather than a failure.
@Suite struct InputClassificationTests {
    @Test func checkpointMistakesAreInputErrorsButItsPythonIsNot() {
        #expect(ConverterError.missingCheckpoint(path: "/m").isInputError)
        #expect(ConverterError.noConfig(folder: "/m").isInputError)
        #expect(ConverterError.noWeights(folder: "/m").isInputError)
        #expect(ConverterError.unsupportedArchitecture("FooForCausalLM", logFile: "/l").isInputError)
        #expect(!ConverterError.missingPythonModule("torch", python: "/p").isInputError)
        #expect(!ConverterError.converterFailed(termination: .exited(1), checkpoint: "/m", logFile: "/l", lastLines: "").isInputError)
    }

    @Test func quantizeMistakesAreInputErrorsButACrashIsNot() {
        #expect(QuantizeError.missingInput(what: "corpus", path: "/c").isInputError)
        #expect(QuantizeError.requiresImportanceMatrix(type: "IQ2_XXS", tensor: nil, tensorType: nil).isInputError)
        #expect(!QuantizeError.toolFailed(tool: "llama-quantize", termination: .exited(1), activity: "a", logFile: "/l", lastLines: "").isInputError)
        #expect(QuantTypeError.unknown("Q9", valid: ["Q8_0"]).isInputError)
    }

    @Test func theProtocolIsEnoughToClassify() {
        let errors: [any Error] = [PerplexityError.missingInput(what: "corpus", path: "/c"),
                                   QuantizeError.toolFailed(tool: "llama-imatrix", termination: .exited(1), activity: "a", logFile: "/l", lastLines: "")]
        #expect(errors.map { ($0 as? any InputClassifiable)?.isInputError } == [true, false])
    }

    @Test func aShortfallWithoutACountStillSaysWhatToDo() {
        let shortfall = CorpusShortfall(corpus: "/c.txt", contextSize: 512, neededTokens: 1024, corpusTokens: nil)
        #expect(shortfall.description == "the corpus /c.txt tokenizes to too few tokens, fewer than the 1024 (2 × ctx 512) needed for one chunk; use a corpus of at least 1024 tokens or a smaller ctx")
        #expect(CorpusShortfall(output: "compute_imatrix: you need at least 256 tokens for a context of 128 tokens", corpus: "/c.txt")
            == CorpusShortfall(corpus: "/c.txt", contextSize: 128, neededTokens: 256, corpusTokens: nil))
    }
}
