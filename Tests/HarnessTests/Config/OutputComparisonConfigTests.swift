import Foundation
import Testing
@testable import Harness

/// `columns`, `mask`, `context` per output and `unexpected_outputs` per case in harness.json.
@Suite struct OutputComparisonConfigTests {
    let loader = ConfigLoaderTests()

    func config(outputs: String, caseExtra: String = "") -> String {
        """
        {"defaults": {"rtol": 1e-9},
         "cases": {"a": {"notebook": "nb.ipynb",\(caseExtra)
           "outputs": \(outputs)}}}
        """
    }

    @Test func readsColumnsMasksAndContext() throws {
        let folder = try loader.project(config(outputs: """
        {"m.csv": {"path": "m.csv", "atol": 0.5, "columns": {"revenue": {"rtol": 1e-6}, "score": {"atol": 0.01}},
                   "mask": {"note": "run-[0-9a-f]+"}, "context": ["Name", "Sex"]},
         "s.json": {"path": "s.json", "columns": {"/runs/*/score": {"atol": 0.1}}, "mask": {"/meta/id": "\\\\d+"}}}
        """, caseExtra: #" "unexpected_outputs": "fail","#))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let loaded = try #require(try ConfigLoader.load(path: folder + "/harness.json").cases.first)
        let csv = loaded.outputs[0].options
        // A value a column leaves out is the output's own.
        #expect(csv.columns == [ColumnTolerance(name: "revenue", rtol: 1e-6, atol: 0.5), ColumnTolerance(name: "score", rtol: 1e-9, atol: 0.01)])
        #expect(csv.masks == [ValueMask(name: "note", pattern: "run-[0-9a-f]+")])
        #expect(csv.context == ["Name", "Sex"])
        let json = loaded.outputs[1].options
        #expect(json.columns.map(\.name) == ["/runs/*/score"])
        #expect(json.masks == [ValueMask(name: "/meta/id", pattern: "\\d+")])
        #expect(loaded.unexpectedOutputs == .fail)
    }

    @Test func anInvalidPatternIsReportedAtItsLineAndColumn() throws {
        let found = try loader.problems("""
        {"cases": {"a": {"notebook": "nb.ipynb",
          "outputs": {"m.csv": {"path": "m.csv",
            "mask": {"note": "run-[0-9"}}}}}}
        """)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("harness.json:3:14: error: cases.a.outputs.m.csv.mask.note \"run-[0-9\" is not a usable regular expression: expected ']'") == true,
                "\(found)")
    }

    @Test func namesMustSuitTheOutputsFormat() throws {
        let found = try loader.problems(config(outputs: """
        {"m.csv": {"path": "m.csv", "columns": {"/score": {"atol": 1}}},
         "s.json": {"path": "s.json", "columns": {"score": {"atol": 1}}, "context": ["id"]}}
        """))
        #expect(found.count == 3, "\(found)")
        #expect(found.contains { $0.contains("columns \"/score\" is a JSON Pointer but \"m.csv\" is a CSV output") })
        #expect(found.contains { $0.contains("columns \"score\" is not a JSON Pointer") && $0.contains("\"/score\"") })
        #expect(found.contains { $0.contains("context applies to CSV outputs") })
    }

    @Test func columnsAreCheckedAgainstATableSchemaContract() throws {
        let folder = try loader.project(config(outputs: """
        {"m.csv": {"path": "m.csv", "contract": "schema.json", "columns": {"revenu": {"rtol": 1e-6}}, "context": ["region"]}}
        """))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestSupport.write(#"{"schema": {"fields": [{"name": "revenue"}, {"name": "region"}]}}"#, to: folder + "/schema.json")
        do {
            _ = try ConfigLoader.load(path: folder + "/harness.json")
            Issue.record("an unknown column loaded")
        } catch let error as HarnessError {
            let found = error.problems.map(DiagnosticRenderer.render)
            #expect(found.count == 1, "\(found)")
            #expect(found.first?.contains("unknown column in cases.a.outputs.m.csv.columns \"revenu\"") == true, "\(found)")
            #expect(found.first?.contains("did you mean \"revenue\"?") == true)
        }
    }

    @Test func anIgnoredColumnMayBeContext() throws {
        let found = try loader.problems(config(outputs: #"{"m.csv": {"path": "m.csv", "ignore": ["Name"], "context": ["Name"]}}"#))
        #expect(found.isEmpty, "\(found)")
    }

    @Test func settingsThatCouldNeverApplyAreErrors() throws {
        let found = try loader.problems(config(outputs: """
        {"m.csv": {"path": "m.csv", "ignore": ["note"], "mask": {"note": "x+"}, "columns": {"v": {}, "w": {"rtoll": 1}}}}
        """, caseExtra: #" "unexpected_outputs": "fial","#))
        #expect(found.contains { $0.contains("mask \"note\" is also ignored, so it would never apply") }, "\(found)")
        #expect(found.contains { $0.contains("columns.v sets no tolerance") })
        #expect(found.contains { $0.contains("\"rtoll\"") && $0.contains("did you mean \"rtol\"?") })
        #expect(found.contains { $0.contains("unexpected_outputs \"fial\"") && $0.contains("did you mean \"fail\"?") })
    }
}
