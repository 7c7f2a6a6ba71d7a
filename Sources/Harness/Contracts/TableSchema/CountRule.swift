/// A bound on a count, in the operators of the Open Data Contract Standard's quality
/// rules: `mustBe`, `mustNotBe`, `mustBeGreaterThan`, `mustBeGreaterOrEqualTo`,
/// `mustBeLessThan`, `mustBeLessOrEqualTo`, `mustBeBetween`, `mustNotBeBetween` (both
/// bounds inclusive). Several operators in one rule must all hold.
struct CountRule: Sendable, Equatable {
    enum Operator: String, CaseIterable, Sendable {
        case mustBe, mustNotBe, mustBeGreaterThan, mustBeGreaterOrEqualTo
        case mustBeLessThan, mustBeLessOrEqualTo, mustBeBetween, mustNotBeBetween
    }

    var checks: [(Operator, Double, Double)] = []

    static func == (lhs: CountRule, rhs: CountRule) -> Bool {
        lhs.checks.elementsEqual(rhs.checks) { $0.0 == $1.0 && $0.1 == $1.1 && $0.2 == $1.2 }
    }

    /// The first operator `value` breaks, described ("must be between 1 and 10"), or nil.
    func failure(for value: Double) -> String? {
        for (op, low, high) in checks {
            let holds: Bool
            switch op {
            case .mustBe: holds = value == low
            case .mustNotBe: holds = value != low
            case .mustBeGreaterThan: holds = value > low
            case .mustBeGreaterOrEqualTo: holds = value >= low
            case .mustBeLessThan: holds = value < low
            case .mustBeLessOrEqualTo: holds = value <= low
            case .mustBeBetween: holds = value >= low && value <= high
            case .mustNotBeBetween: holds = value < low || value > high
            }
            if !holds { return CountRule.describe(op, low, high) }
        }
        return nil
    }

    static func describe(_ op: Operator, _ low: Double, _ high: Double) -> String {
        switch op {
        case .mustBe: return "must be \(format(low))"
        case .mustNotBe: return "must not be \(format(low))"
        case .mustBeGreaterThan: return "must be greater than \(format(low))"
        case .mustBeGreaterOrEqualTo: return "must be at least \(format(low))"
        case .mustBeLessThan: return "must be less than \(format(low))"
        case .mustBeLessOrEqualTo: return "must be at most \(format(low))"
        case .mustBeBetween: return "must be between \(format(low)) and \(format(high))"
        case .mustNotBeBetween: return "must not be between \(format(low)) and \(format(high))"
        }
    }

    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}

/// A field-level `contract:quality` rule: a metric over the whole column, bounded.
struct QualityRule: Sendable, Equatable {
    enum Metric: String, CaseIterable, Sendable {
        /// Empty cells and cells absent from short rows.
        case nullValues
        /// Cells whose text is one of the field's missing values, and absent cells.
        case missingValues
        /// Non-null cells with a type error or a broken constraint.
        case invalidValues
        /// Non-null cells whose value already appeared above them.
        case duplicateValues
    }

    enum Unit: String, CaseIterable, Sendable { case rows, percent }

    var metric: Metric
    var rule: CountRule
    var unit = Unit.rows
    var severity = ContractViolation.Severity.error
}
