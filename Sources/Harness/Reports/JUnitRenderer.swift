import Foundation

/// Renders a `RunReport` as JUnit XML as CI servers read it: a `testsuite` per case (with its
/// `timestamp` and `hostname`), a `testcase` per check with its own time and the `file` it
/// is about, and the HTML report's path in `system-out`.
///
/// A run that did not complete is its execution check: one testcase, with the run's cell,
/// source and stderr, so the counts agree with the terminal's.
public enum JUnitRenderer {
    /// - Parameter root: folder the `file` attributes are relative to (the repository, see
    ///   `ReportPath.repositoryRoot`).
    public static func render(_ report: RunReport, root: String = "") -> String {
        render(report, paths: ReportPath(root: root))
    }

    static func render(_ report: RunReport, paths: ReportPath) -> String {
        var tests = 0, failures = 0, errors = 0, skipped = 0
        var suites = ""
        let timestamp = report.startedAt.map(isoTimestamp)
        for caseReport in report.cases {
            var caseTests = 0, caseFailures = 0, caseErrors = 0, caseSkipped = 0
            var body = ""
            for check in caseReport.checks {
                caseTests += 1
                let run = check.run.flatMap { caseReport.runs.indices.contains($0) ? caseReport.runs[$0] : nil }
                var inner = ""
                switch check.status {
                case .passed: break
                case .failed:
                    caseFailures += 1
                    inner = "<failure type=\"\(check.kind.rawValue)\" message=\"\(escape(check.message))\">\(escape(detail(check, run: run)))</failure>"
                case .error:
                    caseErrors += 1
                    let type = run.map { $0.outcome.rawValue } ?? check.kind.rawValue
                    inner = "<error type=\"\(type)\" message=\"\(escape(check.message))\">\(escape(detail(check, run: run)))</error>"
                case .skipped:
                    caseSkipped += 1
                    inner = "<skipped message=\"\(escape(check.message))\"/>"
                }
                let file = (check.location?.path).map(paths.shown) ?? paths.shown(report.configPath)
                body += testcase(caseReport.name, name(check, run: run), seconds: check.seconds, file: file,
                                 line: check.location?.line, inner: inner)
            }
            tests += caseTests; failures += caseFailures; errors += caseErrors; skipped += caseSkipped
            var attributes = "name=\"\(escape(caseReport.name))\" tests=\"\(caseTests)\" failures=\"\(caseFailures)\" errors=\"\(caseErrors)\" skipped=\"\(caseSkipped)\" time=\"\(seconds(caseReport.seconds))\""
            if let timestamp { attributes += " timestamp=\"\(timestamp)\"" }
            if let hostname = report.hostname { attributes += " hostname=\"\(escape(hostname))\"" }
            suites += "  <testsuite \(attributes)>\n"
            suites += body
            if let html = report.htmlPath {
                suites += "    <system-out>\(escape("HTML report: " + paths.shown(html)))</system-out>\n"
            }
            suites += "  </testsuite>\n"
        }
        var attributes = "name=\"harness\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"\(seconds(report.seconds))\""
        if let timestamp { attributes += " timestamp=\"\(timestamp)\"" }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites \(attributes)>\n" + suites + "</testsuites>\n"
    }

    /// `execution notebook`, `execution pipeline #2`, or the check's title.
    static func name(_ check: CheckResult, run: RunRecord?) -> String {
        guard let run else { return check.title }
        return "execution \(run.side.rawValue)" + (run.repetition > 1 ? " #\(run.repetition)" : "")
    }

    static func testcase(_ caseName: String, _ name: String, seconds value: Double, file: String, line: Int?, inner: String) -> String {
        var open = "    <testcase classname=\"harness.\(escape(caseName))\" name=\"\(escape(name))\" time=\"\(seconds(value))\" file=\"\(escape(file))\""
        if let line { open += " line=\"\(line)\"" }
        return inner.isEmpty ? open + "/>\n" : open + ">\n      " + inner + "\n    </testcase>\n"
    }

    static func detail(_ check: CheckResult, run: RunRecord?) -> String {
        var text = check.message + "\n"
        if let failure = check.finding.failure {
            if let excerpt = failure.sourceExcerpt { text += "\n" + excerpt + "\n" }
            if let hint = failure.hint { text += "\nhint: " + hint + "\n" }
            if let traceback = failure.traceback { text += "\n" + traceback + "\n" }
        }
        if let run, check.finding.failure?.traceback == nil, !run.stderrTail.isEmpty {
            text += "\n--- stderr (last lines) ---\n" + run.stderrTail
        }
        if let diff = check.diff { text += "\n" + DiffTerminalRenderer.render(diff, color: false) }
        if let validation = check.validation { text += "\n" + ValidationTerminalRenderer.render(validation, color: false) }
        if let sandbox = run?.keptSandbox { text += "\nsandbox kept: " + sandbox + "\n" }
        if let fix = check.fix { text += "\nfix: " + fix + "\n" }
        return text
    }

    /// `2026-12-06T03:51:22` in UTC, as the JUnit schema's `timestamp` has it (no zone).
    static func isoTimestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { let text = String(value ?? 0); return text.count < 2 ? "0" + text : text }
        return "\(parts.year ?? 1970)-\(two(parts.month))-\(two(parts.day))T\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))"
    }

    static func seconds(_ value: Double) -> String {
        String(format2: value)
    }

    /// XML text and attribute escaping: the HTML reporter's, which also replaces the
    /// characters XML 1.0 cannot hold.
    static func escape(_ text: String) -> String {
        HTML.escape(text)
    }
}
