/// What parallel validation needs from a checker: its sets, read-only, to find values of
/// a later stretch that repeat an earlier one, and its counters, to add up.
extension TableChecker {
    /// Whether a field's value was seen in this checker's rows.
    func hasSeen(field: Int, value: CellValue, fingerprint: @autoclosure () -> UInt64) -> Bool {
        guard let states else { return false }
        if let bitmap = states[field].bitmap, case .integer(let integer) = value, let seen = bitmap.contains(integer) {
            return seen
        }
        return states[field].seen?.contains(fingerprint()) ?? false
    }

    func hasPrimaryKey(_ fingerprint: UInt64) -> Bool {
        primarySet?.contains(fingerprint) ?? false
    }

    func hasUniqueKey(_ index: Int, _ fingerprint: UInt64) -> Bool {
        uniqueKeySets[index].contains(fingerprint)
    }

    /// Whether a value, primary key or unique key of this checker's rows may also be in
    /// `earlier`'s: false lets a parallel check skip its second pass. Integer values that
    /// fell outside the bitmap are kept only as fingerprints, which cannot be looked up in
    /// the other stretch's bitmap, so they answer true.
    func mayShareValues(with earlier: TableChecker) -> Bool {
        guard let states, let theirs = earlier.states else { return false }
        for index in 0..<fields.count {
            if let bitmap = states[index].bitmap {
                if (states[index].seen?.count ?? 0) > 0 { return true }
                // Ids of different stretches rarely overlap: when both keep every value in
                // their bitmaps, disjoint ranges settle it without visiting the values.
                if (theirs[index].seen?.count ?? 0) == 0, let mine = bitmap.range {
                    guard let other = theirs[index].bitmap?.range, mine.overlaps(other) else { continue }
                }
                var shared = false
                bitmap.forEach { value in
                    if !shared && earlier.hasSeen(field: index, value: .integer(value),
                                                  fingerprint: Fingerprint.of(.integer(value), bytes: .empty)) {
                        shared = true
                    }
                }
                if shared { return true }
            } else if let seen = states[index].seen, let other = theirs[index].seen {
                var shared = false
                seen.forEach { key in if !shared && other.contains(key) { shared = true } }
                if shared { return true }
            }
        }
        if let mine = primarySet, let other = earlier.primarySet {
            var shared = false
            mine.forEach { key in if !shared && other.contains(key) { shared = true } }
            if shared { return true }
        }
        for (index, set) in uniqueKeySets.enumerated() {
            var shared = false
            set.forEach { key in if !shared && earlier.uniqueKeySets[index].contains(key) { shared = true } }
            if shared { return true }
        }
        return false
    }

    /// Adds another checker's per-field counters (nulls, missing, invalid, duplicates).
    func absorbCounters(from other: TableChecker, extraDuplicates: [Int: Int] = [:]) {
        prepare()
        other.prepare()
        // `!`: prepare() set both.
        let mine = states!, theirs = other.states!
        for index in 0..<fields.count {
            mine[index].nulls += theirs[index].nulls
            mine[index].missing += theirs[index].missing
            mine[index].invalid += theirs[index].invalid
            mine[index].duplicates += theirs[index].duplicates + (extraDuplicates[index] ?? 0)
        }
        rowsChecked += other.rowsChecked
    }

    /// Checks one row of a later stretch against the sets of the stretches before it:
    /// a value, primary key or unique key that repeats an earlier stretch's is reported at
    /// its first occurrence in this stretch (later ones were reported by this stretch's own
    /// pass). `firsts` remembers which repeats were reported already.
    func crossCheck<Record: TableRecord>(_ record: Record, row: Int, earlier: [TableChecker], firsts: inout FingerprintSet,
                                         duplicates: inout [Int: Int], into log: ViolationLog) {
        prepare()
        // `!`: prepare() set all three.
        let plans = plans!, states = states!, slotStore = slotStore!
        let count = record.cellCount
        var values: [Int: (CellValue, UInt64)] = [:]
        for index in 0..<slots.count {
            let slot = slotStore[index]
            let plan = plans.ref(slot.field)
            guard plan.value.fingerprints, slot.column < count else { continue }
            let bytes = record.cell(slot.column)
            // `!`: prepare() set the field store above.
            guard !plan.value.missing.contains(bytes), let value = TableChecker.cast(bytes, plan, fieldStore!.ref(slot.field)) else { continue }
            values[slot.field] = (value, Fingerprint.of(value, bytes: bytes))
        }
        for (field, (value, fingerprint)) in values.sorted(by: { $0.key < $1.key }) where states[field].seen != nil {
            guard earlier.contains(where: { $0.hasSeen(field: field, value: value, fingerprint: fingerprint) }),
                  firsts.insert(Fingerprint.combine(UInt64(field), fingerprint)) else { continue }
            duplicates[field, default: 0] += 1
            if fields[field].constraints.unique {
                log.add(.uniqueError, row: row, field: fields[field].name, severity: severity(.uniqueError, field: field, check: "unique"),
                        message: "the value of \"\(fields[field].name)\" already appeared in an earlier row")
            }
        }
        func key(_ indices: [Int]) -> UInt64? {
            var state: UInt64 = 0x5151
            for index in indices {
                guard let (_, fingerprint) = values[index] else { return nil }
                state = Fingerprint.combine(state, fingerprint)
            }
            return state
        }
        let schema = contract.schema
        if !schema.primaryKey.isEmpty, let fingerprint = key(schema.primaryKey),
           earlier.contains(where: { $0.hasPrimaryKey(fingerprint) }), firsts.insert(Fingerprint.combine(0xFFFF, fingerprint)) {
            log.add(.primaryKey, row: row, field: keyName(schema.primaryKey), severity: severity(.primaryKey),
                    message: "the primary key (\(keyName(schema.primaryKey))) repeats an earlier row")
        }
        for (index, unique) in schema.uniqueKeys.enumerated() {
            guard let fingerprint = key(unique), earlier.contains(where: { $0.hasUniqueKey(index, fingerprint) }),
                  firsts.insert(Fingerprint.combine(0xFFFF_0000 + UInt64(index), fingerprint)) else { continue }
            log.add(.uniqueError, row: row, field: keyName(unique), severity: severity(.uniqueError),
                    message: "the values of (\(keyName(unique))) already appeared together in an earlier row")
        }
    }
}
