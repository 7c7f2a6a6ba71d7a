import Foundation

/// Renders a `DiffReport` for a person at a terminal: a summary line with complete counts,
/// an aligned table of the first differences (row, key, column or JSON pointer, expected,
/// actual, absolute and relative difference), and what was left out. A pure function of
/// the report, for CSV, JSON and JSON Lines alike.
public enum DiffTerminalRenderer {
    /// Values longer than this are cut in the middle (`start…end`).
    public static let maxValueWidth = 32

    /// - Parameters:
    ///   - maxRows: rows of the table to show (all of `report.diffs` when nil).
    ///   - moreHint: how to see the rest, when rows are left out.
    public static func render(_ report: DiffReport, color: Bool, maxRows: Int? = nil,
                              moreHint: String = "--max-diffs N shows more") -> String {
        var report = report
        if let maxRows, report.diffs.count > maxRows { report.diffs = Array(report.diffs.prefix(maxRows)) }
        let paint = TerminalStyle(color: color)
        if report.equal {
            let relaxed = relaxations(report).map { "; compared with " + $0 } ?? ""
            return paint.green("same") + ": \(count(report.rowsCompared, unit(report))) compared (\(paths(report)))\(relaxed)\n"
        }
        var text = paint.red("different") + ": " + summary(report) + " (\(paths(report)))\n"
        if let relaxed = relaxations(report) { text += paint.dim("compared with " + relaxed) + "\n" }
        if !report.diffs.isEmpty {
            text += "\n" + table(report, paint: paint)
        }
        if report.totalDiffs > report.diffs.count {
            let more = report.totalDiffs - report.diffs.count
            text += paint.dim("… and \(count(more, "more difference")) (showing the first \(report.diffs.count); \(moreHint))") + "\n"
        }
        if report.cellsByColumn.count > 1 {
            let top = report.cellsByColumn.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(10)
            text += "differing \(report.format.valueWord)s by \(report.format.placeWord): "
                + top.map { "\(TerminalText.visible($0.key)) \($0.value)" }.joined(separator: ", ")
                + (report.cellsByColumn.count > 10 ? ", …" : "") + "\n"
        }
        return text
    }

    /// What the comparison did not compare exactly, for a reader who must know what was
    /// relaxed: "rtol 1e-09; revenue rtol 1e-06 atol 0; note masked /run-[0-9a-f]+/"; nil
    /// when everything was compared exactly.
    public static func relaxations(_ report: DiffReport) -> String? {
        var parts: [String] = []
        if report.rtol > 0 || report.atol > 0 { parts.append(tolerance(report.rtol, report.atol)) }
        for column in report.columnTolerances {
            parts.append("\(TerminalText.visible(column.name)) " + tolerance(column.rtol, column.atol))
        }
        for mask in report.masks { parts.append("\(TerminalText.visible(mask.name)) masked /\(TerminalText.visible(mask.pattern))/") }
        if !report.ignored.isEmpty { parts.append("ignoring " + report.ignored.map(TerminalText.visible).joined(separator: ", ")) }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    static func tolerance(_ rtol: Double, _ atol: Double) -> String {
        var parts: [String] = []
        if rtol > 0 || atol == 0 { parts.append("rtol \(number(rtol))") }
        if atol > 0 { parts.append("atol \(number(atol))") }
        return parts.joined(separator: " ")
    }

    /// "3 of 10 rows differ (5 cells); 1 missing row; …": every count, even zero ones
    /// that matter to the verdict.
    static func summary(_ report: DiffReport) -> String {
        let cells = report.format.valueWord
        // One JSON document is not counted as "1 of 1".
        var parts = report.format.shape == .document && report.rowsCompared <= 1
            ? ["1 document differs (\(count(report.differingCells, cells)))"]
            : ["\(report.differingRows) of \(count(report.rowsCompared, unit(report))) differ (\(count(report.differingCells, cells)))"]
        if report.missingRows > 0 { parts.append(count(report.missingRows, "missing " + unit(report))) }
        if report.extraRows > 0 { parts.append(count(report.extraRows, "extra " + unit(report))) }
        if !report.missingColumns.isEmpty { parts.append("missing columns: " + report.missingColumns.map(TerminalText.visible).joined(separator: ", ")) }
        if !report.extraColumns.isEmpty { parts.append("extra columns: " + report.extraColumns.map(TerminalText.visible).joined(separator: ", ")) }
        return parts.joined(separator: "; ")
    }

    static func table(_ report: DiffReport, paint: TerminalStyle) -> String {
        let showKey = report.diffs.contains { $0.key != nil }
        let place = report.diffs.contains { $0.pointer != nil } ? "pointer" : report.format.placeWord
        let showRow = report.diffs.contains { $0.row != nil }
        var header = showRow ? ["row"] : []
        if showKey { header.append("key") }
        let context = report.contextChosen ? report.contextColumns : []
        header += context.map(TerminalText.visible)
        header += [place, "expected", "actual", "abs diff", "rel diff"]
        let rows: [[String]] = report.diffs.map { difference in
            var cells = showRow ? [rowText(difference)] : []
            if showKey { cells.append(difference.key.map { shown($0.joined(separator: ",")) } ?? "") }
            for index in context.indices {
                cells.append(difference.context.map { index < $0.count ? shown($0[index]) : "" } ?? "")
            }
            cells.append(placeText(difference))
            cells.append(difference.expected.map(shown) ?? absentText(difference, expectedSide: true))
            cells.append(difference.actual.map(shown) ?? absentText(difference, expectedSide: false))
            cells.append(difference.absoluteDifference.map(number) ?? "")
            cells.append(difference.relativeDifference.map(number) ?? "")
            return cells
        }
        let widths = header.indices.map { column in
            ([header[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0
        }
        let numeric: Set<String> = ["row", "abs diff", "rel diff"]
        func line(_ cells: [String], style: (String, Int) -> String) -> String {
            var parts: [String] = []
            for (column, cell) in cells.enumerated() {
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                let styled = cell.isEmpty ? cell : style(cell, column)
                parts.append(numeric.contains(header[column]) ? padding + styled : styled + padding)
            }
            var text = "  " + parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text + "\n"
        }
        let expectedColumn = header.firstIndex(of: "expected") ?? -1
        let actualColumn = header.firstIndex(of: "actual") ?? -1
        var text = line(header) { cell, _ in paint.bold(cell) }
        for row in rows {
            text += line(row) { cell, column in
                column == expectedColumn ? paint.red(cell) : column == actualColumn ? paint.green(cell) : cell
            }
        }
        return text
    }

    static func rowText(_ difference: Difference) -> String {
        guard let row = difference.row else { return "" }
        if let actualRow = difference.actualRow { return "\(row)→\(actualRow)" }
        return "\(row)"
    }

    static func placeText(_ difference: Difference) -> String {
        switch difference.kind {
        case .missingRow: return "(missing row)"
        case .extraRow: return "(extra row)"
        default: return shown(difference.pointer ?? difference.column ?? "")
        }
    }

    static func absentText(_ difference: Difference, expectedSide: Bool) -> String {
        switch difference.kind {
        case .missingMember, .extraMember: return "(absent)"
        default: return ""
        }
    }

    /// A value as one line: control characters escaped, empty shown as `""`, and cut in
    /// the middle when longer than `maxValueWidth`.
    static func shown(_ value: String) -> String {
        if value.isEmpty { return "\"\"" }
        // Only the ends are shown: escape those, not a 40 MB cell.
        if value.utf8.count > 4 * maxValueWidth {
            return String(shown(String(value.prefix(maxValueWidth))).prefix((maxValueWidth - 1) / 2)) + "…"
                + String(shown(String(value.suffix(maxValueWidth))).suffix(maxValueWidth - 1 - (maxValueWidth - 1) / 2))
        }
        let text = TerminalText.visible(value)
        guard text.count > maxValueWidth else { return text }
        let head = (maxValueWidth - 1) / 2
        let tail = maxValueWidth - 1 - head
        return String(text.prefix(head)) + "…" + String(text.suffix(tail))
    }

    /// "expected.csv vs actual.csv", file names shown safely.
    static func paths(_ report: DiffReport) -> String {
        TerminalText.visible(report.expectedPath) + " vs " + TerminalText.visible(report.actualPath)
    }

    /// Differences in three significant digits (`2.11e-07`, `0.5`, `1.23e+04`).
    static func number(_ value: Double) -> String {
        if value == 0 { return "0" }
        return String(format: "%.3g", value)
    }

    static func unit(_ report: DiffReport) -> String { report.format.unit }

    static func count(_ value: Int, _ noun: String) -> String {
        "\(value) \(noun)" + (value == 1 ? "" : "s")
    }
}
