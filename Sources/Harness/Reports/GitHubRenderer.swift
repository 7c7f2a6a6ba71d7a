/// Renders a `RunReport` for GitHub Actions: `::error` workflow commands (annotations) and a
/// Markdown job summary for `$GITHUB_STEP_SUMMARY`.
public enum GitHubRenderer {
    /// One `::error` line per failing check or run, attached to the config file (or the
    /// notebook for a notebook failure).
    public static func annotations(_ report: RunReport, notebooks: [String: String] = [:]) -> String {
        var lines = ""
        for caseReport in report.cases {
            for run in caseReport.runs where run.outcome != .completed {
                var properties = "title=" + property("harness \(caseReport.name): \(run.side.rawValue) \(run.outcome.rawValue)")
                if run.side == .notebook, let notebook = notebooks[caseReport.name] {
                    properties = "file=" + property(notebook) + "," + properties
                } else {
                    properties = "file=" + property(report.configPath) + "," + properties
                }
                let message = run.failure.map { $0.summary + ($0.hint.map { "\n" + $0 } ?? "") } ?? run.outcome.rawValue
                lines += "::error \(properties)::\(data(message))\n"
            }
            for check in caseReport.checks where check.status == .failed || check.status == .error {
                let title = property("harness \(caseReport.name): \(check.title)")
                var message = check.message
                if let fix = check.fix { message += "\nfix: " + fix }
                lines += "::error file=\(property(report.configPath)),title=\(title)::\(data(message))\n"
            }
        }
        return lines
    }

    /// A Markdown summary: the counts, a table of cases, then each failure's first rows.
    public static func stepSummary(_ report: RunReport) -> String {
        var text = "## harness: \(report.passed) passed, \(report.failed) failed, \(report.errors) errors\n\n"
        text += "| case | status | time | checks |\n|---|---|---|---|\n"
        for caseReport in report.cases {
            let icon = caseReport.status == .passed ? "✅" : (caseReport.status == .failed ? "❌" : "💥")
            let failing = caseReport.checks.filter { $0.status == .failed || $0.status == .error }.count
            text += "| \(cell(caseReport.name)) | \(icon) \(caseReport.status.rawValue) | \(formatSeconds(caseReport.seconds)) | \(caseReport.checks.count - failing)/\(caseReport.checks.count) passed |\n"
        }
        for caseReport in report.cases where caseReport.status != .passed {
            text += "\n### \(cell(caseReport.name))\n\n"
            for run in caseReport.runs where run.outcome != .completed {
                text += "- **\(run.side.rawValue) \(run.outcome.rawValue)**: \(cell(run.failure?.summary ?? ""))\n"
            }
            for check in caseReport.checks where check.status == .failed || check.status == .error {
                text += "- **\(cell(check.title))**: \(cell(check.message))"
                if let fix = check.fix { text += " — fix: `\(fix)`" }
                text += "\n"
                if let diff = check.diff, !diff.diffs.isEmpty {
                    text += "\n  | row | key | \(diff.format == .csv ? "column" : "pointer") | expected | actual |\n  |---|---|---|---|---|\n"
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
    static func data(_ text: String) -> String {
        text.replacing("%", with: "%25").replacing("\r", with: "%0D").replacing("\n", with: "%0A")
    }

    /// Workflow command property: also `:` and `,` escaped.
    static func property(_ text: String) -> String {
        data(text).replacing(":", with: "%3A").replacing(",", with: "%2C")
    }

    /// A Markdown table cell: pipes escaped, newlines folded, long values shortened.
    static func cell(_ text: String) -> String {
        var value = text.replacing("|", with: "\\|").replacing("\n", with: " ")
        if value.count > 80 { value = String(value.prefix(77)) + "..." }
        return value
    }
}
