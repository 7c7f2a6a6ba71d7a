/// Contract violations: complete counts per error type, then the sample violations grouped
/// by field and type (a reviewer fixes one rule on one column at a time), each group with
/// its count and its first rows.
extension HTMLRenderer {
    struct ViolationGroup {
        var field: String?
        var type: String
        var severity: ContractViolation.Severity
        var violations: [ContractViolation] = []
    }

    /// Groups in order of first appearance, so the first broken rule in the file comes first.
    static func violationGroups(_ violations: [ContractViolation]) -> [ViolationGroup] {
        var groups: [ViolationGroup] = []
        for violation in violations {
            if let index = groups.firstIndex(where: {
                $0.field == violation.field && $0.type == violation.type.rawValue && $0.severity == violation.severity
            }) {
                groups[index].violations.append(violation)
            } else {
                groups.append(ViolationGroup(field: violation.field, type: violation.type.rawValue, severity: violation.severity,
                                             violations: [violation]))
            }
        }
        return groups
    }

    static func validationBlock(_ report: ValidationReport, paths: Bool) -> HTML {
        var out = HTML.empty
        if paths {
            out += "<p class=\"paths\"><span>data <code>\(report.dataPath)</code></span><span>contract <code>\(report.contractPath)</code></span></p>\n"
        }
        var counts: [HTML] = [countItem(report.rowsChecked, plural(report.rowsChecked, "row") + " checked", alarming: false)]
        counts.append(countItem(report.errorCount, plural(report.errorCount, "error")))
        if report.warningCount > 0 { counts.append(countItem(report.warningCount, plural(report.warningCount, "warning"))) }
        out += "<ul class=\"counts\">\(counts)</ul>\n"
        out += typeCounts(report)
        let sampled = report.errors.count
        let total = report.errorCount + report.warningCount
        if sampled < total {
            out += "<p class=\"cap\">Showing the first \(grouped(sampled)) of \(grouped(total)) violations; the counts per type are complete, the counts per field cover the rows shown.</p>\n"
        }
        let groups = violationGroups(report.errors)
        guard !groups.isEmpty else { return out }
        var bodies = HTML.empty
        for group in groups {
            let field: HTML = group.field.map { "<code>\($0)</code>" } ?? "<span class=\"muted\">whole file</span>"
            let severity: HTML = group.severity == .warning ? " " + badge("warning") : .empty
            let count = group.violations.count
            bodies += "<tbody>\n<tr class=\"group\"><th colspan=\"3\">\(field) <span class=\"type-tag\">\(group.type)</span>\(severity) <span class=\"muted\">\(grouped(count)) \(plural(count, "row"))\(sampled < total ? " shown" : "")</span></th></tr>\n"
            for violation in group.violations.prefix(maximumSamplesPerGroup) {
                let row: HTML = violation.row.map { "\(grouped($0))" } ?? "—"
                let cell: HTML = violation.cell.map { "<td class=\"offending\">\(value($0))</td>" } ?? "<td><span class=\"void\">—</span></td>"
                bodies += "<tr><th class=\"row\">\(row)</th>\(cell)<td>\(violation.message)</td></tr>\n"
            }
            if count > maximumSamplesPerGroup {
                let rest = group.violations.dropFirst(maximumSamplesPerGroup).compactMap(\.row).prefix(12).map(grouped)
                let rows = rest.isEmpty ? "" : ": rows " + rest.joined(separator: ", ") + (count - maximumSamplesPerGroup > rest.count ? ", …" : "")
                bodies += "<tr class=\"more\"><td colspan=\"3\">and \(count - maximumSamplesPerGroup) more\(rows)</td></tr>\n"
            }
            bodies += "</tbody>\n"
        }
        return out + """
        <div class="table-wrap"><table class="violations">
        <thead><tr><th class="row">Row</th><th>Value</th><th>Violation</th></tr></thead>
        \(bodies)</table></div>

        """
    }

    static func typeCounts(_ report: ValidationReport) -> HTML {
        let errors = report.counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let warnings = report.warningCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        guard !errors.isEmpty || !warnings.isEmpty else { return .empty }
        var parts: [HTML] = errors.map { "<span><span class=\"type-tag\">\($0.key)</span> \(grouped($0.value))</span>" }
        parts += warnings.map { "<span><span class=\"type-tag\">\($0.key)</span> \(grouped($0.value)) \(plural($0.value, "warning"))</span>" }
        return "<p class=\"by-column\"><span class=\"label\">By type</span>\(parts)</p>\n"
    }
}
