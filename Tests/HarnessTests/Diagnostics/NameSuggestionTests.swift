import Testing
@testable import Harness

@Suite struct NameSuggestionTests {
    @Test(arguments: [("--kye", "--key"), ("rtoll", "rtol"), ("goldne", "golden"), ("pipline", "pipeline")])
    func suggestsTheNearestName(typo: String, expected: String) {
        let known = ["--key", "rtol", "atol", "golden", "pipeline", "notebook", "--ignore"]
        #expect(NameSuggestion.nearest(to: typo, in: known) == expected)
    }

    @Test func suggestsNothingForAnUnrelatedName() {
        #expect(NameSuggestion.nearest(to: "completely-different", in: ["key", "rtol"]) == nil)
    }

    @Test func rendersLocationValueAndSuggestion() {
        let error = HarnessError.unknownName(SourceLocation(path: "harness.json", line: 4, column: 7),
                                             kind: "key", name: "goldne", known: ["golden", "cases"])
        #expect(DiagnosticRenderer.render(error) == "harness.json:4:7: error: unknown key \"goldne\"\n  did you mean \"golden\"?")
    }
}
