/// Exact membership of a cell in a set of texts (a text `enum`) with one hash probe and,
/// for members up to 16 bytes, two word compares: no loop over the members or their bytes.
///
/// A text is keyed by its length and two words that together cover all of its bytes: the
/// first and last eight bytes (9-16 bytes overlap; longer ones compare the middle with
/// memcmp), the first and last four (4-7), or the first, middle and last byte (1-3).
/// Equal length and words mean equal texts, so the table needs no second check.
/// The table and the member bytes live in a `PlanStorage`, which outlives every use.
struct TextLookup {
    struct Slot {
        /// -1 for an empty slot.
        var length: Int
        var first: UInt64
        var last: UInt64
        /// Where the member's bytes start in `bytes` (for members over 16 bytes).
        var offset: Int
    }

    let slots: ElementTable<Slot>
    let mask: Int
    /// The members' bytes, one after another (`Slot.offset`).
    let bytes: ByteRun
    let containsEmpty: Bool

    /// The two words that key `text` (not empty).
    @inline(__always)
    static func words(_ text: ByteRun) -> (UInt64, UInt64) {
        let count = text.count
        if count >= 8 {
            return (text.word(at: 0), text.word(at: count - 8))
        }
        if count >= 4 {
            return (UInt64(text.word32(at: 0)), UInt64(text.word32(at: count - 4)))
        }
        let first = UInt64(text[0])
        let middle = UInt64(text[count / 2])
        let last = UInt64(text[count - 1])
        return (first | middle << 8 | last << 16, 0)
    }

    @inline(__always)
    static func slotIndex(_ count: Int, _ words: (UInt64, UInt64), mask: Int) -> Int {
        let mixed = (words.0 ^ UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15) &* 0xFF51_AFD7_ED55_8CCD
            ^ words.1 &* 0xC4CE_B9FE_1A85_EC53
        return Int(truncatingIfNeeded: (mixed ^ (mixed >> 29)) >> 7) & mask
    }

    @inline(__always)
    func contains(_ cell: ByteRun) -> Bool {
        let count = cell.count
        guard count > 0 else { return containsEmpty }
        let key = TextLookup.words(cell)
        var index = TextLookup.slotIndex(count, key, mask: mask)
        while true {
            let slot = slots[index]
            if slot.length < 0 { return false }
            if slot.length == count && slot.first == key.0 && slot.last == key.1
                && (count <= 16 || bytes.run(slot.offset + 8..<slot.offset + count - 8).same(as: cell.run(8..<count - 8))) {
                return true
            }
            index = (index + 1) & mask
        }
    }
}

extension PlanStorage {
    /// A lookup for `texts`, its table at most a quarter full.
    func textLookup(_ texts: [[UInt8]]) -> TextLookup {
        let members = Array(Set(texts.filter { !$0.isEmpty }))
        var size = 4
        while size < members.count * 4 { size *= 2 }
        var slots = [TextLookup.Slot](repeating: TextLookup.Slot(length: -1, first: 0, last: 0, offset: 0), count: size)
        let bytes = table(Array(members.joined()))
        var offset = 0
        for member in members {
            let key = TextLookup.words(bytes.bytes.run(offset..<offset + member.count))
            var index = TextLookup.slotIndex(member.count, key, mask: size - 1)
            while slots[index].length >= 0 { index = (index + 1) & (size - 1) }
            slots[index] = TextLookup.Slot(length: member.count, first: key.0, last: key.1, offset: offset)
            offset += member.count
        }
        return TextLookup(slots: table(slots), mask: size - 1, bytes: bytes.bytes,
                          containsEmpty: texts.contains(where: \.isEmpty))
    }
}
