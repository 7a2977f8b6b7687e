import Foundation
import Testing
@testable import QuantOrchestrator

@Suite struct PathExpanderTests {
    let recipe = URL(fileURLWithPath: "/srv/project/recipes/demo.yaml")

    @Test func relativePathsResolveAgainstTheRecipeFolder() throws {
        let expander = PathExpander(recipeFile: recipe, environment: ["HOME": "/home/u"])
        #expect(try expander.url("suite.yaml").get().path == "/srv/project/recipes/suite.yaml")
        #expect(try expander.url("../results").get().path == "/srv/project/results")
    }

    @Test func tildeVariablesAndTheHomeDefaultExpand() throws {
        let expander = PathExpander(recipeFile: recipe, environment: ["HOME": "/home/u", "DATA": "/data"])
        #expect(try expander.url("~/models/x").get().path == "/home/u/models/x")
        #expect(try expander.url("$DATA/corpus.txt").get().path == "/data/corpus.txt")
        #expect(try expander.url("${QUANTORCH_HOME}/corpus/python-docs.txt").get().path == "/home/u/.cache/quantorch/corpus/python-docs.txt")
    }

    @Test func anUndefinedVariableIsNamed() {
        let expander = PathExpander(recipeFile: recipe, environment: ["HOME": "/home/u"])
        guard case let .failure(error) = expander.url("${NOPE}/x") else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.name == "NOPE")
    }
}
