import Foundation
import Testing
@testable import Harness

extension ExecutionTests {
    /// Notebooks come out as Jupyter (ipykernel under nbclient/papermill) writes them: the
    /// behaviours measured against papermill in Benchmarks/notebook_fidelity.sh, one test each.
    @Suite struct JupyterFidelityTests {
        typealias F = ExecutionFixtures
        typealias I = IPythonNotebookTests

        static func data(_ output: [String: Any]?) -> [String: Any] { output?["data"] as? [String: Any] ?? [:] }

        @Test func warningsNameTheCellFileAsIPykernelDoes() throws {
            let cell = "import warnings\nwarnings.warn('careful')"
            for python in [try F.ipython(), try F.plain()] {
                let result = try F.runNotebook([.code(cell), .code(cell)], python: python)
                #expect(result.isCompleted)
                let outputs = try I.outputs(result)
                // murmur2_x86 of the cell's source with ipykernel's seed 0xc70f6907.
                let expected = "/ipykernel_"
                for index in 0..<2 {
                    let text = I.text(outputs[index].first?["text"])
                    #expect(text.contains(expected) && text.contains(".py:2: UserWarning: careful"),
                            "cell \(index + 1) shows its warning again, named by its file: \(text)")
                }
                Runner.removeSandbox(result.sandbox)
            }
        }

        @Test func bytesInADisplayBundleAreBase64() throws {
            let result = try F.runNotebook([
                .code("from IPython.display import display\ndisplay({'image/png': b'\\x89PNG', 'text/plain': 'x'}, raw=True)"),
            ], python: try F.ipython())
            #expect(result.isCompleted, "\(result.outcome)")
            #expect(I.text(Self.data(try I.outputs(result)[0].first)["image/png"]) == "iVBORw==")
            Runner.removeSandbox(result.sandbox)
        }

        @Test func anExecutedNotebookThatCannotBeWrittenFailsTheRun() throws {
            let result = try F.runNotebook([
                .code("from IPython.display import display\ndisplay({'application/x-thing': object()}, raw=True)"),
            ], python: try F.ipython())
            let failure = try #require(F.failure(result), "\(result.outcome)")
            #expect(failure.summary.contains("could not write the executed notebook"))
            Runner.removeSandbox(result.sandbox)
        }

        @Test func clearOutputWaitsAndDisplayIdsUpdateInPlace() throws {
            let result = try F.runNotebook([
                .code("from IPython.display import display, clear_output\nfor i in range(3):\n    clear_output(wait=True)\n    print(i)"),
                .code("handle = display('first', display_id=True)"),
                .code("handle.update('second')\nprint('updated')"),
            ], python: try F.ipython())
            #expect(result.isCompleted, "\(result.outcome)")
            let outputs = try I.outputs(result)
            #expect(outputs[0].map { I.text($0["text"]) } == ["2\n"])
            #expect(outputs[1].count == 1)
            #expect(I.text(Self.data(outputs[1].first)["text/plain"]) == "'second'")
            #expect(outputs[2].map { I.text($0["text"]) } == ["updated\n"])
            Runner.removeSandbox(result.sandbox)
        }

        @Test func historyWorksInMemory() throws {
            let result = try F.runNotebook([.code("a = 1\na + 1"), .code("print(In[1])\nprint(Out[1])"), .code("%history -l 1")],
                                           python: try F.ipython())
            #expect(result.isCompleted, "\(result.outcome)")
            let outputs = try I.outputs(result)
            #expect(I.text(outputs[1].first?["text"]) == "a = 1\na + 1\n2\n")
            let history = I.text(outputs[2].first?["text"])
            #expect(history.contains("print(In[1])"), "\(history)")
            Runner.removeSandbox(result.sandbox)
        }

        @Test func aNotebookRunsFromItsWorkingFolder() throws {
            let folder = try TestSupport.temporaryFolder("cwd")
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try "name,value\na,1\nb,2\n".write(toFile: folder + "/values.csv", atomically: true, encoding: .utf8)
            let result = try F.runNotebook([
                .code("import os\nrows = open('../data/values.csv').read().splitlines()\nprint(os.path.basename(os.getcwd()), len(rows))"),
            ], python: try F.plain(), inputs: [RunJob.Input(sandboxPath: "data/values.csv", source: folder + "/values.csv")],
               workingFolder: "notebooks")
            #expect(result.isCompleted, "\(result.outcome)")
            #expect(I.text(try I.outputs(result)[0].first?["text"]) == "notebooks 3\n")
            Runner.removeSandbox(result.sandbox)
        }

        @Test func plainTracebacksShowTheCellNotTheDriver() throws {
            let result = try F.runNotebook([.code("def inner():\n    return {}['missing']\ninner()")], python: try F.plain())
            // Cell 1 comes after the error banner cells.
            let error = try #require(try I.outputs(result).joined().first { $0["output_type"] as? String == "error" })
            let traceback = (error["traceback"] as? [String] ?? []).joined(separator: "\n")
            #expect(traceback.contains("return {}['missing']"))
            #expect(!traceback.contains("driver.py"), "\(traceback)")
            Runner.removeSandbox(result.sandbox)
        }

        @Test func theKernelEngineNamesWhatIsMissing() throws {
            let result = try F.runNotebook([.code("get_ipython().kernel")], python: try F.plain(), engine: .kernel)
            let failure = try #require(F.failure(result), "\(result.outcome)")
            #expect(failure.summary.contains("needs nbclient and ipykernel"), "\(failure.summary)")
            #expect(failure.hint?.contains("python.requirements") == true)
            Runner.removeSandbox(result.sandbox)
        }

        @Test func aNotebookThatNeedsTheKernelIsToldHowToGetOne() throws {
            let result = try F.runNotebook([
                .code("print(hasattr(get_ipython(), 'kernel'))"),
                .code("get_ipython().kernel.session"),
            ], python: try F.ipython())
            let failure = try #require(F.failure(result), "\(result.outcome)")
            #expect(failure.cellNumber == 2)
            #expect(failure.message?.contains("declare \"engine\": \"kernel\" in its case") == true,
                    "\(failure.message ?? "")")
            // Outside a kernel, `hasattr` answers False (the error banner cell comes first).
            let streams = try I.outputs(result).joined().filter { $0["output_type"] as? String == "stream" }
            #expect(streams.map { I.text($0["text"]) } == ["False\n"])
            Runner.removeSandbox(result.sandbox)
        }

        @Test func cellIdsAreKeptOrAdded() throws {
            let result = try F.runNotebook([.code("1"), .markdown("text")], python: try F.plain())
            let notebook = try F.executed(result)
            let ids = (notebook["cells"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(ids.count == 2 && Set(ids).count == 2)
            #expect(notebook["nbformat_minor"] as? Int == 5)
            Runner.removeSandbox(result.sandbox)
        }
    }
}
