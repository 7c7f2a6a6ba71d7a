import Foundation
import Testing
@testable import Harness

/// The HTML report: golden pages for a passing and a failing run (re-recorded only with
/// `HARNESS_RECORD_FIXTURES=1`, never in CI), plus the properties a reviewer relies on.
@Suite struct HTMLRendererTests {
    static let fixtures = TestSupport.fixtures + "/Reports"

    func expectMatchesGolden(_ page: String, _ name: String) throws {
        try ReporterGolden.expect(page, matches: Self.fixtures + "/" + name, suite: "HTMLRendererTests")
    }

    @Test func passingRunMatchesGolden() throws {
        try expectMatchesGolden(HTMLRenderer.render(SampleRunReports.passing), "run-passing.html")
    }

    @Test func failingRunMatchesGolden() throws {
        try expectMatchesGolden(HTMLRenderer.render(SampleRunReports.failing), "run-failing.html")
    }

    @Test func diffPageMatchesGolden() throws {
        try expectMatchesGolden(HTMLRenderer.render(diff: SampleRunReports.csvDiff), "diff-csv.html")
    }

    @Test func validationPageMatchesGolden() throws {
        try expectMatchesGolden(HTMLRenderer.render(validation: SampleRunReports.validation), "validation.html")
    }

    @Test func verdictNamesTheOutcome() {
        let passing = HTMLRenderer.render(SampleRunReports.passing)
        #expect(passing.contains("<h1>All 2 cases passed</h1><p>exit code 0</p>"))
        #expect(passing.contains("data-verdict=\"passed\""))
        let failing = HTMLRenderer.render(SampleRunReports.failing)
        #expect(failing.contains("<h1>2 of 3 cases did not pass</h1>"))
        #expect(failing.contains("exit code 3: a notebook or pipeline did not run to completion"))
    }

    @Test func dataIsAlwaysText() {
        var report = SampleRunReports.failing
        report.cases[0].name = "x\" onmouseover=\"alert(1)"
        let page = HTMLRenderer.render(report)
        #expect(!page.contains(SampleRunReports.hostileCell))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!page.contains("\" onmouseover=\""))
        #expect(page.contains("x&quot; onmouseover=&quot;alert(1)"))
        // The page's own script is the only one.
        #expect(page.components(separatedBy: "<script").count == 2)
    }

    @Test(arguments: [
        ("a & b", "a &amp; b"),
        ("<td class=\"x\">", "&lt;td class=&quot;x&quot;&gt;"),
        ("it's", "it&#39;s"),
        ("bell\u{07}", "bell\u{FFFD}"),
        ("tab\tnew\nline", "tab\tnew\nline"),
        ("ünïcödé ✓", "ünïcödé ✓"),
    ])
    func escapesTextAndAttributes(input: String, expected: String) {
        #expect(HTML.escape(input) == expected)
        let markup: HTML = "<p title=\"\(input)\">\(input)</p>"
        #expect(markup.markup == "<p title=\"\(expected)\">\(expected)</p>")
    }

    @Test func pageIsSelfContained() {
        for page in [HTMLRenderer.render(SampleRunReports.failing), HTMLRenderer.render(diff: SampleRunReports.csvDiff),
                     HTMLRenderer.render(validation: SampleRunReports.validation)] {
            for external in ["<link", " src=", "url(", "@import", "http://", "https://"] {
                #expect(!page.contains(external), "page refers to an external asset: \(external)")
            }
            #expect(page.hasPrefix("<!DOCTYPE html>"))
        }
    }

    @Test func failedCasesComeFirstAndOpen() throws {
        let page = HTMLRenderer.render(SampleRunReports.failing)
        // Config order is inventory (1), sales (2), churn (3); churn errored, sales failed.
        let order = ["href=\"#case-3\"", "href=\"#case-2\"", "href=\"#case-1\""].map { page.range(of: $0)?.lowerBound }
        let positions = try order.map { try #require($0) }
        #expect(positions == positions.sorted())
        #expect(page.contains("<details class=\"panel case\" id=\"case-3\" data-status=\"error\" open>"))
        #expect(page.contains("<details class=\"panel case\" id=\"case-2\" data-status=\"failed\" open>"))
        #expect(page.contains("<details class=\"panel case\" id=\"case-1\" data-status=\"passed\">"))
        // The CSS-only filter needs the checkbox before <main>.
        let toggle = try #require(page.range(of: "id=\"only-failures\""))
        let main = try #require(page.range(of: "<main>"))
        #expect(toggle.lowerBound < main.lowerBound)
    }

    @Test func csvDifferencesAreAGridWithChangedCellsAndColumnChanges() {
        let page = HTMLRenderer.render(diff: SampleRunReports.csvDiff)
        #expect(page.contains("<td class=\"changed\"><del title=\"expected\">1200.50</del><ins title=\"actual\">1180.25</ins><span class=\"delta\">Δ 20.25 · 1.69%</span></td>"))
        #expect(page.components(separatedBy: "<td class=\"changed\">").count - 1 == 5)
        #expect(page.contains("<th data-change=\"removed\" title=\"column missing in actual\">− margin</th>"))
        #expect(page.contains("<th data-change=\"added\" title=\"column extra in actual\">+ discount</th>"))
        #expect(page.contains("− missing row</span> only in expected: <code>2024-11,EU,1530.00,44,0.21</code>"))
        #expect(page.contains("+ extra row</span> only in actual: <code>2024-12,LATAM,310.00,9,0.05</code>"))
        // Two changes of row 5 share one line of the grid; row 9 moved to row 10 in actual.
        #expect(page.contains("<tr><th class=\"row\">5</th><td class=\"key\">2024-02 · EU</td><td class=\"changed\">"))
        #expect(page.contains("9<span class=\"muted\" title=\"row in actual\"> → 10</span>"))
        #expect(page.contains("<span class=\"void\">(empty)</span>"))
    }

    @Test func jsonDifferencesAreListedByPointer() {
        let page = HTMLRenderer.render(diff: SampleRunReports.jsonDiff)
        #expect(page.contains("<tr><td><code>/accuracy</code></td><td class=\"kind\">changed</td><td class=\"expected\">0.912</td><td class=\"changed\">0.897</td>"))
        #expect(page.contains("<tr data-kind=\"type\"><td><code>/model/params/depth</code></td><td class=\"kind\">type changed</td><td class=\"expected\">&quot;4&quot;</td><td class=\"changed\">4</td>"))
        #expect(page.contains("<tr data-change=\"removed\"><td><code>/run_id</code></td><td class=\"kind\">missing member</td>"))
        #expect(page.contains("<td><span class=\"void\">(absent)</span></td>"))
    }

    @Test(arguments: [20, 500])
    func largeDiffsAreCappedWithTotals(listed: Int) {
        var diff = DiffReport(format: .csv, expectedPath: "e.csv", actualPath: "a.csv")
        diff.rowsCompared = 100_000
        diff.differingRows = 12_345
        diff.differingCells = 12_345
        diff.totalDiffs = 12_345
        diff.diffs = (0..<listed).map {
            Difference(kind: .changed, row: $0 + 2, column: "value", expected: "\($0)", actual: "\($0 + 1)")
        }
        let page = HTMLRenderer.render(diff: diff)
        let shown = min(listed, HTMLRenderer.maximumDifferencesShown)
        #expect(page.contains("Showing the first \(shown) of 12,345 differences; the counts above are complete."))
        #expect(page.components(separatedBy: "<td class=\"changed\">").count - 1 == shown)
        #expect(page.contains("<strong>12,345</strong> differing rows"))
    }

    @Test func violationsAreGroupedByFieldAndType() {
        var report = SampleRunReports.validation
        let page = HTMLRenderer.render(validation: report)
        #expect(page.contains("<h1>Contract violated</h1>"))
        #expect(page.contains("<code>revenue</code> <span class=\"type-tag\">constraint-error</span> <span class=\"muted\">3 rows</span>"))
        #expect(page.contains("<code>month</code> <span class=\"type-tag\">type-error</span> <span class=\"muted\">2 rows</span>"))
        #expect(page.contains("<span class=\"type-tag\">constraint-error</span> 3</span>"))
        #expect(page.contains("<tr><th class=\"row\">18</th><td class=\"offending\">-2</td><td>-2 is less than the minimum 0</td></tr>"))

        report.counts["constraint-error"] = 1_000
        report.errors += (0..<20).map {
            ContractViolation(type: .constraintError, row: 100 + $0, field: "units", message: "too small", cell: "-1")
        }
        let capped = HTMLRenderer.render(validation: report)
        #expect(capped.contains("Showing the first 25 of 1,002 violations"))
        #expect(capped.contains("<span class=\"muted\">20 rows shown</span>"))
        #expect(capped.contains("and 12 more: rows 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119</td>"))
    }

    @Test func notebookFailureShowsSourceWithTheFailingLineAndTraceback() {
        let page = HTMLRenderer.render(SampleRunReports.failing)
        #expect(page.contains("<tr class=\"failing\"><td class=\"ln\"><span class=\"marker\" aria-label=\"failing line\">▶</span>3</td><td class=\"src\">df[&quot;score&quot;] = df[&quot;tenure&quot;] * weights[&quot;recent&quot;]</td></tr>"))
        #expect(page.contains("<code><strong>KeyError</strong>: &#39;recent&#39;</code>"))
        #expect(page.contains("<summary>Traceback</summary><pre>---"))
        #expect(!page.contains("\u{1B}"), "terminal colour codes must not reach the page")
        #expect(page.contains("[0;31m") == false)
        #expect(page.contains("<summary>stderr (last lines)</summary><pre>/venv/lib/python3.12/"))
        #expect(page.contains("<summary>stdout (last lines)</summary><pre>loaded 1204 customers"))
        #expect(page.contains("<span>sandbox kept <code>/tmp/harness-sandbox/churn-notebook-1</code></span>"))
        // The execution check links to the run's section, which carries its fix.
        #expect(page.contains("<a href=\"#case-3-run-1\">execution</a>"))
        #expect(page.contains("<article class=\"check run-failure\" id=\"case-3-run-1\""))
        #expect(!page.contains("id=\"case-3-check-1\""))
    }

    @Test(arguments: [
        ("  2 | a = 1\n> 3 | b = a[\"x\"]\n  4 | c", 3, "b = a[\"x\"]"),
        ("      2 a = 1\n----> 3 b = a[\"x\"]", nil, "b = a[\"x\"]"),
        ("2: a = 1\n3: b = a[\"x\"]", 3, "b = a[\"x\"]"),
        ("  9 |     indented()\n  10 | x", 9, "    indented()"),
    ] as [(String, Int?, String)])
    func sourceExcerptMarksTheFailingLine(excerpt: String, line: Int?, failing: String) {
        let table = HTMLRenderer.sourceTable(excerpt, failingLine: line).markup
        #expect(table.components(separatedBy: "<tr class=\"failing\">").count == 2)
        #expect(table.contains("</td><td class=\"src\">\(HTML.escape(failing))</td></tr>"))
        let marked = table.components(separatedBy: "<tr class=\"failing\">")[1]
        #expect(marked.hasPrefix("<td class=\"ln\"><span class=\"marker\" aria-label=\"failing line\">▶</span>"))
        #expect(marked.contains(HTML.escape(failing)))
    }

    @Test func sameFilesAndValidDataSaySo() {
        var diff = DiffReport(format: .csv, expectedPath: "e.csv", actualPath: "a.csv")
        diff.rowsCompared = 1_204
        let same = HTMLRenderer.render(diff: diff)
        #expect(same.contains("<h1>Same within tolerance</h1><p>1,204 rows compared</p>"))
        #expect(!same.contains("id=\"only-failures\""))
        #expect(!same.contains("<table"))
        var validation = ValidationReport(dataPath: "d.csv", contractPath: "c.json")
        validation.rowsChecked = 3
        #expect(HTMLRenderer.render(validation: validation).contains("<h1>Valid</h1><p>3 rows checked</p>"))
    }

    @Test(arguments: [(0, "0"), (999, "999"), (1_000, "1,000"), (12_345_678, "12,345,678"), (-4_200, "-4,200")])
    func countsAreGrouped(value: Int, text: String) {
        #expect(HTMLRenderer.grouped(value) == text)
    }
}
