/// The per-row checks: cells, row shape, uniqueness and keys.
extension TableChecker {
    mutating func checkRow<Record: TableRecord>(_ record: Record, rowNumber: Int) {
        rowsChecked += 1
        let count = record.cellCount
        if isBlank(record) {
            checkBlankRow(count: count, rowNumber: rowNumber)
            return
        }
        uniqueHits.removeAll(keepingCapacity: true)
        missingSlots.removeAll(keepingCapacity: true)
        for slotIndex in slots.indices {
            let slot = slots[slotIndex]
            let fieldIndex = slot.field
            guard slot.column < count else {
                missingSlots.append(slotIndex)
                noteNull(fieldIndex, empty: true, missing: true, rowNumber: rowNumber, cell: "")
                continue
            }
            checkCell(record.cell(slot.column), fieldIndex, rowNumber: rowNumber)
        }
        if count > slots.count {
            for column in slots.count..<count {
                add("extra-cell", row: rowNumber, field: nil, severity: severity("extra-cell"),
                    cell: ViolationLog.text(record.cell(column)),
                    message: "extra cell in column \(column + 1): the table has \(slots.count) fields")
            }
        }
        for slotIndex in missingSlots {
            let field = fields[slots[slotIndex].field]
            add("missing-cell", row: rowNumber, field: field.name, severity: severity("missing-cell"),
                message: "the row has \(count) cells; field \"\(field.name)\" (column \(slotIndex + 1)) has none")
        }
        for fieldIndex in uniqueHits {
            add("unique-error", row: rowNumber, field: fields[fieldIndex].name, severity: severity("unique-error", field: fieldIndex, check: "unique"),
                cell: nil, message: "the value of \"\(fields[fieldIndex].name)\" already appeared in an earlier row")
        }
        checkKeys(rowNumber: rowNumber)
    }

    /// A row is blank when every field's cell is null or absent (frictionless's rule).
    private func isBlank<Record: TableRecord>(_ record: Record) -> Bool {
        let count = record.cellCount
        for slot in slots where slot.column < count {
            if !isNullCell(record.cell(slot.column), slot.field) { return false }
        }
        return true
    }

    @inline(__always)
    private func isNullCell(_ bytes: UnsafeRawBufferPointer, _ fieldIndex: Int) -> Bool {
        if let sequence = contract.dialect.nullSequence, CellCaster.equal(bytes, sequence) { return true }
        return fields[fieldIndex].isMissing(bytes)
    }

    private mutating func checkBlankRow(count: Int, rowNumber: Int) {
        for slot in slots {
            noteNullCounts(slot.field, empty: true)
            rowNulls[slot.field] = true
        }
        add("blank-row", row: rowNumber, field: nil, severity: severity("blank-row"), message: "the row is blank")
        let key = contract.schema.primaryKey
        if !key.isEmpty {
            add("primary-key", row: rowNumber, field: keyName(key), severity: severity("primary-key"),
                message: "every cell of the primary key is null")
        }
    }

    private mutating func noteNullCounts(_ fieldIndex: Int, empty: Bool) {
        if empty { states[fieldIndex].nulls += 1 }
        states[fieldIndex].missing += 1
    }

    /// A null cell: counted, and a `required` violation when the field is required.
    private mutating func noteNull(_ fieldIndex: Int, empty: Bool, missing: Bool, rowNumber: Int, cell: String) {
        noteNullCounts(fieldIndex, empty: empty)
        rowNulls[fieldIndex] = true
        let field = fields[fieldIndex]
        if field.constraints.required {
            add("constraint-error", row: rowNumber, field: field.name, severity: severity("constraint-error", field: fieldIndex, check: "required"),
                cell: cell, message: "a value is required")
        }
    }

    @inline(__always)
    private mutating func checkCell(_ bytes: UnsafeRawBufferPointer, _ fieldIndex: Int, rowNumber: Int) {
        let field = fields[fieldIndex]
        if isNullCell(bytes, fieldIndex) {
            noteNull(fieldIndex, empty: bytes.isEmpty, missing: true, rowNumber: rowNumber, cell: ViolationLog.text(bytes))
            return
        }
        guard let value = field.caster.cast(bytes) else {
            states[fieldIndex].invalid += 1
            rowNulls[fieldIndex] = true
            add("type-error", row: rowNumber, field: field.name, severity: severity("type-error", field: fieldIndex, check: "type"),
                cell: ViolationLog.text(bytes), message: TableChecker.typeMessage(field))
            return
        }
        if field.constraints.checksValues {
            var broken = false
            field.constraints.check(value, bytes: bytes) { name in
                broken = true
                add("constraint-error", row: rowNumber, field: field.name,
                    severity: severity("constraint-error", field: fieldIndex, check: name.rawValue),
                    cell: ViolationLog.text(bytes), message: TableChecker.constraintMessage(name, field))
            }
            if broken { states[fieldIndex].invalid += 1 }
        }
        let needsFingerprint = inKey[fieldIndex] || states[fieldIndex].seen != nil
        guard needsFingerprint else { return }
        let fingerprint = Fingerprint.of(value, bytes: bytes)
        if inKey[fieldIndex] {
            rowFingerprints[fieldIndex] = fingerprint
            rowNulls[fieldIndex] = false
        }
        if states[fieldIndex].seen != nil, states[fieldIndex].seen?.insert(fingerprint) == false {
            states[fieldIndex].duplicates += 1
            if field.constraints.unique { uniqueHits.append(fieldIndex) }
        }
    }

    private mutating func checkKeys(rowNumber: Int) {
        let schema = contract.schema
        if !schema.primaryKey.isEmpty {
            if let fingerprint = keyFingerprint(schema.primaryKey) {
                if primarySet?.insert(fingerprint) == false {
                    add("primary-key", row: rowNumber, field: keyName(schema.primaryKey), severity: severity("primary-key"),
                        message: "the primary key (\(keyName(schema.primaryKey))) repeats an earlier row")
                }
            } else {
                // The spec: primary key cells cannot be null.
                add("primary-key", row: rowNumber, field: keyName(schema.primaryKey), severity: severity("primary-key"),
                    message: "a cell of the primary key (\(keyName(schema.primaryKey))) is null")
            }
        }
        for (index, key) in schema.uniqueKeys.enumerated() {
            // Rows with a null in the key are left out, as SQL unique constraints do.
            guard let fingerprint = keyFingerprint(key) else { continue }
            if !uniqueKeySets[index].insert(fingerprint) {
                add("unique-error", row: rowNumber, field: keyName(key), severity: severity("unique-error"),
                    message: "the values of (\(keyName(key))) already appeared together in an earlier row")
            }
        }
        for (index, foreignKey) in schema.foreignKeys.enumerated() {
            if let referenced = keyFingerprint(foreignKey.reference) { _ = referenceSets[index].insert(referenced) }
            if let fingerprint = keyFingerprint(foreignKey.fields), !referenceSets[index].contains(fingerprint) {
                pendingReferences[index].append((rowNumber, fingerprint))
            }
        }
        for index in rowNulls.indices where inKey[index] { rowNulls[index] = true }
    }

    /// The combined fingerprint of a key's cells in this row, nil when one is null.
    private func keyFingerprint(_ key: [Int]) -> UInt64? {
        var state: UInt64 = 0x5151
        for index in key {
            if rowNulls[index] { return nil }
            state = Fingerprint.combine(state, rowFingerprints[index])
        }
        return state
    }

    func keyName(_ key: [Int]) -> String {
        key.map { fields[$0].name }.joined(separator: ",")
    }

    static func typeMessage(_ field: TableField) -> String {
        let caster = field.caster
        if caster.format != "default" { return "not a valid \(caster.type.rawValue) in format \"\(caster.format)\"" }
        if caster.type == .list, let item = caster.itemCaster.first { return "not a list of \(item.type.rawValue) values" }
        return "not a valid \(caster.type.rawValue)"
    }

    static func constraintMessage(_ name: FieldConstraints.Name, _ field: TableField) -> String {
        let declared = field.constraints.declared[name] ?? ""
        switch name {
        case .minimum: return "less than minimum \(declared)"
        case .maximum: return "greater than maximum \(declared)"
        case .exclusiveMinimum: return "not greater than exclusiveMinimum \(declared)"
        case .exclusiveMaximum: return "not less than exclusiveMaximum \(declared)"
        case .minLength: return "shorter than minLength \(declared)"
        case .maxLength: return "longer than maxLength \(declared)"
        case .pattern: return "does not match pattern \"\(declared)\""
        case .enum:
            let text = declared.count > 80 ? String(declared.prefix(80)) + "…" : declared
            return "not one of enum \(text)"
        case .categories: return "not one of the field's categories"
        default: return "breaks constraint \"\(name.rawValue)\""
        }
    }
}
