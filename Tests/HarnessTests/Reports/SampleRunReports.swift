import Foundation
@testable import Harness

/// Hand-built report models for the reporter tests: a run where everything passed, and one
/// with every kind of failure a page must show (CSV and JSON differences, contract
/// violations, a notebook that raised, output tails, a cell holding markup).
enum SampleRunReports {
    static let hostileCell = "<script>alert(1)</script>"

    static var passing: RunReport {
        var report = RunReport(configPath: "harness.json")
        report.seconds = 8.42
        report.cases = [
            CaseReport(name: "sales", status: .passed, seconds: 5.1, checks: [
                CheckResult(kind: .golden, output: "monthly_revenue.csv", side: .pipeline, status: .passed, finding: .goldenMatches(equalDiff(48), unchanged: false)),
                CheckResult(kind: .equivalence, output: "monthly_revenue.csv", status: .passed, finding: .equivalent(equalDiff(48))),
                CheckResult(kind: .contract, output: "monthly_revenue.csv", side: .pipeline, status: .passed, finding: .contractMet(validReport)),
            ], runs: [
                RunRecord(side: .notebook, repetition: 1, outcome: .completed, seconds: 3.2, stdoutTail: "wrote out/monthly.csv\n"),
                RunRecord(side: .pipeline, repetition: 1, outcome: .completed, seconds: 1.4),
            ]),
            CaseReport(name: "inventory", status: .passed, seconds: 3.3, checks: [
                CheckResult(kind: .golden, output: "stock.json", side: .pipeline, status: .passed, finding: .goldenMatches(equalDiff(1, format: .json), unchanged: false)),
            ], runs: [RunRecord(side: .pipeline, repetition: 1, outcome: .completed, seconds: 2.9)]),
        ]
        return report
    }

    static var failing: RunReport {
        var report = RunReport(configPath: "harness.json")
        report.seconds = 14.73
        report.golden.unused = ["sales/old_summary.csv"]
        report.cases = [
            CaseReport(name: "inventory", status: .passed, seconds: 2.31, checks: [
                CheckResult(kind: .golden, output: "stock.json", side: .pipeline, status: .passed, finding: .goldenMatches(equalDiff(1, format: .json), unchanged: false)),
            ], runs: [RunRecord(side: .pipeline, repetition: 1, outcome: .completed, seconds: 2.02)]),
            CaseReport(name: "sales", status: .failed, seconds: 6.8, checks: [
                CheckResult(kind: .golden, output: "monthly_revenue.csv", side: .pipeline, status: .failed,
                            finding: .goldenDiffers(csvDiff, drift: .unexplained, rerun: "harness run sales")),
                CheckResult(kind: .equivalence, output: "monthly_revenue.csv", status: .passed, finding: .equivalent(equalDiff(48))),
                CheckResult(kind: .golden, output: "metrics.json", side: .pipeline, status: .failed,
                            finding: .goldenDiffers(jsonDiff, drift: .pipelineOnly, rerun: "harness run sales")),
                CheckResult(kind: .contract, output: "monthly_revenue.csv", side: .pipeline, status: .failed,
                            finding: .contractBroken(validation)),
            ], runs: [
                RunRecord(side: .notebook, repetition: 1, outcome: .completed, seconds: 3.9,
                          stdoutTail: "loaded 1204 orders\nwrote out/monthly.csv\n"),
                RunRecord(side: .pipeline, repetition: 1, outcome: .completed, seconds: 2.1,
                          stdoutTail: "sales.pipeline: 48 rows written\n",
                          stderrTail: "FutureWarning: 'M' is deprecated, use 'ME' instead\n"),
            ]),
            CaseReport(name: "churn", status: .error, seconds: 4.9, checks: [
                executionCheck,
                CheckResult(kind: .golden, output: "churn_scores.csv", side: .pipeline, status: .passed, finding: .goldenMatches(equalDiff(120), unchanged: false)),
                CheckResult(kind: .equivalence, output: "churn_scores.csv", status: .skipped, finding: .notCompared(reason: "the notebook did not complete")),
            ], runs: [
                RunRecord(side: .notebook, repetition: 1, outcome: .failed, seconds: 2.7,
                          keptSandbox: "/tmp/harness-sandbox/churn-notebook-1",
                          stdoutTail: "loaded 1204 customers\nfitting weights\n",
                          stderrTail: "/venv/lib/python3.12/site-packages/pandas/core/frame.py:4102: KeyError\n",
                          executedNotebook: "/tmp/harness-sandbox/churn-notebook-1/churn.executed.ipynb"),
                RunRecord(side: .pipeline, repetition: 1, outcome: .completed, seconds: 1.8),
            ]),
        ]
        return report
    }

    /// The churn notebook's failure as its execution check: linked to its run, pointing at
    /// the notebook.
    static var executionCheck: CheckResult {
        var check = CheckResult(kind: .execution, side: .notebook, status: .error, finding: .failed(notebookFailure))
        check.run = 0
        check.seconds = 2.7
        check.location = SourceLocation(path: "/work/repo/notebooks/churn.ipynb")
        return check
    }

    /// `failing`, as the run on a CI machine fills it: where and when it ran, where each
    /// output is declared, how long each check took.
    static var failingInCI: RunReport {
        var report = failing
        report.configPath = "/work/repo/harness.json"
        report.startedAt = Date(timeIntervalSince1970: 1_796_000_000)
        report.hostname = "ci-runner-7"
        report.htmlPath = "/work/repo/reports/run.html"
        let lines = ["monthly_revenue.csv": 12, "metrics.json": 17, "stock.json": 30, "churn_scores.csv": 41]
        for caseIndex in report.cases.indices {
            for checkIndex in report.cases[caseIndex].checks.indices {
                var check = report.cases[caseIndex].checks[checkIndex]
                if let output = check.output, let line = lines[output] {
                    check.location = SourceLocation(path: "/work/repo/harness.json", line: line, column: 9)
                    check.seconds = 0.125 * Double(checkIndex + 1)
                }
                report.cases[caseIndex].checks[checkIndex] = check
            }
        }
        return report
    }

    /// A comparison that found nothing, over `rows` rows (or documents).
    static func equalDiff(_ rows: Int, format: DiffReport.Format = .csv) -> DiffReport {
        var diff = DiffReport(format: format, expectedPath: "golden/x", actualPath: "out/x")
        diff.rowsCompared = rows
        return diff
    }

    static var validReport: ValidationReport {
        var report = ValidationReport(dataPath: "out/monthly_revenue.csv", contractPath: "contracts/monthly_revenue.json")
        report.rowsChecked = 48
        return report
    }

    static var csvDiff: DiffReport {
        var diff = DiffReport(format: .csv, expectedPath: "golden/sales/monthly_revenue.csv",
                              actualPath: "/tmp/harness-sandbox/sales-pipeline-1/out/monthly_revenue.csv")
        diff.keyColumns = ["month", "region"]
        diff.rowsCompared = 48
        diff.differingRows = 3
        diff.differingCells = 5
        diff.missingRows = 1
        diff.extraRows = 1
        diff.missingColumns = ["margin"]
        diff.extraColumns = ["discount"]
        diff.cellsByColumn = ["revenue": 2, "units": 1, "note": 1, "region_name": 1]
        diff.totalDiffs = 7
        diff.diffs = [
            Difference(kind: .changed, row: 5, key: ["2024-02", "EU"], column: "revenue", expected: "1200.50",
                       actual: "1180.25", absoluteDifference: 20.25, relativeDifference: 0.016868),
            Difference(kind: .changed, row: 5, key: ["2024-02", "EU"], column: "units", expected: "31", actual: "30",
                       absoluteDifference: 1, relativeDifference: 0.032258),
            Difference(kind: .changed, row: 9, actualRow: 10, key: ["2024-03", "US"], column: "note", expected: "ok",
                       actual: hostileCell),
            Difference(kind: .changed, row: 12, key: ["2024-04", "APAC"], column: "revenue", expected: "880",
                       actual: "", absoluteDifference: nil, relativeDifference: nil),
            Difference(kind: .changed, row: 12, key: ["2024-04", "APAC"], column: "region_name", expected: "Asia Pacific",
                       actual: "Asia-Pacific"),
            Difference(kind: .missingRow, row: 30, key: ["2024-11", "EU"], expected: "2024-11,EU,1530.00,44,0.21"),
            Difference(kind: .extraRow, row: 49, key: ["2024-12", "LATAM"], actual: "2024-12,LATAM,310.00,9,0.05"),
        ]
        return diff
    }

    static var jsonDiff: DiffReport {
        var diff = DiffReport(format: .json, expectedPath: "golden/sales/metrics.json",
                              actualPath: "/tmp/harness-sandbox/sales-pipeline-1/out/metrics.json")
        diff.rowsCompared = 1
        diff.differingRows = 1
        diff.differingCells = 4
        diff.totalDiffs = 4
        diff.cellsByColumn = ["/accuracy": 1, "/model/params/depth": 1, "/run_id": 1, "/debug": 1]
        diff.diffs = [
            Difference(kind: .changed, pointer: "/accuracy", expected: "0.912", actual: "0.897",
                       absoluteDifference: 0.015, relativeDifference: 0.016447),
            Difference(kind: .typeChanged, pointer: "/model/params/depth", expected: "\"4\"", actual: "4"),
            Difference(kind: .missingMember, pointer: "/run_id", expected: "\"2024-05-01T10:00:00Z\""),
            Difference(kind: .extraMember, pointer: "/debug", actual: "{\"rows\":48}"),
        ]
        return diff
    }

    static var validation: ValidationReport {
        var report = ValidationReport(dataPath: "/tmp/harness-sandbox/sales-pipeline-1/out/monthly_revenue.csv",
                                      contractPath: "contracts/monthly_revenue.json")
        report.rowsChecked = 48
        report.counts = ["constraint-error": 3, "type-error": 2]
        report.errors = [
            ContractViolation(type: .constraintError, row: 7, field: "revenue", message: "-15.5 is less than the minimum 0", cell: "-15.5"),
            ContractViolation(type: .typeError, row: 9, field: "month", message: "\"2024-13\" is not a yearmonth (YYYY-MM)", cell: "2024-13"),
            ContractViolation(type: .constraintError, row: 18, field: "revenue", message: "-2 is less than the minimum 0", cell: "-2"),
            ContractViolation(type: .typeError, row: 21, field: "month", message: "\"March\" is not a yearmonth (YYYY-MM)", cell: "March"),
            ContractViolation(type: .constraintError, row: 33, field: "revenue", message: "-0.01 is less than the minimum 0", cell: "-0.01"),
        ]
        return report
    }

    static var notebookFailure: RunFailure {
        RunFailure(
            summary: "churn.ipynb cell 7 (`import pandas as pd`), line 3: KeyError: 'recent'",
            cellNumber: 7, cellFirstLine: "import pandas as pd", lineInCell: 3,
            exceptionType: "KeyError", message: "'recent'",
            sourceExcerpt: """
              1 | import pandas as pd
              2 | df = pd.read_csv("data/customers.csv")
            > 3 | df["score"] = df["tenure"] * weights["recent"]
              4 | df.to_csv("out/churn_scores.csv", index=False)
            """,
            traceback: """
            \u{1B}[0;31m---------------------------------------------------------------------------\u{1B}[0m
            \u{1B}[0;31mKeyError\u{1B}[0m                                  Traceback (most recent call last)
            Cell In[7], line 3
                  1 import pandas as pd
                  2 df = pd.read_csv("data/customers.csv")
            ----> 3 df["score"] = df["tenure"] * weights["recent"]

            \u{1B}[0;31mKeyError\u{1B}[0m: 'recent'
            """,
            hint: "`weights` has no key 'recent'; its keys are 'recency', 'tenure'. Did you mean 'recency'?")
    }
}
