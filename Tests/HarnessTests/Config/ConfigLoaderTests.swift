import Foundation
import Testing
@testable import Harness

@Suite struct ConfigLoaderTests {
    /// A project folder with a notebook, a data file and the given harness.json.
    func project(_ config: String) throws -> String {
        let folder = try TestSupport.temporaryFolder("config")
        try TestSupport.write("{\"cells\": [], \"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}}", to: folder + "/nb.ipynb")
        try TestSupport.write("a,b\n1,2\n", to: folder + "/data/in.csv")
        try TestSupport.write("{\"fields\": []}", to: folder + "/contract.json")
        try TestSupport.write(config, to: folder + "/harness.json")
        return folder
    }

    func problems(_ config: String) throws -> [String] {
        let folder = try project(config)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            _ = try ConfigLoader.load(path: folder + "/harness.json")
            return []
        } catch let error as HarnessError {
            return error.problems.map { DiagnosticRenderer.render($0).replacingOccurrences(of: folder + "/", with: "") }
        }
    }

    @Test func loadsAValidConfigWithAbsolutePaths() throws {
        let folder = try project("""
        {"golden": "golden", "defaults": {"timeout": 60, "rtol": 1e-9},
         "cases": {"sales": {
            "inputs": {"data/sales.csv": "data/in.csv"},
            "parameters": {"min_revenue": 0, "region": "EU"},
            "notebook": "nb.ipynb",
            "pipeline": {"command": ["python", "-m", "sales", "--region", "{param:region}"], "pythonpath": ["data"]},
            "outputs": {"monthly.csv": {"notebook": "out/m.csv", "pipeline": "out/monthly.csv", "key": ["month"],
                                         "ignore": ["generated_at"], "contract": "contract.json"},
                        "metrics.json": {"path": "./out//metrics.json", "rtol": 1e-6}},
            "capture": {"clean.csv": "df"},
            "env": {"REGION": "EU"}}}}
        """)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = try ConfigLoader.load(path: folder + "/harness.json")
        let sales = try #require(config.cases.first)
        #expect(config.goldenFolder == folder + "/golden")
        #expect(sales.inputs == [InputDeclaration(sandboxPath: "data/sales.csv", source: folder + "/data/in.csv")])
        #expect(sales.notebook == folder + "/nb.ipynb")
        #expect(sales.pipeline?.pythonpath == [folder + "/data"])
        #expect(sales.parameters.map(\.key) == ["min_revenue", "region"])
        #expect(sales.timeout == 60)
        #expect(sales.outputs.map(\.name) == ["monthly.csv", "metrics.json", "clean.csv"])
        #expect(sales.outputs[0].options.rtol == 1e-9)
        #expect(sales.outputs[0].options.key == ["month"])
        #expect(sales.outputs[0].contract == folder + "/contract.json")
        #expect(sales.outputs[1].notebookPath == "out/metrics.json")
        #expect(sales.outputs[1].options.rtol == 1e-6)
        #expect(sales.outputs[2].fromCapture)
        #expect(sales.outputs[2].pipelinePath == nil)
        // Its checks point at where the capture is declared, as an output's point at its entry.
        #expect(sales.outputs[2].location?.line == 10)
        #expect(sales.outputs[0].location?.line == 7)
        #expect(try PipelineCommand.expand(["--region={param:region}", "{param:min_revenue}"], parameters: sales.parameters) == ["--region=EU", "0"])
    }

    @Test func unknownKeyNamesTheNearestValidOneAtItsLine() throws {
        let found = try problems("""
        {
          "cases": {"a": {
            "notebook": "nb.ipynb",
            "outputs": {"x.csv": {"path": "x.csv", "rtoll": 1e-9}}
          }}
        }
        """)
        #expect(found == ["harness.json:4:44: error: unknown key in output \"x.csv\" \"rtoll\"\n  did you mean \"rtol\"?"])
    }

    @Test func reportsEveryProblemAtOnce() throws {
        let found = try problems("""
        {"goldne": "g",
         "cases": {"a": {
            "inputs": {"../escape.csv": "data/in.csv", "data/x.csv": "data/missing.csv"},
            "notebook": "missing.ipynb",
            "pipeline": {"command": ["python", "run.py", "{param:seed}"]},
            "outputs": {"x.csv": {"path": "/abs/x.csv"}},
            "timeout": -1}}}
        """)
        #expect(found.count == 7)
        #expect(found.contains { $0.hasPrefix("harness.json:1:2: error: unknown key in the config \"goldne\"") && $0.contains("did you mean \"golden\"?") })
        #expect(found.contains { $0.contains("input \"../escape.csv\" would be outside the sandbox") })
        #expect(found.contains { $0.contains("input \"data/missing.csv\" does not exist") })
        #expect(found.contains { $0.contains("notebook \"missing.ipynb\" does not exist") })
        #expect(found.contains { $0.contains("unknown parameter placeholder {param:seed}") })
        #expect(found.contains { $0.contains("\"/abs/x.csv\" would be outside the sandbox") })
        #expect(found.contains { $0.contains("cases.a.timeout must be greater than 0, found -1") })
    }

    @Test func workingFolderAndEngineAreReadAndChecked() throws {
        let folder = try project("""
        {"cases": {"a": {"notebook": "nb.ipynb", "cwd": "./notebooks/", "engine": "kernel",
                         "outputs": {"x.csv": {"path": "x.csv"}}}}}
        """)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = try ConfigLoader.load(path: folder + "/harness.json")
        #expect(config.cases.first?.workingFolder == "notebooks")
        #expect(config.cases.first?.engine == .kernel)

        let found = try problems("""
        {"cases": {"a": {"notebook": "nb.ipynb", "cwd": "../up", "engine": "ipyton",
                         "outputs": {"x.csv": {"path": "x.csv"}}}}}
        """)
        #expect(found.count == 2)
        #expect(found.contains { $0.contains("cases.a.cwd \"../up\" would be outside the sandbox") })
        #expect(found.contains { $0.contains("cases.a.engine \"ipyton\" is not an engine; expected one of ipython, plain, kernel")
                                 && $0.contains("did you mean \"ipython\"?") })
    }

    @Test func aCaseNeedsSomethingToRunAndSomethingToCheck() throws {
        let found = try problems(#"{"cases": {"empty": {}}}"#)
        #expect(found.contains { $0.contains("has neither a notebook nor a pipeline") })
        #expect(found.contains { $0.contains("declares no outputs") })
    }

    @Test func commandMustBeAnArgumentList() throws {
        let found = try problems(#"{"cases": {"a": {"pipeline": {"command": "python -m x"}, "outputs": {"o.csv": {"path": "o.csv"}}}}}"#)
        #expect(found.count == 1)
        #expect(found.first?.contains("must be a list of arguments, not one string") == true)
    }

    @Test func malformedJSONIsOneErrorWithItsLocation() throws {
        let found = try problems("{\n  \"cases\": {,}\n}")
        #expect(found == ["harness.json:2:13: error: unexpected ',', expected a key in double quotes"])
    }

    @Test func missingConfigSaysHowToPointAtOne() throws {
        #expect(throws: HarnessError.self) { try ConfigLoader.load(path: "/nonexistent/harness.json") }
        do {
            _ = try ConfigLoader.load(path: "/nonexistent/harness.json")
        } catch {
            #expect(DiagnosticRenderer.render(error).contains("--config PATH"))
        }
    }
}
