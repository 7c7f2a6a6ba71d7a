/// The header: labels against field names, by position (`exact`) or by name (the other
/// `fieldsMatch` modes), as frictionless-py's `Header` does.
extension TableChecker {
    /// Maps fields to columns and reports label errors.
    /// - Throws: `HarnessError.invalid` when a name-matching mode meets duplicate labels
    ///   (the mapping would be ambiguous; frictionless refuses it too).
    func checkHeader(_ labels: [String], contractPath: String) throws {
        let match = contract.schema.fieldsMatch
        let caseSensitive = contract.dialect.caseSensitiveHeader
        func same(_ a: String, _ b: String) -> Bool { caseSensitive ? a == b : a.lowercased() == b.lowercased() }
        let schemaFields = contract.schema.fields
        if match == .exact {
            for (index, label) in labels.enumerated() where index >= schemaFields.count {
                add(.extraLabel, row: nil, field: nil, severity: severity(.extraLabel), cell: label,
                    message: "column \(index + 1) \"\(label)\" is not in the schema, which has \(schemaFields.count) fields")
            }
            for index in labels.count..<max(labels.count, schemaFields.count) {
                add(.missingLabel, row: nil, field: schemaFields[index].name, severity: severity(.missingLabel),
                    message: "field \"\(schemaFields[index].name)\" has no column: the header has \(labels.count) label\(labels.count == 1 ? "" : "s")")
            }
            for (index, label) in labels.enumerated() where index < schemaFields.count {
                let name = schemaFields[index].name
                if label.isEmpty {
                    add(.blankLabel, row: nil, field: name, severity: severity(.blankLabel),
                        message: "column \(index + 1) has a blank label; the schema names it \"\(name)\"")
                    continue
                }
                if let first = labels[..<index].firstIndex(of: label) {
                    add(.duplicateLabel, row: nil, field: name, severity: severity(.duplicateLabel), cell: label,
                        message: "label \"\(label)\" of column \(index + 1) repeats column \(first + 1)")
                    continue
                }
                let normalized = label.replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
                if !same(name, normalized) {
                    add(.incorrectLabel, row: nil, field: name, severity: severity(.incorrectLabel), cell: label,
                        message: "column \(index + 1) is labelled \"\(label)\" where the schema has \"\(name)\"")
                }
            }
            return
        }
        guard Set(labels).count == labels.count else {
            let duplicate = labels.first { label in labels.filter { $0 == label }.count > 1 } ?? ""
            throw HarnessError.invalid(SourceLocation(path: contractPath),
                                       message: "\"fieldsMatch\": \"\(match.rawValue)\" maps columns by name, but the header repeats \"\(duplicate)\"",
                                       hint: "rename the repeated column, or use \"fieldsMatch\": \"exact\" to map by position")
        }
        var newSlots: [Slot] = []
        var matched = false
        for (column, label) in labels.enumerated() {
            if let index = schemaFields.firstIndex(where: { same($0.name, label) }) {
                newSlots.append(Slot(field: index, column: column))
                matched = true
            } else {
                if match == .equal || match == .superset {
                    add(.extraLabel, row: nil, field: nil, severity: severity(.extraLabel), cell: label,
                        message: "column \(column + 1) \"\(label)\" is not in the schema (\"fieldsMatch\": \"\(match.rawValue)\")")
                }
                newSlots.append(Slot(field: addUntypedField(named: label), column: column))
            }
        }
        let requiredOnly = match == .superset || match == .partial
        var position = labels.count
        for (index, field) in schemaFields.enumerated() where !labels.contains(where: { same($0, field.name) }) {
            if requiredOnly && !(field.constraints.required || contract.schema.primaryKey.contains(index)) { continue }
            position += 1
            add(.missingLabel, row: nil, field: field.name, severity: severity(.missingLabel),
                message: "field \"\(field.name)\" has no column in the header (\"fieldsMatch\": \"\(match.rawValue)\")")
        }
        if match == .partial && !schemaFields.isEmpty && !matched {
            add(.missingLabel, row: nil, field: nil, severity: severity(.missingLabel),
                message: "no column of the header matches a field of the schema (\"fieldsMatch\": \"partial\")")
        }
        setSlots(newSlots)
    }
}
