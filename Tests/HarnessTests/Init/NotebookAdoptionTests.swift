import Foundation
import Testing
@testable import Harness

@Suite("harness init", .tags(.python))
struct NotebookAdoptionTests {
    /// A notebook in a project folder: reads data/in.csv, writes two compared outputs (one
    /// with a run timestamp), one random output and a figure-like file.
    static func project(failing: Bool = false) throws -> String {
        let folder = try TestSupport.temporaryFolder("init")
        try AtomicFile.write("id,amount\n1,2.5\n2,4.0\n3,1.5\n", to: folder + "/data/in.csv")
        try AtomicFile.write("unused\n", to: folder + "/data/unused.txt")
        let cells = [
            "import csv, json, os, random, datetime",
            "threshold = 2\nlabel = \"total\"",
            "rows = list(csv.DictReader(open('data/in.csv')))\nos.makedirs('out', exist_ok=True)" + (failing ? "\nraise ValueError('boom')" : ""),
            "with open('out/big.csv', 'w') as f:\n    f.write('id,amount\\n')\n    for r in rows:\n        if float(r['amount']) > threshold:\n            f.write(r['id'] + ',' + r['amount'] + '\\n')",
            "json.dump({'count': len(rows), 'generated_at': datetime.datetime.now().isoformat()}, open('out/meta.json', 'w'))",
            "open('out/noise.csv', 'w').write('x\\n' + str(random.random()) + '\\n')\nopen('out/plot.png', 'w').write('png')",
        ]
        let items: [JSONValue] = cells.enumerated().map { index, source in
            .object([JSONMember("cell_type", .string("code")), JSONMember("execution_count", .null),
                     JSONMember("metadata", .object(index == 1 ? [JSONMember("tags", .array([.string("parameters")]))] : [])),
                     JSONMember("outputs", .array([])), JSONMember("source", .string(source))])
        }
        try AtomicFile.write(JSONValue.object([JSONMember("cells", .array(items)), JSONMember("metadata", .object([])),
                                               JSONMember("nbformat", .number("4")), JSONMember("nbformat_minor", .number("5"))]).prettyText,
                             to: folder + "/analysis.ipynb")
        return folder
    }

    @Test("traces inputs and outputs, leaves out nondeterministic ones, writes a case that passes")
    func adoptsANotebook() throws {
        let folder = try Self.project()
        let result = try TestSupport.runHarness(["init", "analysis.ipynb"], in: folder)
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("nondeterministic: out/noise.csv"))
        #expect(result.stdout.contains("also written, not compared: out/plot.png"))
        #expect(result.stdout.contains("suggestion: ignore /generated_at"))
        #expect(result.stdout.contains("passed"))
        let config = try JSONParser.parse(fileAt: folder + "/harness.json")
        let caseValue = config["cases"]?["analysis"]
        #expect(caseValue?["inputs"]?.compactText == #"{"data/in.csv":"data/in.csv"}"#)
        #expect(caseValue?["parameters"]?.compactText == #"{"threshold":2,"label":"total"}"#)
        #expect(caseValue?["outputs"]?["big.csv"]?["key"] == .array([.string("id")]))
        #expect(caseValue?["outputs"]?["meta.json"]?["ignore"] == .array([.string("/generated_at")]))
        #expect(caseValue?["outputs"]?["noise.csv"] == nil)
        #expect(FileBytes.exists(folder + "/golden/analysis/big.csv"))
        #expect(FileBytes.exists(folder + "/contracts/analysis_big.json"))
        // A second run of the recorded case passes; an existing case needs --force.
        let again = try TestSupport.runHarness(["run", "analysis"], in: folder)
        #expect(again.status == 0, "\(again.stdout)")
        let twice = try TestSupport.runHarness(["init", "analysis.ipynb"], in: folder)
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("--force"))
    }

    @Test("a failing notebook writes nothing and shows the failing cell")
    func failingNotebookWritesNothing() throws {
        let folder = try Self.project(failing: true)
        let result = try TestSupport.runHarness(["init", "analysis.ipynb"], in: folder)
        #expect(result.status == 3)
        #expect(result.stdout.contains("nothing was written"))
        #expect(result.stdout.contains("ValueError"))
        #expect(!FileBytes.exists(folder + "/harness.json"))
        #expect(!FileBytes.exists(folder + "/golden"))
        #expect(!FileBytes.exists(folder + "/contracts"))
    }

    @Test("the trace keeps files under the sandbox, reads before writes only")
    func traceParsing() {
        let trace = OpenTrace(text: "R\t/s/data/a.csv\nW\t/s/out/x.csv\nR\t/s/out/x.csv\nR\t/usr/lib/python3/os.py\nR\t/s/.hidden/c\n", sandbox: "/s")
        #expect(trace.reads == ["data/a.csv"])
        #expect(trace.writes == ["out/x.csv"])
    }
}
