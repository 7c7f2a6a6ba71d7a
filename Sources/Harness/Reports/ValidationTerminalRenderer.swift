import Foundation

/// Renders a `ValidationReport` for a person at a terminal: a verdict line, complete
/// counts per error type (and per warning type), then an aligned table of the first
/// violations. A pure function of the report; colour only when asked.
public enum ValidationTerminalRenderer {
    /// Violations shown in the table; the JSON report keeps up to `--max-errors`.
    public static let shownViolations = 20

    public static func render(_ report: ValidationReport, color: Bool) -> String {
        let paint = TerminalStyle(color: color)
        var out = ""
        let unit = report.unit
        let rows = "\(report.rowsChecked) \(unit)\(report.rowsChecked == 1 ? "" : "s") checked"
        let time = report.seconds > 0 ? String(format: " in %.2f s", report.seconds) : ""
        if report.valid {
            out += paint.green("valid") + ": \(TerminalText.visible(report.dataPath)) (\(rows)\(time))"
        } else {
            out += paint.red("invalid") + ": \(TerminalText.visible(report.dataPath)): \(report.errorCount) error\(report.errorCount == 1 ? "" : "s") (\(rows)\(time))"
        }
        if report.warningCount > 0 {
            out += ", " + paint.yellow("\(report.warningCount) warning\(report.warningCount == 1 ? "" : "s")")
        }
        out += "\n"
        let counts = report.counts.map { ($0.key, $0.value, false) } + report.warningCounts.map { ($0.key, $0.value, true) }
        if !counts.isEmpty {
            let sorted = counts.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            let width = sorted.map { $0.0.count + ($0.2 ? 10 : 0) }.max() ?? 0
            for (type, count, warning) in sorted {
                let label = warning ? type + " (warning)" : type
                out += "  " + pad(label, width) + "  " + String(count) + "\n"
            }
        }
        let shown = report.errors.prefix(shownViolations)
        if !shown.isEmpty {
            out += "\n" + table(Array(shown), paint: paint)
            let total = report.errorCount + report.warningCount
            if total > shown.count {
                out += "  … \(total - shown.count) more; --json PATH writes the first \(report.errors.count) with their cells\n"
            }
        }
        return out
    }

    static func table(_ violations: [ContractViolation], paint: TerminalStyle) -> String {
        let header = ["row", "field", "type", "cell", "message"]
        let rows = violations.map { violation -> [String] in
            [violation.row.map(String.init) ?? "-", clip(TerminalText.visible(violation.field ?? "-"), 24),
             violation.type.rawValue + (violation.severity == .warning ? "*" : ""),
             violation.cell.map { clip(visible($0), 24) } ?? "", clip(TerminalText.visible(violation.message), 100)]
        }
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        var out = "  " + paint.bold(zip(header, widths).map { pad($0, $1) }.joined(separator: "  ").trimmingTrailing()) + "\n"
        for row in rows {
            var line = ""
            for (index, cell) in row.enumerated() {
                if index > 0 { line += "  " }
                line += index == 0 ? String(repeating: " ", count: widths[0] - cell.count) + cell : pad(cell, widths[index])
            }
            out += "  " + line.trimmingTrailing() + "\n"
        }
        if violations.contains(where: { $0.severity == .warning }) { out += "  * warning: counted, does not make the file invalid\n" }
        return out
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    static func clip(_ text: String, _ limit: Int) -> String {
        text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
    }

    /// Shows line breaks, tabs and other controls inside a cell as escapes, so the table stays
    /// aligned and the terminal obeys nothing in the data.
    static func visible(_ text: String) -> String {
        text.isEmpty ? "\"\"" : TerminalText.visible(text)
    }
}

extension String {
    func trimmingTrailing() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
