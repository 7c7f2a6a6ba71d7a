/// Differences between two files: complete counts, added and removed columns, then the first
/// differences as a table. CSV differences are drawn as a grid (a row per differing row, a
/// column per differing column) with each changed cell highlighted, because a reviewer
/// recognises rows and columns faster than a list of coordinates; JSON ones by pointer.
extension HTMLRenderer {
    static func diffBlock(_ diff: DiffReport, paths: Bool) -> HTML {
        var out = HTML.empty
        if paths {
            out += "<p class=\"paths\"><span>expected <code>\(diff.expectedPath)</code></span><span>actual <code>\(diff.actualPath)</code></span></p>\n"
        }
        let rowWord = diff.format.recordWord
        var counts: [HTML] = [countItem(diff.rowsCompared, "\(plural(diff.rowsCompared, rowWord)) compared", alarming: false)]
        counts.append(countItem(diff.differingRows, "differing \(plural(diff.differingRows, rowWord))"))
        counts.append(countItem(diff.differingCells, "differing \(plural(diff.differingCells, diff.format.valueWord))"))
        counts.append(countItem(diff.missingRows, "missing \(plural(diff.missingRows, rowWord))"))
        counts.append(countItem(diff.extraRows, "extra \(plural(diff.extraRows, rowWord))"))
        out += "<ul class=\"counts\">\(counts)</ul>\n"
        if let relaxed = DiffTerminalRenderer.relaxations(diff) {
            out += "<p class=\"relaxed\">Compared with \(relaxed).</p>\n"
        }
        out += columnChanges(diff)
        out += cellsByColumn(diff)
        let shown = Array(diff.diffs.prefix(maximumDifferencesShown))
        let total = max(diff.totalDiffs, diff.diffs.count)
        if shown.count < total {
            out += "<p class=\"cap\">Showing the first \(grouped(shown.count)) of \(grouped(total)) differences; the counts above are complete.</p>\n"
        }
        guard !shown.isEmpty else { return out }
        switch diff.format.shape {
        case .table:
            out += "<p class=\"legend\"><del>expected</del> <ins>actual</ins> <span class=\"delta\">Δ absolute · relative</span> A blank cell did not differ.</p>\n"
            out += csvGrid(shown, diff: diff)
        case .document:
            out += pointerTable(shown, records: false)
        case .records:
            out += pointerTable(shown, records: true)
        }
        return out
    }

    static func countItem(_ count: Int, _ label: String, alarming: Bool = true) -> HTML {
        let attribute: HTML = alarming && count > 0 ? " class=\"nonzero\"" : .empty
        return "<li\(attribute)><strong>\(grouped(count))</strong> \(label)</li>"
    }

    static func columnChanges(_ diff: DiffReport) -> HTML {
        var parts: [HTML] = []
        for name in diff.missingColumns {
            parts.append("<span class=\"col-tag\" data-change=\"removed\">− <code>\(name)</code> missing in actual</span>")
        }
        for name in diff.extraColumns {
            parts.append("<span class=\"col-tag\" data-change=\"added\">+ <code>\(name)</code> extra in actual</span>")
        }
        return parts.isEmpty ? .empty : "<p class=\"columns\"><span class=\"label\">Columns</span>\(parts)</p>\n"
    }

    static func cellsByColumn(_ diff: DiffReport) -> HTML {
        guard diff.cellsByColumn.count > 1 else { return .empty }
        let sorted = diff.cellsByColumn.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        var parts: [HTML] = sorted.prefix(12).map { "<span><code>\($0.key)</code> \(grouped($0.value))</span>" }
        if sorted.count > 12 { parts.append("<span class=\"muted\">and \(sorted.count - 12) more</span>") }
        let label = "Differing \(diff.format.valueWord)s by \(diff.format.locationWord)"
        return "<p class=\"by-column\"><span class=\"label\">\(label)</span>\(parts)</p>\n"
    }

    /// A value as shown in a cell: `(empty)` and `(absent)` are words, not blanks.
    static func value(_ text: String?, absent: String = "absent") -> HTML {
        guard let text else { return "<span class=\"void\">(\(absent))</span>" }
        return text.isEmpty ? "<span class=\"void\">(empty)</span>" : "\(text)"
    }

    static func delta(_ difference: Difference) -> HTML {
        var parts: [String] = []
        if let absolute = difference.absoluteDifference { parts.append("Δ " + number(absolute)) }
        if let relative = difference.relativeDifference { parts.append(percent(relative)) }
        return parts.isEmpty ? .empty : "<span class=\"delta\">\(parts.joined(separator: " · "))</span>"
    }

    static func rowNumber(_ difference: Difference) -> HTML {
        let row: HTML = difference.row.map { "\(grouped($0))" } ?? "—"
        guard let actual = difference.actualRow, actual != difference.row else { return row }
        return "\(row)<span class=\"muted\" title=\"row in actual\"> → \(grouped(actual))</span>"
    }

    static func csvGrid(_ shown: [Difference], diff: DiffReport) -> HTML {
        var columns: [String] = []
        for difference in shown where difference.kind == .changed || difference.kind == .typeChanged {
            if let column = difference.column, !columns.contains(column) { columns.append(column) }
        }
        let width = max(1, columns.count + diff.missingColumns.count + diff.extraColumns.count)
        let keyed = shown.contains { $0.key != nil }
        // Consecutive changes of one row share a line of the grid.
        var lines: [[Difference]] = []
        for difference in shown {
            if difference.kind == .changed || difference.kind == .typeChanged,
               let last = lines.last?.last, last.kind == .changed || last.kind == .typeChanged,
               last.row == difference.row, last.key == difference.key {
                lines[lines.count - 1].append(difference)
            } else {
                lines.append([difference])
            }
        }
        var head: HTML = "<th class=\"row\">Row</th>"
        if keyed { head += "<th>\(diff.keyColumns.isEmpty ? "key" : diff.keyColumns.joined(separator: " · "))</th>" }
        for column in diff.contextColumns { head += "<th class=\"context\">\(column)</th>" }
        for column in columns { head += "<th>\(column)</th>" }
        for column in diff.missingColumns { head += "<th data-change=\"removed\" title=\"column missing in actual\">− \(column)</th>" }
        for column in diff.extraColumns { head += "<th data-change=\"added\" title=\"column extra in actual\">+ \(column)</th>" }
        if columns.isEmpty && diff.missingColumns.isEmpty && diff.extraColumns.isEmpty { head += "<th>Row content</th>" }
        var rows = HTML.empty
        for line in lines {
            guard let first = line.first else { continue }
            var key: HTML = keyed ? "<td class=\"key\">\((first.key ?? []).joined(separator: " · "))</td>" : .empty
            for index in diff.contextColumns.indices {
                let text = first.context.flatMap { index < $0.count ? $0[index] : nil } ?? ""
                key += "<td class=\"context\">\(text)</td>"
            }
            switch first.kind {
            case .missingRow, .missingMember:
                rows += "<tr data-change=\"removed\"><th class=\"row\">\(rowNumber(first))</th>\(key)<td class=\"whole-row\" colspan=\"\(width)\"><span class=\"row-tag\">− missing row</span> only in expected: <code>\(value(first.expected, absent: "no content"))</code></td></tr>\n"
            case .extraRow, .extraMember:
                rows += "<tr data-change=\"added\"><th class=\"row\">\(rowNumber(first))</th>\(key)<td class=\"whole-row\" colspan=\"\(width)\"><span class=\"row-tag\">+ extra row</span> only in actual: <code>\(value(first.actual, absent: "no content"))</code></td></tr>\n"
            case .changed, .typeChanged:
                var cells = HTML.empty
                for column in columns {
                    if let change = line.first(where: { $0.column == column }) {
                        cells += "<td class=\"changed\"><del title=\"expected\">\(value(change.expected))</del><ins title=\"actual\">\(value(change.actual))</ins>\(delta(change))</td>"
                    } else {
                        cells += "<td></td>"
                    }
                }
                for _ in diff.missingColumns { cells += "<td data-change=\"removed\"></td>" }
                for _ in diff.extraColumns { cells += "<td data-change=\"added\"></td>" }
                rows += "<tr><th class=\"row\">\(rowNumber(first))</th>\(key)\(cells)</tr>\n"
            }
        }
        return "<div class=\"table-wrap\"><table class=\"grid\">\n<thead><tr>\(head)</tr></thead>\n<tbody>\n\(rows)</tbody>\n</table></div>\n"
    }

    static func pointerTable(_ shown: [Difference], records: Bool) -> HTML {
        var rows = HTML.empty
        for difference in shown {
            let record: HTML = records ? "<th class=\"row\">\(rowNumber(difference))</th>" : .empty
            let pointer: HTML = difference.pointer.map { $0.isEmpty ? "(whole document)" : "\($0)" } ?? "—"
            let (change, actualClass): (HTML, HTML)
            switch difference.kind {
            case .changed: (change, actualClass) = (.empty, " class=\"changed\"")
            case .typeChanged: (change, actualClass) = (" data-kind=\"type\"", " class=\"changed\"")
            case .missingRow, .missingMember: (change, actualClass) = (" data-change=\"removed\"", .empty)
            case .extraRow, .extraMember: (change, actualClass) = (" data-change=\"added\"", .empty)
            }
            let kind = difference.kind.rawValue.replacingUnderscores()
            rows += "<tr\(change)>\(record)<td><code>\(pointer)</code></td><td class=\"kind\">\(kind)</td><td class=\"expected\">\(value(difference.expected))</td><td\(actualClass)>\(value(difference.actual))</td><td class=\"num\">\(delta(difference))</td></tr>\n"
        }
        let recordHead: HTML = records ? "<th class=\"row\">Line</th>" : .empty
        return """
        <div class="table-wrap"><table class="pointers">
        <thead><tr>\(recordHead)<th>Pointer</th><th>Difference</th><th>Expected</th><th>Actual</th><th class="num">Δ</th></tr></thead>
        <tbody>
        \(rows)</tbody>
        </table></div>

        """
    }
}
