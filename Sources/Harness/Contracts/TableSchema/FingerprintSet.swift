/// A set of 64-bit fingerprints in one flat open-addressing table (linear probing).
///
/// Eight bytes a value and no per-entry allocation: ten million keys take about 107 MB
/// at the 0.75 load it grows at, where `Set<UInt64>` would take twice that while it
/// rehashes. Sized ahead from an estimate of the row count when there is one.
struct FingerprintSet {
    private var slots: [UInt64]
    private(set) var count = 0
    private var limit: Int

    init(expectedCount: Int = 1024) {
        let capacity = max(16, Int(Double(max(expectedCount, 1)) / 0.75) + 1)
        slots = [UInt64](repeating: 0, count: capacity)
        limit = Int(Double(capacity) * 0.75)
    }

    /// Inserts `fingerprint`; returns false when it was already there.
    @inline(__always)
    mutating func insert(_ fingerprint: UInt64) -> Bool {
        // 0 marks an empty slot, so the one fingerprint 0 is stored as 1.
        let key = fingerprint == 0 ? 1 : fingerprint
        if count >= limit { grow() }
        let capacity = slots.count
        var index = Int(truncatingIfNeeded: key.multipliedFullWidth(by: UInt64(capacity)).high)
        // A span of the slots: indexed with bounds checks, without the array's
        // uniqueness check on every store.
        var table = slots.mutableSpan
        while true {
            let slot = table[index]
            if slot == 0 {
                table[index] = key
                count += 1
                return true
            }
            if slot == key { return false }
            index += 1
            if index == capacity { index = 0 }
        }
    }

    /// Loads the slots where `fingerprints` would go, one after another without waiting on
    /// each, so that a batch's cache misses overlap; returns their sum (for the caller to
    /// keep, so that the loads are not optimised away).
    func touch(_ fingerprints: Span<UInt64>) -> UInt64 {
        let capacity = UInt64(slots.count)
        let table = slots.span
        var sum: UInt64 = 0
        for item in fingerprints.indices {
            sum &+= table[Int(truncatingIfNeeded: fingerprints[item].multipliedFullWidth(by: capacity).high)]
        }
        return sum
    }

    func contains(_ fingerprint: UInt64) -> Bool {
        let key = fingerprint == 0 ? 1 : fingerprint
        let capacity = slots.count
        var index = Int(truncatingIfNeeded: key.multipliedFullWidth(by: UInt64(capacity)).high)
        while true {
            let slot = slots[index]
            if slot == 0 { return false }
            if slot == key { return true }
            index += 1
            if index == capacity { index = 0 }
        }
    }

    /// Calls `body` with every fingerprint held (0 shows as 1, as it is stored).
    func forEach(_ body: (UInt64) -> Void) {
        for key in slots where key != 0 { body(key) }
    }

    /// Doubles the table. The slot a key goes to rises with the key (the high half of
    /// key × capacity), so the old slots, read in order, fill the new ones nearly in order:
    /// the copy streams through memory instead of missing the cache on every key.
    private mutating func grow() {
        let capacity = slots.count * 2 + 16
        var fresh = [UInt64](repeating: 0, count: capacity)
        let previous = slots
        do {
            var table = fresh.mutableSpan
            let old = previous.span
            for item in old.indices {
                let key = old[item]
                if key == 0 { continue }
                var index = Int(truncatingIfNeeded: key.multipliedFullWidth(by: UInt64(capacity)).high)
                while table[index] != 0 {
                    index += 1
                    if index == capacity { index = 0 }
                }
                table[index] = key
            }
        }
        slots = fresh
        limit = Int(Double(capacity) * 0.75)
    }
}
