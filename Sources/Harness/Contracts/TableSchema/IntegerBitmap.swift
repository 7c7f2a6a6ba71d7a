/// Uniqueness for integer values in a window around the first one, one bit per value.
///
/// Integer identifiers are mostly dense (1, 2, 3 …), where a hash set's random probes miss
/// the cache on every row. A bitmap over a window of 8 values per expected row costs one
/// byte per row and is walked almost in order. Values outside the window go to the
/// fingerprint set instead; the split is by value, so a duplicate is always caught.
struct IntegerBitmap {
    private var words: [UInt64]
    private var base = 0
    private var started = false
    let bits: Int

    init(expectedRows: Int) {
        let wanted = max(expectedRows, 1024) * 8
        bits = (wanted + 63) / 64 * 64
        words = []
    }

    /// Whether `value` was inserted; nil when it is outside the window.
    func contains(_ value: Int) -> Bool? {
        guard started else { return false }
        let (offset, overflow) = value.subtractingReportingOverflow(base)
        guard !overflow, offset >= 0, offset < bits else { return nil }
        return words[offset >> 6] & (1 << UInt64(offset & 63)) != 0
    }

    /// The smallest and largest values inserted, nil when none was.
    var range: ClosedRange<Int>? {
        guard started else { return nil }
        guard let first = words.firstIndex(where: { $0 != 0 }), let last = words.lastIndex(where: { $0 != 0 }) else { return nil }
        let low = base &+ (first << 6) &+ words[first].trailingZeroBitCount
        let high = base &+ (last << 6) &+ (63 - words[last].leadingZeroBitCount)
        return low...high
    }

    /// Calls `body` with every value inserted, in increasing order.
    func forEach(_ body: (Int) -> Void) {
        guard started else { return }
        for (index, word) in words.enumerated() where word != 0 {
            var bits = word
            while bits != 0 {
                let bit = bits.trailingZeroBitCount
                body(base &+ (index << 6) &+ bit)
                bits &= bits &- 1
            }
        }
    }

    /// Inserts `value` when it falls in the window: true if new, false if seen before;
    /// nil when it is outside the window (the caller uses the fingerprint set).
    @inline(__always)
    mutating func insert(_ value: Int) -> Bool? {
        if !started {
            started = true
            // Room below the first value for ids that are not sorted.
            base = value.subtractingReportingOverflow(bits / 8).partialValue
            if base > value { base = Int.min }
            words = [UInt64](repeating: 0, count: bits / 64)
        }
        let (offset, overflow) = value.subtractingReportingOverflow(base)
        guard !overflow, offset >= 0, offset < bits else { return nil }
        let word = offset >> 6
        let mask: UInt64 = 1 << UInt64(offset & 63)
        // A span of the words: a bounds-checked store without the array's uniqueness check.
        var table = words.mutableSpan
        if table[word] & mask != 0 { return false }
        table[word] |= mask
        return true
    }
}
