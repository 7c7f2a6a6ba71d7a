/// The overview of a run: a row per case with its status, checks, runs and time, cases that
/// did not pass first, and the "show only failures" toggle.
extension HTMLRenderer {
    /// Case indexes (into `report.cases`) in display order: errors, failures, then passes.
    static func displayOrder(_ report: RunReport) -> [Int] {
        func rank(_ status: CaseStatus) -> Int {
            switch status {
            case .error: return 0
            case .failed: return 1
            case .passed: return 2
            }
        }
        return report.cases.indices.sorted { left, right in
            let (a, b) = (rank(report.cases[left].status), rank(report.cases[right].status))
            return a != b ? a < b : left < right
        }
    }

    static func overview(_ report: RunReport) -> HTML {
        let notPassed = report.failed + report.errors
        var rows = HTML.empty
        for index in displayOrder(report) {
            let item = report.cases[index]
            let problem = item.checks.first { $0.status == .failed || $0.status == .error }
            let note: HTML = problem.map { "<div class=\"note\">\($0.title): \($0.message)</div>" }
                ?? (item.runs.indices.lazy.compactMap(item.failure(ofRun:)).first.map { "<div class=\"note\">\($0.summary)</div>" } ?? .empty)
            rows += """
            <tr data-status="\(item.status.rawValue)"><td>\(badge(item.status.rawValue))</td><td><a href="#case-\(index + 1)">\(item.name)</a>\(note)</td><td>\(tally(item.checks))</td><td>\(runSummary(item.runs))</td><td class="num">\(formatSeconds(item.seconds))</td></tr>

            """
        }
        let empty: HTML = notPassed == 0
            ? "<p class=\"only-when-filtered\">No failures: every case passed.</p>\n" : .empty
        return """
        <section class="panel overview">
        <div class="toolbar"><h2>Cases</h2><label for="only-failures" class="toggle"><span class="box" aria-hidden="true"></span>Show only failures (\(notPassed))</label><span class="js-only"><button type="button" data-expand="open">Expand all</button><button type="button" data-expand="close">Collapse all</button></span></div>
        <div class="table-wrap"><table>
        <thead><tr><th>Status</th><th>Case</th><th>Checks</th><th>Runs</th><th class="num">Time</th></tr></thead>
        <tbody>
        \(rows)</tbody>
        </table></div>
        \(empty)</section>

        """
    }

    /// `✓ 4 ✗ 1 ! 1`: how many checks ended in each state (only states that occur).
    static func tally(_ checks: [CheckResult]) -> HTML {
        let states: [CheckResult.Status] = [.failed, .error, .skipped, .passed]
        let parts: [HTML] = states.compactMap { state in
            let count = checks.filter { $0.status == state }.count
            guard count > 0 else { return nil }
            return "<span class=\"count\" data-badge=\"\(state.rawValue)\" title=\"\(count) \(state.rawValue)\"><span aria-hidden=\"true\">\(icon(state.rawValue))</span> \(count) \(state.rawValue)</span>"
        }
        return parts.isEmpty ? "<span class=\"muted\">no checks</span>" : "\(parts)"
    }

    static func runSummary(_ runs: [RunRecord]) -> HTML {
        let repeated = runs.contains { $0.repetition > 1 }
        let parts: [HTML] = runs.map { run in
            "<span class=\"run\" data-badge=\"\(runBadge(run.outcome))\" title=\"\(run.outcome.rawValue.replacingUnderscores())\"><span aria-hidden=\"true\">\(icon(runBadge(run.outcome)))</span> \(runName(run, repeated: repeated))</span>"
        }
        return parts.isEmpty ? "<span class=\"muted\">none</span>" : "\(parts)"
    }
}
