/// The per-row checks: cells, row shape, uniqueness and keys.
extension TableChecker {
    func checkRow<Record: TableRecord>(_ record: Record, rowNumber: Int) {
        if fieldStore == nil { prepare() }
        // `!`: prepare() just set all three.
        let fields = fieldStore!, states = states!, slotStore = slotStore!, plans = plans!
        let slotCount = slots.count
        rowsChecked += 1
        let count = record.cellCount
        if isBlank(record, plans, slotStore, slotCount) {
            checkBlankRow(states, slotStore, slotCount, rowNumber: rowNumber)
            return
        }
        var hadMissing = false
        var hadUnique = false
        for slotIndex in 0..<slotCount {
            // Unchecked: `slotStore` holds `slots`, `slotCount` of them.
            let slot = slotStore[unchecked: slotIndex]
            guard slot.column < count else {
                hadMissing = true
                noteNull(fields, states, slot.field, empty: true, rowNumber: rowNumber, cell: "")
                continue
            }
            if checkCell(record.cell(slot.column), plans, fields, states, slot.field, rowNumber: rowNumber) { hadUnique = true }
        }
        if count > slotCount {
            for column in slotCount..<count {
                add(.extraCell, row: rowNumber, field: nil, severity: severity(.extraCell),
                    cell: ViolationLog.text(record.cell(column)),
                    message: "extra cell in column \(column + 1): the table has \(slotCount) fields")
            }
        }
        if hadMissing {
            // Slots read columns in order (slot i reads column i), so the absent ones are the tail.
            for slotIndex in count..<max(count, slotCount) where slotStore[slotIndex].column >= count {
                let name = fields[slotStore[slotIndex].field].name
                add(.missingCell, row: rowNumber, field: name, severity: severity(.missingCell),
                    message: "the row has \(count) cell\(count == 1 ? "" : "s"); field \"\(name)\" (column \(slotIndex + 1)) has none")
            }
        }
        if hadUnique {
            for fieldIndex in uniqueHits {
                let name = fields[fieldIndex].name
                add(.uniqueError, row: rowNumber, field: name, severity: severity(.uniqueError, field: fieldIndex, check: "unique"),
                    message: "the value of \"\(name)\" already appeared in an earlier row")
            }
            uniqueHits.removeAll(keepingCapacity: true)
        }
        if contract.schema.hasKeys { checkKeys(states, rowNumber: rowNumber) }
    }

    /// A row is blank when every field's cell is null or absent (frictionless's rule).
    @inline(__always)
    private func isBlank<Record: TableRecord>(_ record: Record, _ plans: ElementTable<CellPlan>,
                                              _ slots: ElementTable<Slot>, _ slotCount: Int) -> Bool {
        let count = record.cellCount
        for index in 0..<slotCount {
            let slot = slots[index]
            if slot.column < count && !plans[slot.field].missing.contains(record.cell(slot.column)) { return false }
        }
        return true
    }

    private func checkBlankRow(_ states: ElementTable<FieldState>, _ slots: ElementTable<Slot>, _ slotCount: Int, rowNumber: Int) {
        for index in 0..<slotCount {
            let field = slots[index].field
            states[field].nulls += 1
            states[field].missing += 1
            states[field].isNull = true
        }
        add(.blankRow, row: rowNumber, field: nil, severity: severity(.blankRow), message: "the row is blank")
        let key = contract.schema.primaryKey
        if !key.isEmpty {
            add(.primaryKey, row: rowNumber, field: keyName(key), severity: severity(.primaryKey),
                message: "every cell of the primary key is null")
        }
    }

    /// A null cell: counted, and a `required` violation when the field is required.
    private func noteNull(_ fields: ElementTable<TableField>, _ states: ElementTable<FieldState>, _ fieldIndex: Int,
                          empty: Bool, rowNumber: Int, cell: @autoclosure () -> String) {
        if empty { states[fieldIndex].nulls += 1 }
        states[fieldIndex].missing += 1
        states[fieldIndex].isNull = true
        if fields[fieldIndex].constraints.required {
            add(.constraintError, row: rowNumber, field: fields[fieldIndex].name,
                severity: severity(.constraintError, field: fieldIndex, check: "required"),
                cell: cell(), message: "a value is required")
        }
    }

    /// Checks one present cell; returns true when it repeats a value of a unique field.
    @inline(__always)
    private func checkCell(_ bytes: ByteRun, _ plans: ElementTable<CellPlan>, _ fields: ElementTable<TableField>,
                           _ states: ElementTable<FieldState>, _ fieldIndex: Int, rowNumber: Int) -> Bool {
        // By reference: a plan is ~200 bytes, and copying it per cell showed up as memmove.
        // Unchecked: `fieldIndex` is a slot's field, checked against the tables in prepare().
        let plan = plans.ref(unchecked: fieldIndex)
        if plan.value.missing.contains(bytes) {
            noteMissing(bytes, fields, states, fieldIndex, rowNumber: rowNumber)
            return false
        }
        // Fast paths: the planned kinds are cast and checked without building a
        // `CellValue`, which is only made when a fingerprint needs it.
        switch plan.value.operation {
        case .text:
            return plan.value.fingerprints ? remember(.text, bytes, fields, states, fieldIndex) : false
        case .checkedText:
            let failed = TableChecker.checkText(bytes, plan, fields.ref(fieldIndex))
            if failed != 0 { reportPlanned(failed, fields, states, fieldIndex, bytes, rowNumber: rowNumber) }
            return plan.value.fingerprints ? remember(.text, bytes, fields, states, fieldIndex) : false
        case .integer:
            guard let integer = CellCaster.plainInteger(bytes), bytes.count == 1 || bytes[0] != ASCII.zero else { break }
            let number = Double(integer)
            if !(number >= plan.value.low && number <= plan.value.high) {
                reportBounds(number, plan, fields, states, fieldIndex, bytes, rowNumber: rowNumber)
            }
            return plan.value.fingerprints ? rememberInteger(integer, bytes, fields, states, fieldIndex) : false
        case .number:
            let count = bytes.count
            guard count > 0, bytes[0] != ASCII.zero || count == 1 || bytes[1] == ASCII.period else { break }
            // Whole numbers around the value inside the bounds settle it without its digits.
            if !plan.value.fingerprints, let range = CellCaster.decimalRange(bytes),
               range.low >= plan.value.low && range.high <= plan.value.high {
                return false
            }
            guard let digits = CellCaster.quickDecimal(bytes) else { break }
            // Well inside the bounds, a reading a few units off in the last place is
            // inside too; near a bound, or for a fingerprint, read it exactly.
            let quick = digits.approximate
            let inside = quick >= plan.value.safeLow && quick <= plan.value.safeHigh
            if inside && !plan.value.fingerprints { return false }
            let number = digits.exact ?? CellCaster.parseDecimal(bytes) ?? quick
            if !inside && !(number >= plan.value.low && number <= plan.value.high) {
                reportBounds(number, plan, fields, states, fieldIndex, bytes, rowNumber: rowNumber)
            }
            return plan.value.fingerprints ? remember(.number(number), bytes, fields, states, fieldIndex) : false
        case .date:
            if plan.value.fingerprints {
                guard let day = CellCaster.isoDate(bytes) else { break }
                return remember(.date(day), bytes, fields, states, fieldIndex)
            }
            guard CellCaster.isoDateParts(bytes) != nil else { break }
            return false
        case .other:
            break
        }
        return checkGeneralCell(bytes, plan, fields, states, fieldIndex, rowNumber: rowNumber)
    }

    /// A missing cell, out of line: the per-cell path keeps a small frame.
    @inline(never)
    private func noteMissing(_ bytes: ByteRun, _ fields: ElementTable<TableField>,
                             _ states: ElementTable<FieldState>, _ fieldIndex: Int, rowNumber: Int) {
        noteNull(fields, states, fieldIndex, empty: bytes.isEmpty, rowNumber: rowNumber, cell: ViolationLog.text(bytes))
    }

    /// The general path, out of line: casting through the field's caster, every declared
    /// constraint, type errors. Returns true when the cell repeats a value of a unique field.
    @inline(never)
    private func checkGeneralCell(_ bytes: ByteRun, _ plan: ElementRef<CellPlan>, _ fields: ElementTable<TableField>,
                                  _ states: ElementTable<FieldState>, _ fieldIndex: Int, rowNumber: Int) -> Bool {
        guard let value = TableChecker.cast(bytes, plan, fields.ref(fieldIndex)) else {
            states[fieldIndex].invalid += 1
            states[fieldIndex].isNull = true
            add(.typeError, row: rowNumber, field: fields[fieldIndex].name, severity: severity(.typeError, field: fieldIndex, check: "type"),
                cell: ViolationLog.text(bytes), message: TableChecker.typeMessage(fields[fieldIndex]))
            return false
        }
        checkConstraints(value, bytes, plan, fields, states, fieldIndex, rowNumber: rowNumber)
        return plan.value.fingerprints ? remember(value, bytes, fields, states, fieldIndex) : false
    }

    /// Reports the broken planned constraints (`failed`, bits of `plannedOrder`) of a cell.
    @inline(never)
    private func reportPlanned(_ failed: UInt16, _ fields: ElementTable<TableField>, _ states: ElementTable<FieldState>,
                               _ fieldIndex: Int, _ bytes: ByteRun, rowNumber: Int) {
        states[fieldIndex].invalid += 1
        for (bit, name) in TableChecker.plannedOrder.enumerated() where failed & (1 << bit) != 0 {
            reportConstraint(name, fields, fieldIndex, bytes, rowNumber: rowNumber)
        }
    }

    /// Reports the numeric bounds a value outside `low...high` breaks.
    @inline(never)
    private func reportBounds(_ number: Double, _ plan: ElementRef<CellPlan>, _ fields: ElementTable<TableField>,
                              _ states: ElementTable<FieldState>, _ fieldIndex: Int, _ bytes: ByteRun,
                              rowNumber: Int) {
        let failed = TableChecker.checkBounds(number, plan)
        if failed != 0 { reportPlanned(failed, fields, states, fieldIndex, bytes, rowNumber: rowNumber) }
    }

    /// Notes an integer of a fingerprinted field: dense values go to the field's bitmap.
    /// Returns true when it repeats a value of a unique field.
    @inline(__always)
    private func rememberInteger(_ integer: Int, _ bytes: ByteRun, _ fields: ElementTable<TableField>,
                                 _ states: ElementTable<FieldState>, _ fieldIndex: Int) -> Bool {
        let state = states.ref(fieldIndex)
        if !state.value.inKey, state.value.bitmap != nil,
           let inserted = state.value.bitmap!.insert(integer) {  // `!`: checked on the left
            return inserted ? false : noteRepeat(fields, states, fieldIndex)
        }
        return remember(.integer(integer), bytes, fields, states, fieldIndex)
    }

    /// Notes the value of a fingerprinted field: its key fingerprint, and whether it was
    /// seen before. Returns true when it repeats a value of a unique field.
    @inline(never)
    private func remember(_ value: CellValue, _ bytes: ByteRun, _ fields: ElementTable<TableField>,
                          _ states: ElementTable<FieldState>, _ fieldIndex: Int) -> Bool {
        let state = states.ref(fieldIndex)
        if state.value.inKey {
            state.value.fingerprint = Fingerprint.of(value, bytes: bytes)
            state.value.isNull = false
        }
        var isNew = true
        if state.value.bitmap != nil, case .integer(let integer) = value,
           let inserted = state.value.bitmap!.insert(integer) {  // `!`: checked on the left
            isNew = inserted
        } else if state.value.seen != nil {
            let fingerprint = state.value.inKey ? state.value.fingerprint : Fingerprint.of(value, bytes: bytes)
            isNew = state.value.seen!.insert(fingerprint)  // `!`: checked on the left
        }
        return isNew ? false : noteRepeat(fields, states, fieldIndex)
    }

    /// Counts a repeated value; true when the field is unique (the row reports it).
    private func noteRepeat(_ fields: ElementTable<TableField>, _ states: ElementTable<FieldState>, _ fieldIndex: Int) -> Bool {
        states[fieldIndex].duplicates += 1
        guard fields[fieldIndex].constraints.unique else { return false }
        uniqueHits.append(fieldIndex)
        return true
    }

    private func checkConstraints(_ value: CellValue, _ bytes: ByteRun, _ plan: ElementRef<CellPlan>,
                                  _ fields: ElementTable<TableField>, _ states: ElementTable<FieldState>,
                                  _ fieldIndex: Int, rowNumber: Int) {
        guard plan.value.checksValues else { return }
        if plan.value.generalConstraints {
            var broken = false
            fields[fieldIndex].constraints.check(value, bytes: bytes) { name in
                broken = true
                reportConstraint(name, fields, fieldIndex, bytes, rowNumber: rowNumber)
            }
            if broken { states[fieldIndex].invalid += 1 }
            return
        }
        let failed = TableChecker.checkPlanned(value, bytes, plan, fields.ref(fieldIndex))
        if failed != 0 {
            states[fieldIndex].invalid += 1
            for (bit, name) in TableChecker.plannedOrder.enumerated() where failed & (1 << bit) != 0 {
                reportConstraint(name, fields, fieldIndex, bytes, rowNumber: rowNumber)
            }
        }
    }

    private func checkKeys(_ states: ElementTable<FieldState>, rowNumber: Int) {
        let schema = contract.schema
        if !schema.primaryKey.isEmpty {
            if let fingerprint = keyFingerprint(schema.primaryKey, states) {
                if primarySet?.insert(fingerprint) == false {
                    add(.primaryKey, row: rowNumber, field: keyName(schema.primaryKey), severity: severity(.primaryKey),
                        message: "the primary key (\(keyName(schema.primaryKey))) repeats an earlier row")
                }
            } else {
                // The spec: primary key cells cannot be null.
                add(.primaryKey, row: rowNumber, field: keyName(schema.primaryKey), severity: severity(.primaryKey),
                    message: "a cell of the primary key (\(keyName(schema.primaryKey))) is null")
            }
        }
        for (index, key) in schema.uniqueKeys.enumerated() {
            // Rows with a null in the key are left out, as SQL unique constraints do.
            guard let fingerprint = keyFingerprint(key, states) else { continue }
            if !uniqueKeySets[index].insert(fingerprint) {
                add(.uniqueError, row: rowNumber, field: keyName(key), severity: severity(.uniqueError),
                    message: "the values of (\(keyName(key))) already appeared together in an earlier row")
            }
        }
        for (index, foreignKey) in schema.foreignKeys.enumerated() {
            if let referenced = keyFingerprint(foreignKey.reference, states) { _ = referenceSets[index].insert(referenced) }
            if let fingerprint = keyFingerprint(foreignKey.fields, states), !referenceSets[index].contains(fingerprint) {
                pendingReferences[index].append((rowNumber, fingerprint))
            }
        }
        for index in 0..<fields.count where states[index].inKey { states[index].isNull = true }
    }

    /// The combined fingerprint of a key's cells in this row, nil when one is null.
    private func keyFingerprint(_ key: [Int], _ states: ElementTable<FieldState>) -> UInt64? {
        var state: UInt64 = 0x5151
        for index in key {
            if states[index].isNull { return nil }
            state = Fingerprint.combine(state, states[index].fingerprint)
        }
        return state
    }

    func keyName(_ key: [Int]) -> String {
        key.map { fields[$0].name }.joined(separator: ",")
    }
}
