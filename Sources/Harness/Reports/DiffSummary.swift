/// Words and flags that describe a `DiffReport` in check messages.
enum DiffSummary {
    /// `3 differing rows (5 cells), 1 missing row, 2 extra rows, missing column "x"`
    static func counts(_ diff: DiffReport) -> String {
        var parts: [String] = []
        let unit = diff.format.unit
        if diff.differingRows > 0 || diff.differingCells > 0 {
            let values = counted(diff.differingCells, diff.format.valueWord)
            switch diff.format.shape {
            case .document: parts.append("1 \(unit) differs (\(values))")
            case .table, .records: parts.append("\(counted(diff.differingRows, "differing " + unit)) (\(values))")
            }
        }
        if diff.missingRows > 0 { parts.append(counted(diff.missingRows, "missing " + unit)) }
        if diff.extraRows > 0 { parts.append(counted(diff.extraRows, "extra " + unit)) }
        if !diff.missingColumns.isEmpty { parts.append("missing column" + (diff.missingColumns.count == 1 ? " " : "s ") + diff.missingColumns.map { "\"\($0)\"" }.joined(separator: ", ")) }
        if !diff.extraColumns.isEmpty { parts.append("extra column" + (diff.extraColumns.count == 1 ? " " : "s ") + diff.extraColumns.map { "\"\($0)\"" }.joined(separator: ", ")) }
        if parts.isEmpty { parts.append(counted(diff.totalDiffs, "difference")) }
        return parts.joined(separator: ", ") + (diff.diffs.isEmpty ? "" : "; first: " + first(diff))
    }

    /// "1 row", "2 records": a count and its noun, plural when it is not 1.
    static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// What one unit of a format is called: a CSV row, a JSON Lines record, a document.
    /// The first difference in words: `row 4, column "revenue": 10.5 → 11`.
    static func first(_ diff: DiffReport) -> String {
        guard let difference = diff.diffs.first else {
            if let column = diff.missingColumns.first { return "column \"\(column)\" is missing" }
            if let column = diff.extraColumns.first { return "column \"\(column)\" is extra" }
            return "\(diff.totalDiffs) differences"
        }
        var text = ""
        if let row = difference.row { text += diff.format.positionWord + " \(row)" }
        if let key = difference.key { text += " (key \(key.joined(separator: ", ")))" }
        if let column = difference.column { text += ", column \"\(column)\"" }
        if let pointer = difference.pointer { text += (text.isEmpty ? "at " : ", at ") + (pointer.isEmpty ? "/" : pointer) }
        switch difference.kind {
        case .missingRow: text += ": missing in actual"
        case .extraRow: text += ": extra in actual"
        case .missingMember: text += ": missing"
        case .extraMember: text += ": extra"
        default: text += ": \(difference.expected ?? "∅") → \(difference.actual ?? "∅")"
        }
        return text
    }

    /// The `harness diff` flags that reproduce a comparison.
    static func flags(_ options: CompareOptions) -> String {
        var text = ""
        if !options.key.isEmpty { text += " --key " + shellQuoted(options.key.joined(separator: ",")) }
        for ignored in options.ignore { text += " --ignore " + shellQuoted(ignored) }
        if options.rtol > 0 { text += " --rtol \(options.rtol)" }
        if options.atol > 0 { text += " --atol \(options.atol)" }
        if let format = options.format { text += " --format \(format.rawValue)" }
        return text
    }
}
