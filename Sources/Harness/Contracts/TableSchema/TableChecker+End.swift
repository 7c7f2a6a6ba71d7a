/// End-of-file checks, which always run however many errors came before: references,
/// row count, size, and the `contract:quality` rules.
extension TableChecker {
    func finish(byteCount: Int) {
        if fieldStore == nil { prepare() }
        let schema = contract.schema
        for (index, foreignKey) in schema.foreignKeys.enumerated() {
            for pending in pendingReferences[index] where !referenceSets[index].contains(pending.fingerprint) {
                add(.foreignKey, row: pending.row, field: keyName(foreignKey.fields), severity: severity(.foreignKey),
                    message: "(\(keyName(foreignKey.fields))) refers to no row's (\(keyName(foreignKey.reference)))")
            }
        }
        if let rule = contract.rowCount, let failure = rule.failure(for: Double(rowsChecked)) {
            add(.rowCount, row: nil, field: nil, severity: contract.rowCountSeverity,
                message: "the table has \(rowsChecked) data rows; contract:rowCount \(failure)")
        }
        if let expected = contract.bytes, expected != byteCount {
            add(.byteCount, row: nil, field: nil, severity: severity(.byteCount),
                message: "the resource declares \(expected) bytes; the file has \(byteCount)")
        }
        for (index, field) in fields.enumerated() {
            for rule in field.quality {
                // `!`: prepare() ran above.
                let state = states![index]
                let count: Int
                switch rule.metric {
                case .nullValues: count = state.nulls
                case .missingValues: count = state.missing
                case .invalidValues: count = state.invalid
                case .duplicateValues: count = state.duplicates
                }
                let value = rule.unit == .percent ? (rowsChecked == 0 ? 0 : Double(count) * 100 / Double(rowsChecked)) : Double(count)
                guard let failure = rule.rule.failure(for: value) else { continue }
                let shown = rule.unit == .percent ? "\(TableChecker.percent(value))% (\(count) of \(rowsChecked) rows)" : "\(count) rows"
                add(.quality, row: nil, field: field.name, severity: rule.severity,
                    message: "\(rule.metric.rawValue) is \(shown); \(failure)\(rule.unit == .percent ? " percent" : "")")
            }
        }
    }

    static func percent(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
