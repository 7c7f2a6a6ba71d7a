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
    /// Fingerprints not yet in `set`: they go in `batch` at a time, after their slots were
    /// loaded together, so that a large set's cache misses overlap instead of following one
    /// another (the inserts were a fifth of describe's time on 10M rows). `flush` inserts the
    /// rest; `state` is final only after it.
    private var pending: [UInt64] = []
    /// What loading the slots summed, kept so that the loads are not optimised away.
    private var touched: UInt64 = 0
    static let batch = 64
    /// Whether every value so far was a number, in strict order.
    private var ordered = true
    /// 1 ascending, -1 descending, 0 not known yet.
    private var direction = 0
    private var last = 0.0
    private var count = 0
    /// Ordered values kept in the set before they are trusted to stay in order.
    static let orderedKept = 65_536

    var tracking: Bool { state == .tracking }
    /// Whether the values still go to a set (tracking, and not seen in strict order).
    var keepsValues: Bool { state == .tracking && !(ordered && count > 1) }

    mutating func add(_ fingerprint: UInt64, ordinal: Double?, row: Int, budget: inout Int) {
        if ordered {
            if let value = ordinal, count == 0 || inOrder(value) {
                last = value
                count += 1
                if count <= UniqueTracker.orderedKept && budget > 0 {
                    insert(fingerprint, budget: &budget)
                } else if let kept = set {
                    // In strict order, the values kept (and those pending) are distinct.
                    budget += kept.count + pending.count
                    set = nil
                    pending = []
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
        // Charged now, as when each went in at once: the budget runs out at the same value
        // wherever a batch ends.
        budget -= 1
        pending.append(fingerprint)
        if pending.count >= Self.batch { flush(budget: &budget) }
    }

    /// Inserts the fingerprints still pending, as `insert` would have one by one.
    mutating func flush(budget: inout Int) {
        guard !pending.isEmpty else { return }
        if let set { touched &+= set.touch(pending.span) }
        var index = 0
        while index < pending.count {
            if set?.insert(pending[index]) == false {
                // This one and those after it were charged but are not in the set.
                pending.removeFirst(index)
                finish(.repeated, budget: &budget)
                return
            }
            index += 1
        }
        pending.removeAll(keepingCapacity: true)
    }

    private mutating func finish(_ end: State, budget: inout Int) {
        state = end
        budget += (set?.count ?? 0) + pending.count
        set = nil
        pending = []
    }
}
