import Foundation
import Testing
@testable import Harness

@Suite("harness init", .tags(.python))
struct NotebookAdoptionTests {
    /// A notebook in a project folder: reads data/in.csv, writes two compared outputs (one
    /// with a run timestamp), one random output and a figure-like file.
    static func notebook(_ cells: [String], parametersCell: Int? = nil) -> String {
        let items: [JSONValue] = cells.enumerated().map { index, source in
            .object([JSONMember("cell_type", .string("code")), JSONMember("execution_count", .null),
                     JSONMember("metadata", .object(index == parametersCell ? [JSONMember("tags", .array([.string("parameters")]))] : [])),
                     JSONMember("outputs", .array([])), JSONMember("source", .string(source))])
        }
        return JSONValue.object([JSONMember("cells", .array(items)), JSONMember("metadata", .object([])),
                                 JSONMember("nbformat", .number("4")), JSONMember("nbformat_minor", .number("5"))]).prettyText
    }

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
        try AtomicFile.write(notebook(cells, parametersCell: 1), to: folder + "/analysis.ipynb")
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

    /// A repository whose notebook in `notebooks/` reads `../data/x.csv`, writes `../out/total.csv`
    /// and a CSV with pandas' blank index label beside itself.
    static func repository() throws -> String {
        let folder = try TestSupport.temporaryFolder("init-root")
        try AtomicFile.write("id,amount\n1,2.5\n2,4.0\n", to: folder + "/data/x.csv")
        try AtomicFile.write("not read\n", to: folder + "/docs/readme.txt")
        let cells = [
            "import csv, os\nrows = list(csv.DictReader(open('../data/x.csv')))",
            "os.makedirs('../out', exist_ok=True)\nopen('../out/total.csv', 'w').write('id,total\\n1,' + str(sum(float(r['amount']) for r in rows)) + '\\n')",
            "open('indexed.csv', 'w').write(',amount\\n0,2.5\\n1,4.0\\n')",
            "open('../out/total.json', 'w').write('{\"total\": 6.5}')",
        ]
        try AtomicFile.write(notebook(cells), to: folder + "/notebooks/analysis.ipynb")
        return folder
    }

    @Test("--root lays out the repository with the notebook's folder as cwd; a file no contract fits gets none")
    func adoptsFromTheRepositoryRoot() throws {
        let folder = try Self.repository()
        let alone = try TestSupport.runHarness(["init", "notebooks/analysis.ipynb"], in: folder)
        #expect(alone.status == 3, "\(alone.stdout)")
        #expect(alone.stdout.contains("FileNotFoundError"))
        #expect(alone.stdout.contains("hint: it reads a file outside its folder: lay out the repository with --root DIR"))
        let outside = try TestSupport.runHarness(["init", "notebooks/analysis.ipynb", "--root", "data"], in: folder)
        #expect(outside.status == 2)
        #expect(outside.stderr.contains("does not hold the notebook"))

        let result = try TestSupport.runHarness(["init", "notebooks/analysis.ipynb", "--root", "."], in: folder)
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("working folder (cwd, from --root): notebooks"))
        #expect(result.stdout.contains("no contract drafted"), "\(result.stdout)")
        let caseValue = try JSONParser.parse(fileAt: folder + "/harness.json")["cases"]?["analysis"]
        #expect(caseValue?["cwd"] == .string("notebooks"))
        #expect(caseValue?["inputs"]?.compactText == #"{"data/x.csv":"data/x.csv"}"#)
        #expect(caseValue?["outputs"]?["total.csv"]?["path"] == .string("out/total.csv"))
        #expect(caseValue?["outputs"]?["total.csv"]?["contract"] != nil)
        #expect(caseValue?["outputs"]?["indexed.csv"]?["path"] == .string("notebooks/indexed.csv"))
        #expect(caseValue?["outputs"]?["indexed.csv"]?["contract"] == nil)
        // total.csv and total.json: two contracts, not one overwritten by the other.
        let csvContract = caseValue?["outputs"]?["total.csv"]?["contract"]?.stringValue
        let jsonContract = caseValue?["outputs"]?["total.json"]?["contract"]?.stringValue
        #expect(csvContract == "contracts/analysis_total.json")
        #expect(jsonContract == "contracts/analysis_total.json.json")
        #expect(FileBytes.exists(folder + "/golden/analysis/total.csv"))
        #expect(FileBytes.exists(folder + "/golden/analysis/indexed.csv"))
        let again = try TestSupport.runHarness(["run", "analysis"], in: folder)
        #expect(again.status == 0, "\(again.stdout)")
    }

    @Test("the trace keeps files under the sandbox, reads before writes only")
    func traceParsing() {
        let trace = OpenTrace(text: "R\t/s/data/a.csv\nW\t/s/out/x.csv\nR\t/s/out/x.csv\nR\t/usr/lib/python3/os.py\nR\t/s/.hidden/c\n", sandbox: "/s")
        #expect(trace.reads == ["data/a.csv"])
        #expect(trace.writes == ["out/x.csv"])
    }
}
