/// Whether a column's values have all differed so far, in bounded memory (the design note
/// of `ColumnProfile` says how).
struct UniqueTracker {
    enum State: Equatable {
        case tracking
        case repeated
        /// Too many values for the budget, or an order that broke after the values it kept.
        case overBudget
        case orderBroke(row: Int)
    }

    private(set) var state = State.tracking
    private var set: FingerprintSet? = FingerprintSet()
    /// Whether every value so far was a number, in strict order.
    private var ordered = true
    /// 1 ascending, -1 descending, 0 not known yet.
    private var direction = 0
    private var last = 0.0
    private var count = 0
    /// Ordered values kept in the set before they are trusted to stay in order.
    static let orderedKept = 65_536

    var tracking: Bool { state == .tracking }

    mutating func add(_ fingerprint: UInt64, ordinal: Double?, row: Int, budget: inout Int) {
        if ordered {
            if let value = ordinal, count == 0 || inOrder(value) {
                last = value
                count += 1
                if count <= UniqueTracker.orderedKept && budget > 0 {
                    insert(fingerprint, budget: &budget)
                } else if let kept = set {
                    budget += kept.count
                    set = nil
                }
                return
            }
            if count > 0, let value = ordinal, value == last {
                finish(.repeated, budget: &budget)
                return
            }
            ordered = false
            guard set != nil else {
                finish(.orderBroke(row: row), budget: &budget)
                return
            }
        }
        insert(fingerprint, budget: &budget)
    }

    private mutating func inOrder(_ value: Double) -> Bool {
        if direction == 0 {
            if value == last { return false }
            direction = value > last ? 1 : -1
            return true
        }
        return direction > 0 ? value > last : value < last
    }

    private mutating func insert(_ fingerprint: UInt64, budget: inout Int) {
        guard set != nil else { return }
        if budget <= 0 {
            finish(.overBudget, budget: &budget)
            return
        }
        if set?.insert(fingerprint) == false {
            finish(.repeated, budget: &budget)
            return
        }
        budget -= 1
    }

    private mutating func finish(_ end: State, budget: inout Int) {
        state = end
        budget += set?.count ?? 0
        set = nil
    }
}
