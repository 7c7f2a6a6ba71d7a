import Foundation
import Testing
@testable import Harness

extension ExecutionTests {
    /// Notebooks under the plain-exec engine (a venv with the standard library only).
    @Suite struct NotebookRunTests {
        typealias F = ExecutionFixtures

        @Test func knownParametersAreInjectedAfterTheParametersCell() throws {
            let python = try F.plain()
            let result = try F.runNotebook([
                .markdown("# Sales"),
                .code("min_revenue = 0\nregion = 'EU'", tags: ["parameters"]),
                .code("summary = {'min_revenue': min_revenue, 'region': region, 'double': min_revenue * 2}"),
            ], python: python, parameters: [JSONMember("min_revenue", .number("21")), JSONMember("region", .string("US \"x\""))],
               captures: [RunJob.Capture(file: "summary.json", variable: "summary")])
            #expect(result.isCompleted)
            let written = F.read(try #require(result.capturedFiles["summary.json"]))
            let value = try JSONParser.parse(Array(written.utf8), path: "summary.json")
            #expect(value["min_revenue"] == .number("21"))
            #expect(value["region"] == .string("US \"x\""))
            #expect(value["double"] == .number("42"))
            let cells = try #require(try F.executed(result)["cells"] as? [[String: Any]])
            let tags = cells.map { (($0["metadata"] as? [String: Any])?["tags"] as? [String]) ?? [] }
            #expect(tags[1] == ["parameters"])
            #expect(tags[2] == ["injected-parameters"])
            Runner.removeSandbox(result.sandbox)
        }

        @Test func unknownParameterIsAFailureNamingTheKnownOnes() throws {
            let result = try F.runNotebook([
                .code("min_revenue = 0\nregion: str = 'EU'\na, b = 1, 2", tags: ["parameters"]),
                .code("print(region)"),
            ], python: try F.plain(), parameters: [JSONMember("min_revnue", .number("1"))])
            let failure = try #require(F.failure(result))
            #expect(failure.summary.contains("`min_revnue`"))
            for known in ["min_revenue", "region", "a", "b"] { #expect(failure.summary.contains("`\(known)`")) }
            #expect(F.read(result.stdoutPath).isEmpty, "no cell may run with a wrong parameter")
            Runner.removeSandbox(result.sandbox)
        }

        @Test func untaggedNotebookGetsTheParametersAtTheTop() throws {
            let result = try F.runNotebook([.code("doubled = threshold * 2")], python: try F.plain(),
                                           parameters: [JSONMember("threshold", .number("7"))],
                                           captures: [RunJob.Capture(file: "d.json", variable: "doubled")])
            #expect(result.isCompleted)
            #expect(F.read(try #require(result.capturedFiles["d.json"])) == "14\n")
            let cells = try #require(try F.executed(result)["cells"] as? [[String: Any]])
            #expect(((cells[0]["metadata"] as? [String: Any])?["tags"] as? [String]) == ["injected-parameters"])
            Runner.removeSandbox(result.sandbox)
        }

        @Test func errorNamesNotebookCellLineAndShowsTheSource() throws {
            let result = try F.runNotebook([
                .markdown("# Load"),
                .code("rows = [{'amount': 3}]"),
                .code("total = 0\nfor row in rows:\n    total += row['revenue']\nprint(total)"),
                .code("print('never')"),
            ], python: try F.plain())
            let failure = try #require(F.failure(result))
            #expect(failure.summary == "analysis.ipynb cell 3 (`total = 0`), line 3: KeyError: 'revenue'")
            #expect(failure.cellNumber == 3)
            #expect(failure.lineInCell == 3)
            #expect(failure.exceptionType == "KeyError")
            #expect(failure.sourceExcerpt?.contains("> 3 |     total += row['revenue']") == true)
            #expect(failure.traceback?.contains("KeyError") == true)
            #expect(!F.read(result.stdoutPath).contains("never"))
            // The executed notebook has the error output and papermill-style banners.
            let cells = try #require(try F.executed(result)["cells"] as? [[String: Any]])
            let ids = cells.compactMap { $0["id"] as? String }
            #expect(ids.first == "harness-error-cell-tag")
            #expect(ids.contains("harness-error-cell"))
            let outputs = cells.flatMap { ($0["outputs"] as? [[String: Any]]) ?? [] }
            #expect(outputs.contains { $0["output_type"] as? String == "error" && $0["ename"] as? String == "KeyError" })
            Runner.removeSandbox(result.sandbox)
        }

        @Test func skipExecutionAndRaisesExceptionTags() throws {
            let python = try F.plain()
            let passing = try F.runNotebook([
                .code("undefined_name", tags: ["skip-execution"]),
                .code("1 / 0", tags: ["raises-exception"]),
                .code("done = True"),
            ], python: python, captures: [RunJob.Capture(file: "done.json", variable: "done")])
            #expect(passing.isCompleted)
            Runner.removeSandbox(passing.sandbox)

            let notRaising = try F.runNotebook([.code("x = 1", tags: ["raises-exception"])], python: python)
            let failure = try #require(F.failure(notRaising))
            #expect(failure.summary.contains("cell 1"))
            #expect(failure.summary.contains("raises-exception"))
            Runner.removeSandbox(notRaising.sandbox)
        }

        @Test func anEmptyCellIsNotRunAndKeepsNoCount() throws {
            let result = try F.runNotebook([.code("x = 1"), .code("  \n"), .code("x + 1")], python: try F.plain())
            #expect(result.isCompleted)
            let cells = try #require(try F.executed(result)["cells"] as? [[String: Any]])
            let counts = cells.filter { $0["cell_type"] as? String == "code" }.map { $0["execution_count"] as? Int }
            #expect(counts == [1, nil, 2], "Jupyter leaves an empty cell unnumbered")
            Runner.removeSandbox(result.sandbox)
        }

        @Test func magicWithoutIPythonNamesTheCellAndSaysToInstallIt() throws {
            let result = try F.runNotebook([.code("x = 1"), .code("import os\n%timeit x + 1")], python: try F.plain())
            let failure = try #require(F.failure(result))
            #expect(failure.cellNumber == 2)
            #expect(failure.lineInCell == 2)
            #expect(failure.summary.contains("%timeit"))
            #expect(failure.hint?.contains("install IPython") == true)
            Runner.removeSandbox(result.sandbox)
        }

        @Test func notebookWritingIntoItsInputLeavesTheOriginalUnchanged() throws {
            let folder = try TestSupport.temporaryFolder("inputs")
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try TestSupport.write("a,b\n1,2\n", to: folder + "/data/sales.csv")
            let result = try F.runNotebook([
                .code("with open('data/sales.csv', 'a') as f:\n    f.write('3,4\\n')"),
            ], python: try F.plain(), inputs: [RunJob.Input(sandboxPath: "data/sales.csv", source: folder + "/data/sales.csv")],
               folder: folder)
            #expect(result.isCompleted)
            #expect(F.read(folder + "/data/sales.csv") == "a,b\n1,2\n")
            #expect(F.read(result.sandbox + "/data/sales.csv") == "a,b\n1,2\n3,4\n")
            Runner.removeSandbox(result.sandbox)
            #expect(!FileManager.default.fileExists(atPath: result.sandbox))
        }

        /// Issue 14, item 1: the input is a link (and a folder holding one) to a file outside.
        @Test func notebookWritingIntoALinkedInputLeavesTheFileOutsideUnchanged() throws {
            let folder = try TestSupport.temporaryFolder("inputs")
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try TestSupport.write("a,b\n1,2\n", to: folder + "/outside/sales.csv")
            try FileManager.default.createDirectory(atPath: folder + "/data", withIntermediateDirectories: true)
            symlink(folder + "/outside/sales.csv", folder + "/data/sales.csv")
            let result = try F.runNotebook([
                .code("for path in ['sales.csv', 'data/sales.csv']:\n    with open(path, 'a') as f:\n        f.write('3,4\\n')"),
            ], python: try F.plain(), inputs: [RunJob.Input(sandboxPath: "sales.csv", source: folder + "/data/sales.csv"),
                                                RunJob.Input(sandboxPath: "data", source: folder + "/data")],
               folder: folder)
            #expect(result.isCompleted, "\(result.outcome)")
            #expect(F.read(folder + "/outside/sales.csv") == "a,b\n1,2\n")
            #expect(F.read(result.sandbox + "/data/sales.csv") == "a,b\n1,2\n3,4\n")
            Runner.removeSandbox(result.sandbox)
        }

        @Test func missingCaptureVariableSuggestsTheNearestName() throws {
            let result = try F.runNotebook([.code("clean_sales = [1, 2]")], python: try F.plain(),
                                           captures: [RunJob.Capture(file: "clean.json", variable: "clean_sale")])
            let failure = try #require(F.failure(result))
            #expect(failure.summary.contains("`clean_sale`"))
            #expect(failure.summary.contains("did you mean `clean_sales`"))
            Runner.removeSandbox(result.sandbox)
        }

        @Test(arguments: [
            ("open('data/missing.csv')", "declare the file in the case's \"inputs\""),
            ("open('/home/alice/sales.csv')", "hard-coded absolute path"),
        ])
        func fileNotFoundSaysHowToFixIt(source: String, advice: String) throws {
            let result = try F.runNotebook([.code(source)], python: try F.plain())
            let failure = try #require(F.failure(result))
            #expect(failure.exceptionType == "FileNotFoundError")
            #expect(failure.hint?.contains(advice) == true, "\(failure.hint ?? "no hint")")
            Runner.removeSandbox(result.sandbox)
        }
    }
}
