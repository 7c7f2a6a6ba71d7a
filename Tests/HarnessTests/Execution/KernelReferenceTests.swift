import Foundation
import Testing
@testable import Harness

extension ExecutionTests {
    /// The "kernel" engine runs a notebook through a real ipykernel (nbclient), and is the
    /// reference the IPython engine is held to in the same environment: what kind of output
    /// each cell shows, and where.
    @Suite struct KernelReferenceTests {
        typealias F = ExecutionFixtures
        typealias I = IPythonNotebookTests

        /// Each cell's outputs as (type, MIME types or stream text), comparable across engines.
        static func shapes(_ result: RunResult) throws -> [[String]] {
            try I.outputs(result).map { outputs in
                outputs.map { output in
                    let type = output["output_type"] as? String ?? "?"
                    if type == "stream" { return "stream:" + I.text(output["text"]) }
                    if type == "error" { return "error:" + (output["ename"] as? String ?? "") }
                    let data = output["data"] as? [String: Any] ?? [:]
                    return type + ":" + data.keys.sorted().joined(separator: ",")
                }
            }
        }

        @Test func aNotebookThatNeedsAKernelRunsInOne() throws {
            let result = try F.runNotebook([
                .code("kernel = get_ipython().kernel\nprint(type(kernel).__name__)"),
                .code("from IPython.display import display\nhandle = display('first', display_id=True)"),
                .code("handle.update('second')\n6 * 7"),
            ], python: try F.jupyter(), engine: .kernel)
            #expect(result.isCompleted, "\(result.outcome)")
            let outputs = try I.outputs(result)
            #expect(outputs[0].map { I.text($0["text"]) } == ["IPythonKernel\n"])
            #expect(I.text(JupyterFidelityTests.data(outputs[2].last)["text/plain"]) == "42")
            Runner.removeSandbox(result.sandbox)
        }

        /// matplotlib 3.7 imports IPython's `backend2gui`, which IPython 9 removed: the inline
        /// backend then sets itself up after the first cell that plots, so ipykernel shows that
        /// first figure one cell late. A backend the notebook chooses itself (Agg) shows none.
        @Test func figuresAppearWhereTheKernelShowsThem() throws {
            let cells: [F.Cell] = [
                .code("import matplotlib.pyplot as plt\nplt.plot([1, 2, 3]);"),
                .code("print('next cell')"),
                .code("plt.plot([3, 2, 1]);"),
                .code("import matplotlib\nmatplotlib.use('Agg')\nplt.plot([1, 1]);"),
            ]
            let python = try F.jupyter()
            let kernel = try F.runNotebook(cells, python: python, engine: .kernel)
            let ipython = try F.runNotebook(cells, python: python, engine: .ipython)
            #expect(kernel.isCompleted, "\(kernel.outcome)")
            #expect(ipython.isCompleted, "\(ipython.outcome)")
            let expected = try Self.shapes(kernel)
            #expect(expected[1].contains("display_data:image/png,text/plain"), "\(expected)")
            #expect(try Self.shapes(ipython) == expected)
            Runner.removeSandbox(kernel.sandbox)
            Runner.removeSandbox(ipython.sandbox)
        }
    }
}
