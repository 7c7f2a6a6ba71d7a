/// The expected file's rows by key, in bounded memory: per row a 24-byte hash-table slot
/// (key hash, whole-row hash, row index, matched flag) and an 8-byte location (offset
/// and length, to re-read the row with pread). With the table at most 3/4 full that is
/// 40 to 72 bytes per expected row, whatever the row length (about 480 MB for 10 million
/// rows); the rows themselves are never held.
struct CSVKeyIndex {
    struct Slot {
        var keyHash: UInt64 = 0
        var rowHash: UInt64 = 0
        /// Row index + 1; 0 for an empty slot.
        var entry: UInt32 = 0
        var matched: UInt32 = 0
    }

    private(set) var slots: [Slot]
    private var mask: Int
    /// Per row: file offset << 26 | record length (records are at most 64 MiB).
    private(set) var locations: [UInt64] = []

    static let lengthBits: UInt64 = 26
    static let maxRows = Int(UInt32.max - 1)

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
        let entry = UInt32(count + 1)
        locations.append(UInt64(offset) << Self.lengthBits | UInt64(length))
        place(Slot(keyHash: keyHash, rowHash: rowHash, entry: entry, matched: 0))
    }

    /// Slots holding `keyHash`, in probe order (usually one).
    func candidates(_ keyHash: UInt64, _ body: (Int) throws -> Bool) rethrows {
        var index = Int(truncatingIfNeeded: keyHash) & mask
        while slots[index].entry != 0 {
            if slots[index].keyHash == keyHash, try body(index) { return }
            index = (index + 1) & mask
        }
    }

    mutating func markMatched(_ slot: Int) {
        slots[slot].matched = 1
    }

    private mutating func place(_ slot: Slot) {
        var index = Int(truncatingIfNeeded: slot.keyHash) & mask
        while slots[index].entry != 0 { index = (index + 1) & mask }
        slots[index] = slot
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(), count: old.count * 2)
        mask = slots.count - 1
        for slot in old where slot.entry != 0 { place(slot) }
    }

    /// Row indexes never matched, in file order.
    func unmatchedRows() -> [Int] {
        slots.compactMap { $0.entry != 0 && $0.matched == 0 ? Int($0.entry) - 1 : nil }.sorted()
    }
}
