import Testing
@testable import Reports

@Suite struct LibGit2Tests {
    @Test func linkedVersionIsOneDotSomething() {
        let parts = LibGit2.version.split(separator: ".")
        #expect(parts.count == 3)
        #expect(parts.first == "1")
    }
}
