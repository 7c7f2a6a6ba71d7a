/// The expected file's rows by key, in bounded memory: per row a 16-byte hash-table slot
/// (32 bits of the key hash, the row index with a matched flag, a 64-bit hash of the whole
/// row) and an 8-byte location (offset and length, to re-read the row with pread). With
/// the table between 3/8 and 3/4 full that is 29 to 51 bytes per expected row, whatever
/// the row length (about 350 MB for 10 million rows); the rows themselves are never held.
struct CSVKeyIndex {
    struct Slot {
        /// The key hash's high 32 bits; it also chooses the home slot (so the table can grow
        /// without the rows). Equal tags are verified by re-reading the rows, so a tag
        /// collision costs a pread, never a wrong match.
        var keyTag: UInt32 = 0
        /// Row index + 1 (0 for an empty slot), with `matchedBit` set once matched.
        var entry: UInt32 = 0
        var rowHash: UInt64 = 0

        var row: Int { Int(entry & ~CSVKeyIndex.matchedBit) - 1 }
        var matched: Bool { entry & CSVKeyIndex.matchedBit != 0 }
    }

    static let matchedBit: UInt32 = 1 << 31
    static let maxRows = Int(matchedBit - 2)
    static let lengthBits: UInt64 = 26

    private(set) var slots: [Slot]
    private var mask: Int
    /// Per row: file offset << 26 | record length (records are at most 64 MiB).
    private var locations: [UInt64] = []

    /// An index sized for about `expectedRows` rows (it grows past that).
    init(expectedRows: Int) {
        var capacity = 1024
        while capacity * 3 / 4 < expectedRows { capacity *= 2 }
        slots = Array(repeating: Slot(), count: capacity)
        mask = capacity - 1
        locations.reserveCapacity(expectedRows)
    }

    var count: Int { locations.count }

    /// Where row `index` is: its file offset and length.
    func location(of index: Int) -> (offset: Int, length: Int) {
        let packed = locations[index]
        return (Int(packed >> Self.lengthBits), Int(packed & ((1 << Self.lengthBits) - 1)))
    }

    /// Adds a row.
    mutating func insert(keyHash: UInt64, rowHash: UInt64, offset: Int, length: Int) {
        if (count + 1) * 4 > slots.count * 3 { grow() }
        locations.append(UInt64(offset) << Self.lengthBits | UInt64(length))
        place(Slot(keyTag: Self.tag(keyHash), entry: UInt32(count), rowHash: rowHash))
    }

    /// Calls `body` with each slot whose key tag matches `keyHash`, in probe order, until
    /// it returns true.
    func candidates(_ keyHash: UInt64, _ body: (Int) throws -> Bool) rethrows {
        let tag = Self.tag(keyHash)
        var index = home(tag)
        while slots[index].entry != 0 {
            if slots[index].keyTag == tag, try body(index) { return }
            index = (index + 1) & mask
        }
    }

    /// Loads the home slots of `keyHashes` together, so their cache misses overlap
    /// instead of stalling one row at a time (the table is far larger than the caches).
    func touch(_ keyHashes: UnsafeBufferPointer<UInt64>) -> UInt32 {
        var sum: UInt32 = 0
        slots.withUnsafeBufferPointer { slots in
            for hash in keyHashes { sum &+= slots[home(Self.tag(hash))].entry }
        }
        return sum
    }

    mutating func markMatched(_ slot: Int) {
        slots[slot].entry |= Self.matchedBit
    }

    /// Row indexes never matched, in file order.
    func unmatchedRows() -> [UInt32] {
        var rows: [UInt32] = []
        for slot in slots where slot.entry != 0 && !slot.matched { rows.append(UInt32(slot.row)) }
        return rows.sorted()
    }

    private static func tag(_ keyHash: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: keyHash >> 32)
    }

    /// The tag scaled to the table (multiply-shift keeps its high bits, which grow with it).
    @inline(__always)
    private func home(_ tag: UInt32) -> Int {
        Int(truncatingIfNeeded: (UInt64(tag) &* UInt64(slots.count)) >> 32)
    }

    private mutating func place(_ slot: Slot) {
        var index = home(slot.keyTag)
        while slots[index].entry != 0 { index = (index + 1) & mask }
        slots[index] = slot
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(), count: old.count * 2)
        mask = slots.count - 1
        for slot in old where slot.entry != 0 { place(slot) }
    }
}
