/// Renders a `RunReport` for a person at a terminal: a line per case, each failure with its
/// table of differences or violations and the command that fixes or records it, a summary.
public enum RunTerminalRenderer {
    /// The one line printed when a case finishes.
    public static func caseLine(_ report: CaseReport, color: Bool) -> String {
        let style = TerminalStyle(color: color)
        let label: String
        switch report.status {
        case .passed: label = style.green("PASS ")
        case .failed: label = style.red("FAIL ")
        case .error: label = style.red("ERROR")
        }
        let failing = report.checks.filter { $0.status == .failed || $0.status == .error }.count
        var detail = "\(report.checks.count) check\(report.checks.count == 1 ? "" : "s")"
        if failing > 0 { detail = "\(failing) of " + detail + " failed" }
        return "\(label) \(style.bold(TerminalText.visible(report.name)))  \(style.dim(formatSeconds(report.seconds)))  \(detail)\n"
    }

    /// Everything after the case lines: the failures in detail, goldens, the summary line.
    public static func details(_ report: RunReport, color: Bool) -> String {
        let style = TerminalStyle(color: color)
        var text = ""
        for caseReport in report.cases where caseReport.status != .passed {
            text += "\n" + style.bold("── \(TerminalText.visible(caseReport.name)) ") + "\n"
            for (index, run) in caseReport.runs.enumerated() where run.outcome != .completed {
                text += runFailure(run, failure: caseReport.failure(ofRun: index), style: style).indented("  ") + "\n"
            }
            // A run that did not complete is shown above with its cell and source; its
            // execution check would only repeat it.
            // One difference table per output: the golden and equivalence checks of a
            // drifted output usually show the same rows. A contract's violations are another
            // finding, shown with each side's check whatever differences were shown above.
            var tabled: Set<String> = []
            for check in caseReport.checks where (check.status == .failed || check.status == .error)
                && !(check.kind == .execution && check.output == nil) {
                let table = check.kind == .contract ? "contract \(check.side?.rawValue ?? "") " : "diff "
                let first = tabled.insert(table + (check.output ?? "")).inserted
                text += checkFailure(check, style: style, table: first).indented("  ") + "\n"
            }
        }
        for caseReport in report.cases {
            for found in caseReport.unexpectedOutputs {
                text += "\n" + style.yellow("warning") + ": \(TerminalText.visible(caseReport.name)): " + TerminalText.lines(unexpectedText(found, caseName: caseReport.name)) + "\n"
            }
        }
        text += goldenLines(report.golden, failOnUnused: report.failOnUnused)
        if report.updateGoldenUnderCI {
            text += "\n" + style.yellow("warning: ") + underCIWarning(report.golden) + "\n"
        }
        text += "\n" + summaryLine(report, color: color) + "\n"
        return text
    }

    static func runFailure(_ run: RunRecord, failure: RunFailure?, style: TerminalStyle) -> String {
        var text = style.red("\(run.side.rawValue) \(run.outcome.rawValue.replacingUnderscores())")
        if let failure {
            text += ": " + TerminalText.lines(failure.summary) + "\n"
            if let excerpt = failure.sourceExcerpt, !excerpt.isEmpty { text += TerminalText.lines(excerpt).indented("  ") + "\n" }
            if let hint = failure.hint { text += "hint: " + TerminalText.lines(hint) + "\n" }
        } else {
            text += "\n"
        }
        // A timed-out run shows where it was stopped, and what it printed last.
        if run.outcome == .timedOut {
            if let stack = failure?.traceback, !stack.isEmpty { text += "where it was:\n" + TerminalText.lines(stack).indented("  ") + "\n" }
            if !run.stdoutTail.isEmpty { text += "stdout (last lines):\n" + TerminalText.lines(run.stdoutTail).indented("  ") + "\n" }
        }
        // A notebook failure shows its cell and line; anything else is explained by stderr.
        if failure?.sourceExcerpt == nil, !run.stderrTail.isEmpty {
            text += "stderr (last lines):\n" + TerminalText.lines(run.stderrTail).indented("  ") + "\n"
        }
        if let sandbox = run.keptSandbox {
            text += "sandbox kept: \(sandbox)\n"
            // The run's folder holds the sandbox and, beside it, what the run printed.
            let folder = sandbox.hasSuffix("/sandbox") ? String(sandbox.dropLast("/sandbox".count)) : sandbox
            text += "output: \(folder)/stdout.txt, \(folder)/stderr.txt\n"
        }
        if let notebook = run.executedNotebook { text += "executed notebook: \(notebook)\n" }
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }

    /// Rows of a difference table in the run report; the HTML and JSON reports have more.
    static let tableRows = 5

    static func checkFailure(_ check: CheckResult, style: TerminalStyle, table: Bool = true) -> String {
        var text = style.red(TerminalText.visible(check.title)) + ": " + TerminalText.lines(check.message) + "\n"
        if table, let diff = check.diff, !diff.equal {
            text += DiffTerminalRenderer.render(diff, color: style.color, maxRows: tableRows,
                                                moreHint: "--html or --json reports show more").indented("  ")
            if !text.hasSuffix("\n") { text += "\n" }
        }
        if table, let validation = check.validation, !validation.valid {
            text += ValidationTerminalRenderer.render(validation, color: style.color).indented("  ")
            if !text.hasSuffix("\n") { text += "\n" }
        }
        if let fix = check.fix { text += "fix: " + style.bold(TerminalText.lines(fix)) + "\n" }
        return String(text.dropLast())
    }

    /// Goldens are CI's reference: rewriting them there is allowed (it was asked for) but
    /// never quiet.
    public static func underCIWarning(_ golden: GoldenSummary) -> String {
        "--update-golden ran under CI: \(golden.created.count) golden\(golden.created.count == 1 ? "" : "s") created, \(golden.updated.count) updated in this checkout; commit them only after review"
    }

    /// The warning for an undeclared data file, with how to declare or ignore it.
    public static func unexpectedText(_ found: UnexpectedOutput, caseName: String) -> String {
        "the \(found.side.rawValue) wrote \(found.path), which no output declares, so nothing checks it; "
            + "declare it (\(found.declaration(caseName: caseName))), or set cases.\(caseName).unexpected_outputs "
            + "to \"ignore\" (or \"fail\", to fail the run)"
    }

    static func goldenLines(_ golden: GoldenSummary, failOnUnused: Bool = false) -> String {
        var text = ""
        if !golden.skipped.isEmpty {
            text += "\ngoldens not recorded because their case failed: " + golden.skipped.joined(separator: ", ") + "\n"
        }
        if !golden.unused.isEmpty {
            text += "\nunused goldens (no output declares them\(failOnUnused ? "; they fail the run: --fail-on-unused" : "")): " + golden.unused.joined(separator: ", ")
            text += "\n  remove them with: harness run --prune-golden\n"
        }
        if !golden.pending.isEmpty {
            text += "\npending goldens (not committed; review them with harness golden review): " + golden.pending.joined(separator: ", ") + "\n"
        }
        if !golden.pruned.isEmpty {
            text += "\npruned goldens: " + golden.pruned.joined(separator: ", ") + "\n"
        }
        return text
    }

    /// `3 cases: 2 passed, 1 failed, 0 errors in 12.4s · goldens 1 created, 0 updated, 4 unchanged`
    public static func summaryLine(_ report: RunReport, color: Bool) -> String {
        let style = TerminalStyle(color: color)
        let total = report.cases.count
        var text = "\(total) case\(total == 1 ? "" : "s"): "
        text += style.green("\(report.passed) passed") + ", "
        text += (report.failed > 0 ? style.red("\(report.failed) failed") : "0 failed") + ", "
        let errors = "\(report.errors) error" + (report.errors == 1 ? "" : "s")
        text += report.errors > 0 ? style.red(errors) : errors
        text += " in " + formatSeconds(report.seconds)
        if report.updateGolden {
            let golden = report.golden
            text += " · goldens \(golden.created.count) created, \(golden.updated.count) updated, \(golden.unchanged.count) unchanged"
        }
        if let shard = report.shard { text += " · shard \(shard)" }
        if report.failsOnUnused { text += " · " + style.red("\(report.golden.unused.count) unused golden\(report.golden.unused.count == 1 ? "" : "s") (--fail-on-unused)") }
        if !report.golden.pending.isEmpty { text += " · \(report.golden.pending.count) pending golden\(report.golden.pending.count == 1 ? "" : "s")" }
        return text
    }
}

extension String {
    func replacingUnderscores() -> String {
        String(map { $0 == "_" ? " " : $0 })
    }
}
