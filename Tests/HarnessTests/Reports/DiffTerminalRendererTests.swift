import Foundation
import Testing
@testable import Harness

/// The terminal rendering of diff reports, checked against golden files in
/// Fixtures/Reports (re-record with HARNESS_RECORD_GOLDEN=1; never set in CI).
@Suite struct DiffTerminalRendererTests {
    static func csvReport() -> DiffReport {
        var report = DiffReport(format: .csv, expectedPath: "golden/sales/monthly.csv", actualPath: "out/monthly.csv")
        report.rowsCompared = 1200
        report.differingRows = 3
        report.differingCells = 4
        report.missingRows = 1
        report.extraRows = 2
        report.missingColumns = ["margin"]
        report.keyColumns = ["month", "region"]
        report.totalDiffs = 7
        report.cellsByColumn = ["revenue": 3, "note": 1]
        report.diffs = [
            Difference(kind: .changed, row: 14, actualRow: 19, key: ["2024-01", "EU"], column: "revenue",
                       expected: "1520.25", actual: "1520.75", absoluteDifference: 0.5, relativeDifference: 0.5 / 1520.25),
            Difference(kind: .changed, row: 15, key: ["2024-01", "US"], column: "revenue",
                       expected: "0", actual: "2e-9", absoluteDifference: 2e-9, relativeDifference: nil),
            Difference(kind: .changed, row: 22, key: ["2024-02", "EU"], column: "note",
                       expected: "first line\nsecond line of a rather long note that goes on", actual: ""),
            Difference(kind: .missingRow, row: 40, key: ["2024-03", "APAC"], expected: "2024-03,APAC,17.5,ok"),
            Difference(kind: .extraRow, row: 41, key: ["2024-04", "EU"], actual: "2024-04,EU,3,new"),
        ]
        return report
    }

    static func jsonReport() -> DiffReport {
        var report = DiffReport(format: .json, expectedPath: "golden/m/metrics.json", actualPath: "out/metrics.json")
        report.rowsCompared = 1
        report.differingRows = 1
        report.differingCells = 3
        report.totalDiffs = 3
        report.cellsByColumn = ["/scores/*/auc": 1, "/model": 1, "/run": 1]
        report.diffs = [
            Difference(kind: .changed, pointer: "/scores/2/auc", expected: "0.91", actual: "0.89",
                       absoluteDifference: 0.02, relativeDifference: 0.02 / 0.91),
            Difference(kind: .typeChanged, pointer: "/model", expected: "\"gbm\"", actual: "3"),
            Difference(kind: .missingMember, pointer: "/run", expected: "{\"seed\":1}"),
        ]
        return report
    }

    static func check(_ text: String, golden name: String) throws {
        let path = TestSupport.fixtures + "/Reports/" + name
        if ProcessInfo.processInfo.environment["HARNESS_RECORD_GOLDEN"] == "1" {
            try AtomicFile.write(text, to: path)
        }
        let golden = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == golden, "re-record with HARNESS_RECORD_GOLDEN=1 if the change is intended")
    }

    @Test func csvDifferencesRenderAsAnAlignedTable() throws {
        try Self.check(DiffTerminalRenderer.render(Self.csvReport(), color: false), golden: "diff_csv.txt")
    }

    @Test func jsonDifferencesShowPointers() throws {
        try Self.check(DiffTerminalRenderer.render(Self.jsonReport(), color: false), golden: "diff_json.txt")
    }

    @Test func colourOnlyWhenAskedFor() {
        let plain = DiffTerminalRenderer.render(Self.csvReport(), color: false)
        let coloured = DiffTerminalRenderer.render(Self.csvReport(), color: true)
        #expect(!plain.contains("\u{1B}["))
        #expect(coloured.contains("\u{1B}[31mdifferent\u{1B}[0m"))
        #expect(coloured.replacingOccurrences(of: "\u{1B}\\[[0-9]+m", with: "", options: .regularExpression) == plain)
    }

    @Test func sameFilesGetOneLine() {
        var report = DiffReport(format: .csv, expectedPath: "a.csv", actualPath: "b.csv")
        report.rowsCompared = 1
        #expect(DiffTerminalRenderer.render(report, color: false) == "same: 1 row compared (a.csv vs b.csv)\n")
    }
}
