/// The run page: verdict, counts, and one collapsible section per case.
/// Cases that did not pass come first (errors, then failures, then passes, each group in
/// config order) and start open; passing ones start closed.
extension HTMLRenderer {
    static func runVerdict(_ report: RunReport) -> Verdict {
        let total = report.cases.count
        let notPassed = report.failed + report.errors
        if report.exitCode == 0 {
            return Verdict(passed: true, title: total == 1 ? "The case passed" : "All \(total) cases passed",
                           detail: "exit code 0")
        }
        let meaning: String
        switch report.exitCode {
        case 3: meaning = "a notebook or pipeline did not run to completion"
        case 2: meaning = "a check could not be made"
        default: meaning = "a check failed"
        }
        let title = notPassed == 0 ? "Run failed" : "\(notPassed) of \(total) \(plural(total, "case")) did not pass"
        return Verdict(passed: false, title: title, detail: "exit code \(report.exitCode): \(meaning)")
    }

    static func runStats(_ report: RunReport) -> [HTML] {
        [
            stat("cases", grouped(report.cases.count)),
            stat("passed", grouped(report.passed), status: "passed"),
            stat("failed", grouped(report.failed), status: report.failed > 0 ? "failed" : nil),
            stat("errors", grouped(report.errors), status: report.errors > 0 ? "error" : nil),
            stat("time", formatSeconds(report.seconds)),
        ]
    }

    static func runMeta(_ report: RunReport) -> HTML {
        var meta: HTML = "<span>config <code>\(report.configPath)</code></span>"
        if report.repeatCount > 1 { meta += "<span>repeat \(report.repeatCount)</span>" }
        if let shard = report.shard { meta += "<span>shard \(shard)</span>" }
        if report.updateGolden { meta += "<span>--update-golden</span>" }
        return meta
    }

    static func cases(_ report: RunReport) -> HTML {
        var out = HTML.empty
        for index in displayOrder(report) {
            out += caseSection(report.cases[index], id: "case-\(index + 1)")
        }
        return out
    }

    static func caseSection(_ item: CaseReport, id: String) -> HTML {
        let failing = item.checks.filter { $0.status == .failed || $0.status == .error }.count
        let open: HTML = item.status == .passed ? .empty : " open"
        var detail = "\(item.checks.count) \(plural(item.checks.count, "check"))"
        if failing > 0 { detail = "\(failing) of \(detail) failed" }
        let repeated = item.runs.contains { $0.repetition > 1 }
        // An execution check says what its failed run says; the run's section shows it once,
        // with the check's fix, and the checks table links there.
        var targets: [Int: String] = [:]
        var fixes: [Int: String] = [:]
        for (number, check) in item.checks.enumerated() where check.kind == .execution {
            // The check names its run; reports built without the link fall back to the
            // first failed run of the check's side. A missing output is its own finding.
            guard check.output == nil, let run = check.run.flatMap({ item.runs.indices.contains($0) ? $0 : nil })
                ?? item.runs.firstIndex(where: { $0.outcome != .completed && (check.side == nil || $0.side == check.side) })
            else { continue }
            targets[number] = "\(id)-run-\(run + 1)"
            if fixes[run] == nil { fixes[run] = check.fix }
        }
        var body = checksTable(item.checks, caseID: id, targets: targets)
        for (number, run) in item.runs.enumerated() where run.outcome != .completed {
            body += runFailure(run, failure: item.failure(ofRun: number), name: runName(run, repeated: repeated),
                               id: "\(id)-run-\(number + 1)", fix: fixes[number])
        }
        for (number, check) in item.checks.enumerated()
        where (check.status == .failed || check.status == .error) && targets[number] == nil {
            body += checkDetail(check, id: "\(id)-check-\(number + 1)")
        }
        body += runOutputs(item.runs.filter { $0.outcome == .completed }, repeated: repeated)
        return """
        <details class="panel case" id="\(id)" data-status="\(item.status.rawValue)"\(open)>
        <summary>\(badge(item.status.rawValue))<span class="case-name">\(item.name)</span><span class="muted">\(detail) · \(formatSeconds(item.seconds))</span></summary>
        <div class="case-body">
        \(body)</div>
        </details>

        """
    }

    static func checksTable(_ checks: [CheckResult], caseID: String, targets: [Int: String]) -> HTML {
        guard !checks.isEmpty else { return "<p class=\"muted\">No checks ran.</p>\n" }
        var rows = HTML.empty
        for (number, check) in checks.enumerated() {
            let failing = check.status == .failed || check.status == .error
            let target = targets[number] ?? "\(caseID)-check-\(number + 1)"
            let name: HTML = failing ? "<a href=\"#\(target)\">\(check.kind.rawValue)</a>" : "\(check.kind.rawValue)"
            let output: HTML = check.output.map { "<code>\($0)</code>" } ?? "<span class=\"muted\">—</span>"
            rows += "<tr data-status=\"\(check.status.rawValue)\"><td>\(badge(check.status.rawValue))</td><td>\(name)</td><td>\(output)</td><td>\(check.side?.rawValue ?? "both")</td><td>\(check.message)</td></tr>\n"
        }
        return """
        <div class="table-wrap"><table class="checks">
        <thead><tr><th>Status</th><th>Check</th><th>Output</th><th>Run</th><th>Result</th></tr></thead>
        <tbody>
        \(rows)</tbody>
        </table></div>

        """
    }

    static func checkDetail(_ check: CheckResult, id: String) -> HTML {
        var body = HTML.empty
        if let diff = check.diff, !diff.equal { body += diffBlock(diff, paths: true) }
        if let validation = check.validation, !validation.valid { body += validationBlock(validation, paths: true) }
        if let fix = check.fix {
            body += fixLine(fix)
        }
        return """
        <article class="check" id="\(id)" data-status="\(check.status.rawValue)">
        <h3>\(badge(check.status.rawValue))\(check.title)</h3>
        <p class="message">\(check.message)</p>
        \(body)</article>

        """
    }

    static func fixLine(_ command: String) -> HTML {
        "<p class=\"fix\"><span class=\"label\">Fix</span><code>\(command)</code></p>\n"
    }

    static func goldenSection(_ golden: GoldenSummary) -> HTML {
        var items = HTML.empty
        func list(_ label: String, _ names: [String], note: HTML = .empty) {
            guard !names.isEmpty else { return }
            let codes: [HTML] = names.map { "<code>\($0)</code> " }
            items += "<li><strong>\(label)</strong> (\(names.count)): \(codes)\(note)</li>\n"
        }
        list("created", golden.created)
        list("updated", golden.updated)
        list("not recorded because their case failed", golden.skipped)
        list("unused (no output declares them)", golden.unused,
             note: "— remove them with <code>harness run --prune-golden</code>")
        list("pruned", golden.pruned)
        guard !items.isEmpty else { return .empty }
        return "<section class=\"panel golden\">\n<h2>Golden files</h2>\n<ul>\n\(items)</ul>\n</section>\n"
    }
}
