import Foundation
import Testing
@testable import Harness

extension ExecutionTests {
    /// The IPython engine: magics, `!` lines, display hooks, pandas captures. Runs in a venv
    /// built from Fixtures/Execution/requirements-ipython.txt (cached after the first run).
    @Suite struct IPythonNotebookTests {
        typealias F = ExecutionFixtures

        static func outputs(_ result: RunResult) throws -> [[[String: Any]]] {
            let cells = try #require(try F.executed(result)["cells"] as? [[String: Any]])
            return cells.map { ($0["outputs"] as? [[String: Any]]) ?? [] }
        }

        static func text(_ value: Any?) -> String {
            if let lines = value as? [String] { return lines.joined() }
            return value as? String ?? ""
        }

        @Test func magicsShellLinesAndDisplayOutputsAreRecordedLikeJupyter() throws {
            let result = try F.runNotebook([
                .code("x = 5", tags: ["parameters"]),
                .code("%time y = x * 2\n!echo shell says {y}\nfiles = !echo listed\nprint(files)"),
                .code("from IPython.display import display, HTML\ndisplay(HTML('<b>bold</b>'))\ny + 1"),
                .code("%%capture captured\nprint('hidden')"),
            ], python: try F.ipython(), parameters: [JSONMember("x", .number("20"))])
            #expect(result.isCompleted, "\(result.outcome)")
            let outputs = try Self.outputs(result)
            let streams = outputs[2].filter { $0["output_type"] as? String == "stream" }.map { Self.text($0["text"]) }.joined()
            #expect(streams.contains("Wall time"))
            #expect(streams.contains("shell says 40"))
            #expect(streams.contains("['listed']"))
            let display = try #require(outputs[3].first { $0["output_type"] as? String == "display_data" })
            #expect(Self.text((display["data"] as? [String: Any])?["text/html"]) == "<b>bold</b>")
            let value = try #require(outputs[3].first { $0["output_type"] as? String == "execute_result" })
            #expect(Self.text((value["data"] as? [String: Any])?["text/plain"]) == "41")
            #expect(value["execution_count"] as? Int == 4, "parameters, injected, cell 2, cell 3")
            #expect(outputs[4].isEmpty, "%%capture swallows the output")
            Runner.removeSandbox(result.sandbox)
        }

        /// A notebook without IPython syntax still runs under IPython when it is importable, as
        /// Jupyter runs it: values print as IPython prints them (`[bool, str]`), not as repr.
        @Test func everyNotebookRunsUnderIPythonWhenItIsImportable() throws {
            let result = try F.runNotebook([.code("list(range(30))"), .code("{'short': 1}"), .code("[bool, str]")],
                                           python: try F.ipython())
            #expect(result.isCompleted)
            let outputs = try Self.outputs(result)
            let long = Self.text((outputs[0].first?["data"] as? [String: Any])?["text/plain"])
            #expect(long == "[" + (0..<30).map(String.init).joined(separator: ",\n ") + "]")
            #expect(Self.text((outputs[1].first?["data"] as? [String: Any])?["text/plain"]) == "{'short': 1}")
            #expect(Self.text((outputs[2].first?["data"] as? [String: Any])?["text/plain"]) == "[bool, str]")
            let metadata = try #require(try F.executed(result)["metadata"] as? [String: Any])
            #expect(((metadata["harness"] as? [String: Any])?["engine"] as? String)?.hasPrefix("ipython") == true)
            Runner.removeSandbox(result.sandbox)
        }

        @Test func errorInIPythonNamesCellAndLine() throws {
            let result = try F.runNotebook([
                .code("import pandas as pd\ndf = pd.DataFrame({'amount': [1, 2]})"),
                .code("%time z = 1\ntotal = df['revenue'].sum()"),
            ], python: try F.ipython())
            let failure = try #require(F.failure(result))
            #expect(failure.cellNumber == 2)
            #expect(failure.lineInCell == 2)
            #expect(failure.exceptionType == "KeyError")
            #expect(failure.summary.hasPrefix("analysis.ipynb cell 2 (`%time z = 1`), line 2: KeyError: 'revenue'"))
            Runner.removeSandbox(result.sandbox)
        }

        @Test func dataFramesAndSeriesAreCapturedAsCSVWithoutTheIndex() throws {
            let result = try F.runNotebook([
                .code("import pandas as pd\ndf = pd.DataFrame({'month': ['2024-01', '2024-02'], 'revenue': [1.5, 2.0]}, index=[10, 20])\ntotals = df['revenue']\nmeta = {'rows': len(df), 'mean': df['revenue'].mean()}"),
            ], python: try F.ipython(), captures: [
                RunJob.Capture(file: "monthly.csv", variable: "df"),
                RunJob.Capture(file: "totals.csv", variable: "totals"),
                RunJob.Capture(file: "meta.json", variable: "meta"),
            ])
            #expect(result.isCompleted, "\(result.outcome)")
            #expect(F.read(try #require(result.capturedFiles["monthly.csv"])) == "month,revenue\n2024-01,1.5\n2024-02,2.0\n")
            #expect(F.read(try #require(result.capturedFiles["totals.csv"])) == "revenue\n1.5\n2.0\n")
            let meta = try JSONParser.parse(fileAt: try #require(result.capturedFiles["meta.json"]))
            #expect(meta["rows"] == .number("2"))
            #expect(meta["mean"] == .number("1.75"))
            Runner.removeSandbox(result.sandbox)
        }
    }
}
