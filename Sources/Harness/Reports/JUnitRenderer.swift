/// Renders a `RunReport` as JUnit XML: a `testsuite` per case, a `testcase` per check (and
/// per run that did not complete), so CI systems show each check as a test.
public enum JUnitRenderer {
    public static func render(_ report: RunReport) -> String {
        var tests = 0, failures = 0, errors = 0, skipped = 0
        var suites = ""
        for caseReport in report.cases {
            var caseTests = 0, caseFailures = 0, caseErrors = 0, caseSkipped = 0
            var body = ""
            for run in caseReport.runs where run.outcome != .completed {
                caseTests += 1
                caseErrors += 1
                let name = "execution \(run.side.rawValue)" + (run.repetition > 1 ? " #\(run.repetition)" : "")
                let message = run.failure?.summary ?? "\(run.side.rawValue) \(run.outcome.rawValue)"
                var detail = run.failure.map(failureText) ?? ""
                if !run.stderrTail.isEmpty { detail += "\n--- stderr (last lines) ---\n" + run.stderrTail }
                body += testcase(caseReport.name, name, seconds: run.seconds,
                                 inner: "<error type=\"\(run.outcome.rawValue)\" message=\"\(escape(message))\">\(escape(detail))</error>")
            }
            for check in caseReport.checks {
                caseTests += 1
                var inner = ""
                switch check.status {
                case .passed: break
                case .failed:
                    caseFailures += 1
                    inner = "<failure type=\"\(check.kind.rawValue)\" message=\"\(escape(check.message))\">\(escape(checkText(check)))</failure>"
                case .error:
                    caseErrors += 1
                    inner = "<error type=\"\(check.kind.rawValue)\" message=\"\(escape(check.message))\">\(escape(checkText(check)))</error>"
                case .skipped:
                    caseSkipped += 1
                    inner = "<skipped message=\"\(escape(check.message))\"/>"
                }
                body += testcase(caseReport.name, check.title, seconds: 0, inner: inner)
            }
            tests += caseTests; failures += caseFailures; errors += caseErrors; skipped += caseSkipped
            suites += "  <testsuite name=\"\(escape(caseReport.name))\" tests=\"\(caseTests)\" failures=\"\(caseFailures)\" errors=\"\(caseErrors)\" skipped=\"\(caseSkipped)\" time=\"\(seconds(caseReport.seconds))\">\n"
            suites += body
            suites += "  </testsuite>\n"
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"harness\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"\(seconds(report.seconds))\">\n"
            + suites
            + "</testsuites>\n"
    }

    static func testcase(_ caseName: String, _ name: String, seconds value: Double, inner: String) -> String {
        let open = "    <testcase classname=\"harness.\(escape(caseName))\" name=\"\(escape(name))\" time=\"\(seconds(value))\""
        return inner.isEmpty ? open + "/>\n" : open + ">\n      " + inner + "\n    </testcase>\n"
    }

    static func checkText(_ check: CheckResult) -> String {
        var text = check.message + "\n"
        if let diff = check.diff { text += "\n" + DiffTerminalRenderer.render(diff, color: false) }
        if let validation = check.validation { text += "\n" + ValidationTerminalRenderer.render(validation, color: false) }
        if let fix = check.fix { text += "\nfix: " + fix + "\n" }
        return text
    }

    static func failureText(_ failure: FailureDetails) -> String {
        var text = failure.summary + "\n"
        if let excerpt = failure.sourceExcerpt { text += "\n" + excerpt + "\n" }
        if let hint = failure.hint { text += "\nhint: " + hint + "\n" }
        if let traceback = failure.traceback { text += "\n" + traceback + "\n" }
        return text
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
