/// Casting and constraint checks of one cell by its plan, and the messages they report.
extension TableChecker {
    /// Numeric bounds of a plan, as bits of `plannedOrder`.
    @inline(__always)
    static func checkBounds(_ number: Double, _ plan: ElementRef<CellPlan>) -> UInt16 {
        var failed: UInt16 = 0
        if number.isNaN { return 0 }
        if plan.value.hasMinimum && number < plan.value.minimum { failed |= 1 << 0 }
        if plan.value.hasMaximum && number > plan.value.maximum { failed |= 1 << 1 }
        if plan.value.hasExclusiveMinimum && number <= plan.value.exclusiveMinimum { failed |= 1 << 2 }
        if plan.value.hasExclusiveMaximum && number >= plan.value.exclusiveMaximum { failed |= 1 << 3 }
        return failed
    }

    /// Numeric bounds of an integer beyond 64 bits, as bits of `plannedOrder`: a `Double`
    /// would round it (and `99999999999999999999` once passed `maximum: 10`), so it is
    /// compared digit by digit with the declared bounds.
    @inline(never)
    static func checkBoundsExactly(_ value: CellValue, _ constraints: FieldConstraints) -> UInt16 {
        var failed: UInt16 = 0
        func order(_ bound: CellValue?) -> Int? { bound.flatMap { CellValue.compare(value, $0) } }
        if let order = order(constraints.minimum), order < 0 { failed |= 1 << 0 }
        if let order = order(constraints.maximum), order > 0 { failed |= 1 << 1 }
        if let order = order(constraints.exclusiveMinimum), order <= 0 { failed |= 1 << 2 }
        if let order = order(constraints.exclusiveMaximum), order >= 0 { failed |= 1 << 3 }
        return failed
    }

    /// Length, pattern and enum of a text cell, as bits of `plannedOrder`.
    @inline(__always)
    static func checkText(_ bytes: ByteRun, _ plan: ElementRef<CellPlan>, _ field: ElementRef<TableField>) -> UInt16 {
        var failed: UInt16 = 0
        if plan.value.minLength >= 0 || plan.value.maxLength < Int.max {
            var length = 0
            for byte in bytes where byte & 0xC0 != 0x80 { length += 1 }
            if length < plan.value.minLength { failed |= 1 << 4 }
            if length > plan.value.maxLength { failed |= 1 << 5 }
        }
        if let pattern = plan.value.pattern {
            // `!`: a plan has an automaton only for a field with a pattern.
            let matched = pattern.matches(bytes) ?? field.value.constraints.pattern!.generalMatch(bytes)
            if !matched { failed |= 1 << 6 }
        }
        if let texts = plan.value.enumTexts, !texts.contains(bytes) { failed |= 1 << 7 }
        return failed
    }

    /// Casts by the plan's fast paths; anything they do not cover goes through the field's
    /// caster, which gives the same answer.
    @inline(__always)
    static func cast(_ bytes: ByteRun, _ plan: ElementRef<CellPlan>, _ field: ElementRef<TableField>) -> CellValue? {
        let count = bytes.count
        switch plan.value.kind {
        case .text:
            return .text
        case .integer:
            if let number = CellCaster.plainInteger(bytes), count == 1 || bytes[0] != ASCII.zero { return .integer(number) }
        case .number:
            if count > 0, bytes[0] != ASCII.zero || count == 1 || bytes[1] == ASCII.period, !CellCaster.isSpace(bytes[0]),
               let number = CellCaster.parseDecimal(bytes) {
                return .number(number)
            }
        case .boolean:
            return CellCaster.defaultBoolean(bytes).map { .boolean($0) }
        case .date:
            return CellCaster.isoDate(bytes).map { .date($0) }
        case .datetime:
            return CellCaster.isoDatetime(bytes).map { .datetime(seconds: $0.seconds, nanos: $0.nanos) }
        case .time:
            return CellCaster.isoTime(bytes).map { .time($0) }
        case .general:
            break
        }
        return field.value.caster.cast(bytes)
    }

    func reportConstraint(_ name: FieldConstraints.Name, _ fields: ElementTable<TableField>, _ fieldIndex: Int,
                                  _ bytes: ByteRun, rowNumber: Int) {
        add(.constraintError, row: rowNumber, field: fields[fieldIndex].name,
            severity: severity(.constraintError, field: fieldIndex, check: name.rawValue),
            cell: ViolationLog.text(bytes), message: TableChecker.constraintMessage(name, fields[fieldIndex]))
    }

    /// The constraints a plan checks, by bit, in the order the general path reports them.
    static let plannedOrder: [FieldConstraints.Name] = [.minimum, .maximum, .exclusiveMinimum, .exclusiveMaximum,
                                                         .minLength, .maxLength, .pattern, .enum]

    /// The constraints a plan checks itself; returns a bit per broken one (`plannedOrder`).
    @inline(__always)
    static func checkPlanned(_ value: CellValue, _ bytes: ByteRun, _ plan: ElementRef<CellPlan>,
                             _ field: ElementRef<TableField>) -> UInt16 {
        var failed: UInt16 = 0
        if plan.value.numericBounds {
            switch value {
            case .integer(let integer): failed |= checkBounds(Double(integer), plan)
            case .number(let number): failed |= checkBounds(number, plan)
            case .bigInteger: failed |= checkBoundsExactly(value, field.value.constraints)
            default: break
            }
        }
        return failed | checkText(bytes, plan, field)
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
