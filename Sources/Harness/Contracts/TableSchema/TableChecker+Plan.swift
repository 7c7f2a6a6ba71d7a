/// Compiles each field into the `CellPlan` the per-cell path reads.
extension TableChecker {
    static func plan(for field: TableField, missing: [[UInt8]], fingerprints: Bool, storage: PlanStorage) -> CellPlan {
        var plan = CellPlan(missing: storage.textPlan(missing))
        let caster = field.caster
        let defaults = CellCaster(type: caster.type)
        switch caster.type {
        case .any: plan.kind = .text
        case .string: plan.kind = caster.format == "default" ? .text : .general
        case .integer: plan.kind = caster.bareNumber && caster.groupChar.isEmpty ? .integer : .general
        case .number: plan.kind = caster.numberOptionsDeclared ? .general : .number
        case .boolean: plan.kind = caster.trueValues == defaults.trueValues && caster.falseValues == defaults.falseValues ? .boolean : .general
        case .date, .datetime, .time:
            if caster.format == "default" && caster.pattern == nil {
                plan.kind = caster.type == .date ? .date : (caster.type == .time ? .time : .datetime)
            }
        default: plan.kind = .general
        }
        let constraints = field.constraints
        plan.required = constraints.required
        plan.fingerprints = fingerprints
        guard constraints.checksValues else { return withOperation(plan) }
        var general = constraints.categories != nil
        switch plan.kind {
        case .integer, .number:
            if constraints.enumValues != nil || constraints.minLength != nil || constraints.maxLength != nil || constraints.pattern != nil { general = true }
            func bound(_ value: CellValue?) -> Double?? {
                guard let value else { return .some(nil) }
                switch value {
                case .integer(let number) where abs(number) < (1 << 53): return .some(Double(number))
                case .number(let number): return .some(number)
                default: return nil
                }
            }
            if let minimum = bound(constraints.minimum), let maximum = bound(constraints.maximum),
               let exclusiveMinimum = bound(constraints.exclusiveMinimum), let exclusiveMaximum = bound(constraints.exclusiveMaximum) {
                plan.numericBounds = true
                if let minimum { plan.minimum = minimum; plan.hasMinimum = true }
                if let maximum { plan.maximum = maximum; plan.hasMaximum = true }
                if let exclusiveMinimum { plan.exclusiveMinimum = exclusiveMinimum; plan.hasExclusiveMinimum = true }
                if let exclusiveMaximum { plan.exclusiveMaximum = exclusiveMaximum; plan.hasExclusiveMaximum = true }
            } else {
                general = true
            }
        case .text:
            if constraints.minimum != nil || constraints.maximum != nil || constraints.exclusiveMinimum != nil || constraints.exclusiveMaximum != nil {
                general = true
            }
            if let minLength = constraints.minLength { plan.minLength = minLength }
            if let maxLength = constraints.maxLength { plan.maxLength = maxLength }
            if constraints.enumValues != nil {
                if let texts = constraints.enumTexts { plan.enumTexts = storage.textLookup(texts.members) } else { general = true }
            }
            if let pattern = constraints.pattern {
                if let automaton = pattern.automaton { plan.pattern = automaton.plan } else { general = true }
            }
        default:
            general = true
        }
        if general {
            // The general path checks every constraint; the plan checks none of them.
            plan = CellPlan(kind: plan.kind, missing: plan.missing, required: plan.required, fingerprints: fingerprints, generalConstraints: true)
        }
        return withOperation(plan)
    }

    /// The plan with its operation and combined numeric interval set.
    private static func withOperation(_ planned: CellPlan) -> CellPlan {
        var plan = planned
        if plan.numericBounds {
            if plan.hasMinimum { plan.low = plan.minimum }
            if plan.hasExclusiveMinimum { plan.low = max(plan.low, plan.exclusiveMinimum.nextUp) }
            if plan.hasMaximum { plan.high = plan.maximum }
            if plan.hasExclusiveMaximum { plan.high = min(plan.high, plan.exclusiveMaximum.nextDown) }
            func margin(_ bound: Double) -> Double { bound.magnitude * 1e-12 + Double.leastNormalMagnitude }
            plan.safeLow = plan.low.isFinite ? plan.low + margin(plan.low) : plan.low
            plan.safeHigh = plan.high.isFinite ? plan.high - margin(plan.high) : plan.high
        }
        guard !plan.generalConstraints else { return plan }
        switch plan.kind {
        case .text: plan.operation = plan.checksValues ? .checkedText : .text
        case .integer: plan.operation = .integer
        case .number: plan.operation = .number
        // Planned dates, times, datetimes and booleans have no value constraints.
        case .date: plan.operation = .date
        case .boolean, .datetime, .time, .general: plan.operation = .other
        }
        return plan
    }
}
