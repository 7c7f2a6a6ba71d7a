import Foundation
import Testing
@testable import Harness

/// Mistakes that used to surface only after minutes of running are config errors now, all
/// listed at once, before anything runs.
@Suite struct ConfigPreChecksTests {
    static let notebook = """
    {"cells": [
      {"cell_type": "markdown", "metadata": {}, "source": ["# Sales"]},
      {"cell_type": "code", "metadata": {"tags": ["parameters"]}, "outputs": [], "execution_count": null,
       "source": ["min_revenue = 0\\n", "input_path = (\\n", "    'data/sales.csv'\\n", ")\\n", "region: str = 'EU'  # the default\\n"]}
    ], "nbformat": 4, "nbformat_minor": 5, "metadata": {}}
    """

    /// The problems `ConfigLoader` reports for `config`, with `files` written beside it.
    func problems(_ config: String, files: [String: String] = [:]) throws -> [String] {
        let folder = try TestSupport.temporaryFolder("prechecks")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestSupport.write(ConfigPreChecksTests.notebook, to: folder + "/nb.ipynb")
        for (name, text) in files { try TestSupport.write(text, to: folder + "/" + name) }
        try TestSupport.write(config, to: folder + "/harness.json")
        do {
            _ = try ConfigLoader.load(path: folder + "/harness.json")
            return []
        } catch let error as HarnessError {
            return error.problems.map { DiagnosticRenderer.render($0).replacingOccurrences(of: folder + "/", with: "") }
        }
    }

    @Test func everyContractProblemIsListedWithTheConfigsBeforeAnythingRuns() throws {
        let table = """
        {"fields": [
          {"name": "orders", "type": "int"},
          {"name": "revenue", "type": "float", "constraints": {"minimun": 0}},
          {"name": "region", "type": "str"}
        ]}
        """
        let schema = #"{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "propertys": {}}"#
        let found = try problems("""
        {"cases": {"a": {"notebook": "nb.ipynb", "parameters": {"min_revnue": 1},
          "outputs": {"m.csv": {"path": "out/m.csv", "contract": "m.contract.json"},
                      "metrics.json": {"path": "out/metrics.json", "contract": "metrics.schema.json"}}}}}
        """, files: ["m.contract.json": table, "metrics.schema.json": schema])
        #expect(found.contains { $0.hasPrefix("m.contract.json:2:") && $0.contains("unknown field type \"int\"") && $0.contains("did you mean \"integer\"?") })
        #expect(found.contains { $0.hasPrefix("m.contract.json:3:") && $0.contains("\"float\"") && $0.contains("did you mean \"number\"?") })
        #expect(found.contains { $0.hasPrefix("m.contract.json:4:") && $0.contains("\"str\"") && $0.contains("did you mean \"string\"?") })
        #expect(found.contains { $0.hasPrefix("metrics.schema.json:") && $0.contains("propertys") })
        #expect(found.contains { $0.hasPrefix("harness.json:1:") && $0.contains("\"min_revnue\"") })
    }

    @Test func aJSONOutputsIgnoreTakesPointersAndSaysWhichOne() throws {
        let found = try problems("""
        {"cases": {"a": {"notebook": "nb.ipynb",
          "outputs": {"metrics.json": {"path": "out/metrics.json", "ignore": ["run_at"], "key": ["id"]}}}}}
        """)
        #expect(found.count == 2)
        #expect(found.contains { $0.hasPrefix("harness.json:2:") && $0.contains("ignore \"run_at\" is not a JSON Pointer")
                && $0.contains("output \"metrics.json\"") && $0.contains("did you mean \"/run_at\"?") && !$0.contains("--ignore") })
        #expect(found.contains { $0.contains("key does not apply") && $0.contains("\"format\": \"jsonl\"") })
    }

    @Test func aCSVOutputTakesColumnNamesNotPointers() throws {
        let found = try problems("""
        {"cases": {"a": {"notebook": "nb.ipynb",
          "outputs": {"m.csv": {"path": "out/m.csv", "ignore": ["/generated_at"]},
                      "r.jsonl": {"path": "out/r.jsonl", "key": ["id"], "ignore": ["/run_at"]}}}}}
        """)
        #expect(found.count == 1)
        #expect(found.first?.contains("ignore \"/generated_at\" is a JSON Pointer, but output \"m.csv\" is CSV") == true)
        #expect(found.first?.contains("did you mean \"generated_at\"?") == true)
    }

    @Test func unknownNotebookParametersAreRefusedWithTheNamesTheCellAssigns() throws {
        let found = try problems("""
        {"cases": {"a": {"notebook": "nb.ipynb",
          "parameters": {"min_revenue": 5, "regoin": "US", "input_path": "x.csv"},
          "outputs": {"m.csv": {"path": "out/m.csv"}}}}}
        """)
        #expect(found.count == 1)
        let message = try #require(found.first)
        #expect(message.hasPrefix("harness.json:2:36: error: unknown notebook parameter"))
        #expect(message.contains("did you mean \"region\"?"))
        #expect(message.contains("the parameters cell (cell 2) of nb.ipynb assigns \"min_revenue\", \"input_path\", \"region\""))
    }

    @Test(arguments: [
        ("a = 1\nb: float = 2.5\nc, d = 3, 4\n(e, f) = 5, 6\ng += 1", ["a", "b", "c", "d", "e", "f", "g"]),
        ("# comment = x\nx = {\n'k = v': 1,\n}\ny = \"\"\"\nz = 2\n\"\"\"", ["x", "y"]),
        ("a = 1; b = 2\nc = \\\n  3", ["a", "b", "c"]),
        ("", []),
    ])
    func plainParameterCellsAreRead(source: String, names: [String]) {
        #expect(NotebookParameters.assignedNames(source) == names)
    }

    @Test(arguments: ["import os\nx = 1", "if True:\n    x = 1", "x = 1\nprint(x)", "a.b = 1", "x == 1", "d['k'] = 1"])
    func cellsThatAreNotPlainAssignmentsAreLeftToTheDriver(source: String) {
        #expect(NotebookParameters.assignedNames(source) == nil)
    }

    @Test(arguments: [("int", "integer"), ("float", "number"), ("str", "string"), ("bool", "boolean"),
                      ("datetime64", "datetime"), ("datetime64[ns]", "datetime"), ("intger", "integer")])
    func typeSuggestionsKnowWhatPythonUsersType(typed: String, meant: String) {
        #expect(NameSuggestion.nearest(to: typed, in: FieldType.allCases.map(\.rawValue)) == meant)
    }

    @Test func diffRefusesFilesOfTwoFormats() throws {
        let folder = try TestSupport.temporaryFolder("mixed")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestSupport.write("a,b\n1,2\n", to: folder + "/expected.csv")
        try TestSupport.write("{\"a\": 1}\n", to: folder + "/actual.json")
        let result = try TestSupport.runHarness(["diff", folder + "/expected.csv", folder + "/actual.json"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("expected.csv is CSV but \(folder)/actual.json is a JSON document"))
    }

    @Test func aPipelineModuleNotOnItsPythonpathIsRefusedBeforeAnythingRuns() throws {
        let folder = try TestSupport.temporaryFolder("module")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestSupport.write("print('ran')\n", to: folder + "/src/sales/__init__.py")
        try TestSupport.write("open('ran.txt', 'w').write('ran')\n", to: folder + "/src/sales/__main__.py")
        try TestSupport.write("""
        {"cases": {
          "typo": {"pipeline": {"command": ["python", "-m", "sales.pipline"], "pythonpath": ["src"]},
                   "outputs": {"o.csv": {"path": "o.csv"}}},
          "right": {"pipeline": {"command": ["python", "-m", "sales"], "pythonpath": ["src"]},
                    "outputs": {"o.csv": {"path": "o.csv"}}}}}
        """, to: folder + "/harness.json")
        let result = try TestSupport.runHarness(["run", "--config", folder + "/harness.json"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("harness.json:2:25: error: cases.typo.pipeline.command runs module \"sales.pipline\""))
        #expect(!result.stderr.contains("cases.right"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/ran.txt"))
    }
}
