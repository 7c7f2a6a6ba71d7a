import Foundation
import Testing
@testable import Harness

@Suite("harness assess", .tags(.python))
struct NotebookAssessorTests {
    static func notebook(_ cells: [(source: String, count: Int?)], in folder: String) throws -> String {
        let items: [JSONValue] = cells.map { cell in
            .object([JSONMember("cell_type", .string("code")), JSONMember("execution_count", cell.count.map { .number("\($0)") } ?? .null),
                     JSONMember("metadata", .object([])), JSONMember("outputs", .array([])), JSONMember("source", .string(cell.source))])
        }
        let path = folder + "/nb.ipynb"
        try AtomicFile.write(JSONValue.object([JSONMember("cells", .array(items)), JSONMember("metadata", .object([])),
                                               JSONMember("nbformat", .number("4")), JSONMember("nbformat_minor", .number("5"))]).prettyText,
                             to: path)
        return path
    }

    @Test("findings carry cell, line and a fix; the secret never appears; the map links files and cells")
    func findingsAndMap() throws {
        let folder = try TestSupport.temporaryFolder("assess")
        let secret = "ghp_" + String(repeating: "a1B2", count: 9)
        let path = try Self.notebook([
            ("import pandas as pd\nimport numpy as np", 1),
            ("df = pd.read_csv('data/in.csv')\nnoise = np.random.rand(3)", 3),
            ("summary = totals.sum()\ntoken = '\(secret)'", 2),
            ("totals = df.groupby('k').sum()\ntotals.to_csv('/home/ann/out.csv')\nimport json", 4),
        ], in: folder)
        let python = try #require(ExecutableSearch.find("python3", path: ProcessEnvironment.current["PATH"]))
        let assessment = try NotebookAssessor.assess(notebook: path, python: python, environment: ProcessEnvironment.current)
        let rules = assessment.findings.map { "\($0.rule)@\($0.cell):\($0.line)" }
        #expect(rules.contains("unseeded-random@2:2"))
        #expect(rules.contains("out-of-order@3:1"))
        #expect(rules.contains("used-before-defined@3:1"))
        #expect(rules.contains("credential@3:2"))
        #expect(rules.contains("absolute-path@4:2"))
        #expect(rules.contains("late-import@4:3"))
        let text = AssessRenderer.terminal(assessment)
        #expect(!text.contains(secret))
        #expect(!AssessRenderer.json(assessment).compactText.contains(secret))
        #expect(text.contains("fix: move the definition of \"totals\" from cell 4 above this cell"))
        let mermaid = DependencyMap.mermaid(assessment)
        #expect(mermaid.contains("f1[(\"data/in.csv\")]"))
        #expect(mermaid.contains("f1 --> c2"))
        #expect(mermaid.contains("c2 -- \"df\" --> c4"))
        #expect(mermaid.contains("c4 --> f2"))
    }

    @Test("a clean notebook exits 0, findings exit 1, a broken file exits 2 with one message")
    func exitCodes() throws {
        let folder = try TestSupport.temporaryFolder("assess-cli")
        let clean = try Self.notebook([("x = 1", 1), ("y = x + 1", 2)], in: folder)
        let result = try TestSupport.runHarness(["assess", clean])
        #expect(result.status == 0)
        #expect(result.stdout.contains("0 finding(s)"))
        try AtomicFile.write("{\"cells\": [", to: folder + "/broken.ipynb")
        let broken = try TestSupport.runHarness(["assess", folder + "/broken.ipynb"])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("broken.ipynb"))
        _ = try Self.notebook([("y = x", 1), ("x = 1", 2)], in: folder)
        let found = try TestSupport.runHarness(["assess", folder + "/nb.ipynb", "--json", folder + "/a.json"])
        #expect(found.status == 1)
        let json = try JSONParser.parse(fileAt: folder + "/a.json")
        #expect(json["findings"]?.arrayValue?.first?["rule"]?.stringValue == "used-before-defined")
    }
}
