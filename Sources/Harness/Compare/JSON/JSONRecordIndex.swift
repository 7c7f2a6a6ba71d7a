// Design note. Keyed matching remembers, per expected record, only a 64-bit hash of its
// key and where the record is in the file (offset, length, line): about 40 bytes a record
// with the table, whatever the record's size. The table is open addressing with linear
// probing on the hash; records with the same hash (the same key repeated, or a collision,
// told apart by re-reading the records) sit in probe order, which is insertion order, so
// repeated keys pair up first with first.

/// Where each expected record is, found by the hash of its key.
struct JSONRecordIndex {
    private(set) var hashes: [UInt64] = []
    private(set) var offsets: [Int] = []
    private(set) var lengths: [UInt32] = []
    private(set) var lines: [Int] = []
    private(set) var matched: [Bool] = []
    /// Entry number + 1 per slot, 0 for an empty slot; the count is a power of two.
    private var slots: [Int32] = [Int32](repeating: 0, count: 1024)

    var count: Int { hashes.count }

    /// Adds a record.
    /// - Throws: `HarnessError.invalid` past 2^31 records or for a record of 4 GiB or more.
    mutating func insert(hash: UInt64, offset: Int, length: Int, line: Int, path: String) throws {
        guard count < Int(Int32.max) - 1, length < Int(UInt32.max) else {
            throw HarnessError.invalid(SourceLocation(path: path, line: line),
                                       message: "too many or too large records to match by key",
                                       hint: "compare by position (leave out --key)")
        }
        hashes.append(hash)
        offsets.append(offset)
        lengths.append(UInt32(length))
        lines.append(line)
        matched.append(false)
        if count * 2 > slots.count {
            slots = [Int32](repeating: 0, count: slots.count * 2)
            for entry in 0..<count { place(entry) }
        } else {
            place(count - 1)
        }
    }

    private mutating func place(_ entry: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hashes[entry]) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(entry + 1)
    }

    /// Where a record is in its file.
    struct Location {
        var offset: Int
        var length: Int
        var line: Int
    }

    func location(_ entry: Int) -> Location {
        Location(offset: offsets[entry], length: Int(lengths[entry]), line: lines[entry])
    }

    /// Offers the unmatched records with `hash`, in insertion order, to `accept`; the
    /// first it accepts is marked matched and returned.
    mutating func claim(hash: UInt64, _ accept: (Location) throws -> Bool) rethrows -> Int? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let entry = Int(slots[slot]) - 1
            if hashes[entry] == hash, !matched[entry], try accept(location(entry)) {
                matched[entry] = true
                return entry
            }
            slot = (slot + 1) & mask
        }
        return nil
    }
}
