import Foundation
import Testing
@testable import Harness

/// Per-column (CSV) and per-pointer (JSON) tolerances, masks and context columns.
@Suite struct ColumnRulesTests {
    let expectedCSV = "id,name,revenue,score,note\n1,Ann,100.0,0.5,done run-3fa9\n2,Bob,200.0,0.7,done run-3fa9\n3,Cy,300,0.9,ok\n"
    let actualCSV = "id,name,revenue,score,note\n1,Ann,100.00001,0.505,done run-77c1\n2,Bob,200.1,0.7,done run-1111\n3,Cy,300,0.95,ok!\n"

    func compareCSV(_ options: CompareOptions, split: Bool = false) throws -> DiffReport {
        let pair = try CSVPair()
        let e = try pair.write("e.csv", expectedCSV)
        let a = try pair.write("a.csv", actualCSV)
        return try FileComparator.compare(expected: e, actual: a, options: options)
    }

    @Test func aColumnsOwnToleranceAppliesToThatColumnOnly() throws {
        var options = CompareOptions()
        options.columns = [ColumnTolerance(name: "revenue", rtol: 1e-6, atol: 0), ColumnTolerance(name: "score", rtol: 0, atol: 0.01)]
        let report = try compareCSV(options)
        let changed = report.diffs.map { "\($0.row ?? 0) \($0.column ?? "")" }
        // revenue 100.00001 (1e-7 relative) and score 0.505 (0.005) are within their own
        // tolerance; 200.1 and 0.95 are not; notes are not numbers.
        #expect(changed == ["2 note", "3 revenue", "3 note", "4 score", "4 note"])
        #expect(report.columnTolerances.count == 2)
    }

    @Test func withoutOwnTolerancesTheOutputsToleranceHoldsEverywhere() throws {
        var options = CompareOptions(rtol: 1e-6)
        options.columns = [ColumnTolerance(name: "score", rtol: 0.2, atol: 0)]
        let report = try compareCSV(options)
        #expect(report.cellsByColumn["revenue"] == 1)  // 200.1: beyond 1e-6
        #expect(report.cellsByColumn["score"] == nil)  // 0.95 vs 0.9: within 0.2
    }

    @Test func aMaskHidesVolatileTextButNotOtherChanges() throws {
        var options = CompareOptions()
        options.masks = [ValueMask(name: "note", pattern: "run-[0-9a-f]+")]
        let report = try compareCSV(options)
        let notes = report.diffs.filter { $0.column == "note" }
        #expect(notes.map(\.expected) == ["ok"])
        #expect(notes.map(\.actual) == ["ok!"])
    }

    @Test func contextColumnsTravelWithEachDifference() throws {
        var options = CompareOptions()
        options.key = ["id"]
        options.context = ["name"]
        let report = try compareCSV(options)
        #expect(report.contextColumns == ["name"])
        #expect(report.contextChosen)
        #expect(report.diffs.first { $0.column == "score" && $0.row == 4 }?.context == ["Cy"])
        let text = DiffTerminalRenderer.render(report, color: false)
        #expect(text.contains("row  key  name  column"))
        #expect(text.contains("4  3    Cy    score"))
    }

    @Test func anIgnoredColumnCanStillBeContext() throws {
        var options = CompareOptions(ignore: ["name", "note"])
        options.context = ["name"]
        let report = try compareCSV(options)
        #expect(report.cellsByColumn["name"] == nil)
        #expect(report.diffs.map(\.context) == [["Ann"], ["Ann"], ["Bob"], ["Cy"]])
    }

    @Test func defaultContextIsTheFirstTextColumnsAndShownOnlyInHTML() throws {
        let report = try compareCSV(CompareOptions())
        #expect(report.contextColumns == ["name", "note"])
        #expect(!report.contextChosen)
        #expect(!DiffTerminalRenderer.render(report, color: false).contains("name"))
        #expect(HTMLRenderer.render(diff: report).contains("<th class=\"context\">name</th>"))
    }

    @Test func theHeaderSaysWhatWasRelaxed() throws {
        var options = CompareOptions(ignore: ["id"], rtol: 1e-9)
        options.columns = [ColumnTolerance(name: "revenue", rtol: 1e-6, atol: 0)]
        options.masks = [ValueMask(name: "note", pattern: "run-[0-9a-f]+")]
        let report = try compareCSV(options)
        let relaxed = "compared with rtol 1e-09; revenue rtol 1e-06; note masked /run-[0-9a-f]+/; ignoring id"
        #expect(DiffTerminalRenderer.render(report, color: false).contains(relaxed))
        #expect(HTMLRenderer.render(diff: report).contains("Compared with rtol 1e-09; revenue rtol 1e-06"))
        #expect(report.json["column_tolerances"]?.arrayValue?.count == 1)
        #expect(report.json["masks"]?.arrayValue?.first?["pattern"] == .string("run-[0-9a-f]+"))
    }

    @Test func unknownColumnsAndBadPatternsAreErrorsNamingTheNearest() throws {
        var options = CompareOptions()
        options.columns = [ColumnTolerance(name: "revenu", rtol: 1, atol: 0)]
        #expect(throws: HarnessError.unknownName(nil, kind: "column with its own tolerance", name: "revenu",
                                                 known: ["id", "name", "revenue", "score", "note"],
                                                 hint: "--tolerance takes column names from the header")) {
            _ = try compareCSV(options)
        }
        options = CompareOptions()
        options.masks = [ValueMask(name: "note", pattern: "run-[0-9")]
        #expect(throws: HarnessError.self) { _ = try compareCSV(options) }
    }

    @Test func aSplitComparisonAppliesTheSameRules() throws {
        let pair = try CSVPair()
        var expected = "id,label,v\n"
        var actual = "id,label,v\n"
        for row in 0..<20_000 {
            expected += "\(row),run-\(row % 7)a,\(row).5\n"
            actual += "\(row),run-\(row % 5)b,\(row).5\(row % 1000 == 0 ? "001" : "")\n"
        }
        let e = try pair.write("e.csv", expected)
        let a = try pair.write("a.csv", actual)
        var options = CompareOptions()
        options.columns = [ColumnTolerance(name: "v", rtol: 1e-3, atol: 0)]
        options.masks = [ValueMask(name: "label", pattern: "run-[0-9]+[ab]")]
        let (report, split) = try CSVComparator.compare(expected: e, actual: a, options: options, dialect: CSVDialect(),
                                                        split: .init(decisionRecords: 100, minimumBytes: 1000, pollRecords: 16))
        #expect(split)
        #expect(report.equal, "\(report.diffs.prefix(3))")
        options.columns = []
        let (strict, _) = try CSVComparator.compare(expected: e, actual: a, options: options, dialect: CSVDialect(),
                                                    split: .init(decisionRecords: 100, minimumBytes: 1000, pollRecords: 16))
        #expect(strict.differingCells == 20)
    }

    // MARK: - JSON

    func compareJSON(_ expected: String, _ actual: String, _ options: CompareOptions, format: String = "json") throws -> DiffReport {
        let pair = try CSVPair()
        let e = try pair.write("e.\(format)", expected)
        let a = try pair.write("a.\(format)", actual)
        return try FileComparator.compare(expected: e, actual: a, options: options)
    }

    @Test func aPointerPatternsToleranceCoversEveryArrayElementAndTheLongestWins() throws {
        let expected = #"{"runs": [{"score": 0.5, "loss": 1.0}, {"score": 0.7, "loss": 2.0}], "total": 10}"#
        let actual = #"{"runs": [{"score": 0.505, "loss": 1.001}, {"score": 0.71, "loss": 2.0}], "total": 10.5}"#
        var options = CompareOptions()
        options.columns = [ColumnTolerance(name: "/runs", rtol: 0.01, atol: 0),
                           ColumnTolerance(name: "/runs/*/score", rtol: 0, atol: 0.006)]
        let report = try compareJSON(expected, actual, options)
        // score 0.505 within atol 0.006, 0.71 not; loss 1.001 within /runs's rtol; total exact.
        #expect(report.diffs.map(\.pointer) == ["/runs/1/score", "/total"])
    }

    @Test func jsonMasksApplyToStringsUnderThePattern() throws {
        let expected = #"{"meta": {"note": "built by run-3fa9"}, "other": "run-1"}"#
        let actual = #"{"meta": {"note": "built by run-77c1"}, "other": "run-2"}"#
        var options = CompareOptions()
        options.masks = [ValueMask(name: "/meta/note", pattern: "run-[0-9a-f]+")]
        let report = try compareJSON(expected, actual, options)
        #expect(report.diffs.map(\.pointer) == ["/other"])
    }

    @Test func jsonLinesRecordsTakePerPointerTolerances() throws {
        var options = CompareOptions()
        options.columns = [ColumnTolerance(name: "/v", rtol: 0, atol: 0.1)]
        let report = try compareJSON("{\"id\": 1, \"v\": 1.0}\n{\"id\": 2, \"v\": 2.0}\n",
                                     "{\"id\": 1, \"v\": 1.05}\n{\"id\": 2, \"v\": 2.5}\n", options, format: "jsonl")
        #expect(report.differingCells == 1)
        #expect(report.diffs.first?.row == 2)
    }

    @Test func aColumnNameIsNotAPointer() throws {
        var options = CompareOptions()
        options.columns = [ColumnTolerance(name: "score", rtol: 1, atol: 0)]
        #expect(throws: HarnessError.self) { _ = try compareJSON("{}", "{}", options) }
    }

    // MARK: - Flags

    @Test func diffTakesToleranceMaskAndContextFlags() throws {
        let pair = try CSVPair()
        let e = try pair.write("e.csv", expectedCSV)
        let a = try pair.write("a.csv", actualCSV)
        let relaxed = try TestSupport.runHarness(["diff", e, a, "--key", "id", "--tolerance", "revenue=rtol:1e-3",
                                                   "--tolerance", "score=atol:0.06", "--mask", "note=run-[0-9a-f]+",
                                                   "--context", "name"])
        // Only "ok" → "ok!" is left: a mask hides what it matches, nothing else.
        #expect(relaxed.status == 1, "\(relaxed.stdout)\(relaxed.stderr)")
        #expect(relaxed.stdout.hasPrefix("different: 1 of 3 rows differ (1 cell)"))
        #expect(relaxed.stdout.contains("compared with revenue rtol 0.001; score atol 0.06; note masked /run-[0-9a-f]+/"))
        #expect(relaxed.stdout.contains("4  3    Cy    note    ok        ok!"))
        let typo = try TestSupport.runHarness(["diff", e, a, "--tolerance", "revenu=rtol:1e-3"])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("did you mean \"revenue\"?"))
        let badSetting = try TestSupport.runHarness(["diff", e, a, "--tolerance", "revenue=rtol"])
        #expect(badSetting.status == 2)
        let badPattern = try TestSupport.runHarness(["diff", e, a, "--mask", "note=run-[0-9"])
        #expect(badPattern.status == 2)
        #expect(badPattern.stderr.contains("expected ']'"))
    }
}
