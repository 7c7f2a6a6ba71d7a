/// Renders a `RunReport` for GitHub Actions: `::error` workflow commands (annotations) and a
/// Markdown job summary for `$GITHUB_STEP_SUMMARY`.
public enum GitHubRenderer {
    /// One `::error` line per failing check (a run that did not complete is its execution
    /// check), attached to the config line that declares the output, the notebook, or the
    /// pipeline's failing line; paths relative to `root` (the repository: `GITHUB_WORKSPACE`,
    /// see `ReportPath.repositoryRoot`), as GitHub needs them to show the annotation on the file.
    public static func annotations(_ report: RunReport, root: String = "") -> String {
        annotations(report, paths: ReportPath(root: root))
    }

    static func annotations(_ report: RunReport, paths: ReportPath) -> String {
        var lines = ""
        if report.updateGoldenUnderCI {
            lines += "::warning file=\(property(paths.shown(report.configPath))),title=\(property("harness: --update-golden under CI"))::\(data(RunTerminalRenderer.underCIWarning(report.golden)))\n"
        }
        for caseReport in report.cases {
            for check in caseReport.checks where check.status == .failed || check.status == .error {
                let run = check.run.flatMap { caseReport.runs.indices.contains($0) ? caseReport.runs[$0] : nil }
                var properties = "file=" + property(paths.shown(check.location?.path ?? report.configPath))
                if let line = check.location?.line { properties += ",line=\(line)" }
                properties += ",title=" + property("harness \(caseReport.name): \(title(check, run: run))")
                var message = check.message
                if let hint = check.finding.failure?.hint { message += "\n" + hint }
                if let fix = check.fix { message += "\nfix: " + fix }
                lines += "::error \(properties)::\(data(message))\n"
            }
            for found in caseReport.unexpectedOutputs {
                let title = property("harness \(caseReport.name): unexpected output \(found.path)")
                lines += "::warning file=\(property(paths.shown(report.configPath))),title=\(title)::\(data(RunTerminalRenderer.unexpectedText(found, caseName: caseReport.name)))\n"
            }
        }
        return lines
    }

    /// `notebook failed at cell 7`, `pipeline timed out`, or the check's title.
    static func title(_ check: CheckResult, run: RunRecord?) -> String {
        guard let run else { return check.title }
        var text = "\(run.side.rawValue) \(run.outcome.rawValue.replacingUnderscores())"
        if run.repetition > 1 { text += " (run \(run.repetition))" }
        if let cell = check.finding.failure?.cellNumber { text += " at cell \(cell)" }
        return text
    }

    /// A Markdown summary: the counts, a table of cases, then each failure's first rows.
    public static func stepSummary(_ report: RunReport) -> String {
        var text = "## harness: \(report.passed) passed, \(report.failed) failed, \(report.errors) error\(report.errors == 1 ? "" : "s")\n\n"
        text += "| case | status | time | checks |\n|---|---|---|---|\n"
        for caseReport in report.cases {
            let icon = caseReport.status == .passed ? "✅" : (caseReport.status == .failed ? "❌" : "💥")
            let failing = caseReport.checks.filter { $0.status == .failed || $0.status == .error }.count
            text += "| \(cell(caseReport.name)) | \(icon) \(caseReport.status.rawValue) | \(formatSeconds(caseReport.seconds)) | \(caseReport.checks.count - failing)/\(caseReport.checks.count) passed |\n"
        }
        for caseReport in report.cases where caseReport.status != .passed {
            text += "\n### \(cell(caseReport.name))\n\n"
            for check in caseReport.checks where check.status == .failed || check.status == .error {
                let run = check.run.flatMap { caseReport.runs.indices.contains($0) ? caseReport.runs[$0] : nil }
                text += "- **\(cell(title(check, run: run)))**: \(cell(check.message))"
                if let fix = check.fix { text += " — fix: " + MarkdownText.code(fix) }
                text += "\n"
                if let diff = check.diff, !diff.diffs.isEmpty {
                    text += "\n  | row | key | \(diff.format.placeWord) | expected | actual |\n  |---|---|---|---|---|\n"
                    for difference in diff.diffs.prefix(10) {
                        let place = difference.column ?? difference.pointer ?? ""
                        text += "  | \(difference.row.map(String.init) ?? "") | \(cell(difference.key?.joined(separator: ", ") ?? "")) | \(cell(place)) | \(cell(difference.expected ?? "")) | \(cell(difference.actual ?? "")) |\n"
                    }
                    text += "\n"
                }
            }
        }
        return text
    }

    /// Workflow command data: `%`, CR and LF escaped.
    static func data(_ text: String) -> String { WorkflowCommandText.data(text) }

    /// Workflow command property: also `:` and `,` escaped.
    static func property(_ text: String) -> String { WorkflowCommandText.property(text) }

    /// A Markdown table cell: HTML and Markdown escaped, controls spelled out, long values
    /// shortened.
    static func cell(_ text: String) -> String { MarkdownText.escaped(text, limit: 80) }
}
