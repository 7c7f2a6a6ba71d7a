/// The expected file's rows by key, packed to under 16 bytes per row whatever the row
/// length (about 150 MB for 10 million rows); the rows themselves are never held.
///
/// Per row, in columns rather than slots of a hash table (which would be a quarter to
/// half empty):
/// - `rowHashes`, 8 bytes, in file order: a 64-bit hash of the whole row;
/// - `words`, 4 bytes: the row index, more key-hash bits (the key tag's upper part) in
///   the bits a row index of this file does not need, and the matched flag;
/// - `tags`, 1 byte: eight more bits of the key hash;
/// - `spans`, 2 bytes, in file order: the distance to the next row's first byte, with an
///   offset every 32 rows (`checkpoints`), so a row's offset is a short sum away.
/// Once the expected file is read, `seal()` sorts `words` and `tags` into buckets by the
/// key hash's top bits, in place, and `directory` (4 bytes per 16 to 32 rows) says where
/// each bucket starts. Lookups scan one bucket's tags; a candidate's word gives its row,
/// and so its row hash. (Sorting the row hashes too made sealing move 13 bytes a row
/// rather than 5, for no saving in lookups: either way a row hash is one cache miss.)
///
/// Exactness: a key is only ever matched after its row is re-read and its key cells
/// compared byte for byte, so a fingerprint collision costs a read, never a wrong match;
/// the fingerprint (bucket bits, tag and the word's key bits, 15 to 26 bits beyond the
/// bucket) only keeps those reads rare. A row whose key fingerprint and 64-bit row hash
/// both match is taken as equal without re-reading it, as before: that needs a 2^-64
/// collision of the row hash between two rows with the same key fingerprint.
final class CSVKeyIndex {
    static let maxRows = Int(UInt32.max >> 2)
    static let matchedBit: UInt32 = 1 << 31
    static let escapedSpan = UInt16.max
    static let checkpointShift = 5

    /// In file order: the row hash of row `index` is `rowHashes[index]`.
    let rowHashes: PackedColumn<UInt64>
    /// Before `seal()`, in file order: the key hash's top 32 bits. After: the row index in
    /// the low `rowBits` bits, more key bits above it, `matchedBit` on top.
    let words: PackedColumn<UInt32>
    let tags: PackedColumn<UInt8>
    private let spans: PackedColumn<UInt16>
    private let checkpoints: PackedColumn<Int>
    /// Spans of 65535 bytes and more.
    private var longSpans: [Int: Int] = [:]
    /// Set by `seal()`: where each bucket starts (one more entry than buckets), the shift
    /// that leaves a key hash's bucket, and the bits of a row index.
    var directory = PackedColumn<UInt32>(repeating: 0, count: 2)
    var bucketShift: UInt32 = 32
    var rowBits: UInt32 = 1
    /// The sum of what `touch` loaded.
    private(set) var touched: UInt32 = 0

    /// An index sized for about `expectedRows` rows (it grows past that).
    init(expectedRows: Int) {
        rowHashes = PackedColumn(capacity: expectedRows)
        words = PackedColumn(capacity: expectedRows)
        tags = PackedColumn(capacity: expectedRows)
        spans = PackedColumn(capacity: expectedRows)
        checkpoints = PackedColumn(capacity: expectedRows >> Self.checkpointShift + 1)
    }

    var count: Int { rowHashes.count }

    /// Where the rows of one part of the file go: the next row's index, and the offset of
    /// the row before it in that part.
    struct Part {
        var row: Int
        var lastOffset: Int?

        /// The part from row `first` on (0 for the whole file).
        init(from first: Int) { row = first }
    }

    /// Adds the next row of `part`. Parts are disjoint runs of rows, filled in file order
    /// each, one at a time (from one thread) but in any interleaving.
    func insert(_ part: inout Part, keyHash: UInt64, rowHash: UInt64, offset: Int, length: Int) {
        let row = part.row
        extend(to: row + 1)
        if let last = part.lastOffset { setSpan(row - 1, offset - last) }
        if row & (1 << Self.checkpointShift - 1) == 0 { checkpoints[row >> Self.checkpointShift] = offset }
        rowHashes[row] = rowHash
        words[row] = UInt32(truncatingIfNeeded: keyHash >> 32)
        tags[row] = Self.tag(keyHash)
        // The part's last row's span is its length; the next insert, or `end`, replaces it.
        spans[row] = 0
        setSpan(row, length)
        part.lastOffset = offset
        part.row += 1
    }

    /// Ends `part` where the next part starts, at `offset`: its last row's span reaches there.
    func end(_ part: Part, nextAt offset: Int) {
        if let last = part.lastOffset { setSpan(part.row - 1, offset - last) }
    }

    private func extend(to rows: Int) {
        guard rows > count else { return }
        rowHashes.extend(to: rows)
        words.extend(to: rows)
        tags.extend(to: rows)
        spans.extend(to: rows)
        checkpoints.extend(to: (rows - 1) >> Self.checkpointShift + 1)
    }

    /// Where row `index` is: its file offset and how many bytes to read (the record and
    /// its line terminator; the reader stops at the record's end).
    func location(of row: Int) -> (offset: Int, length: Int) {
        let first = (row >> Self.checkpointShift) << Self.checkpointShift
        var offset = checkpoints[row >> Self.checkpointShift]
        for earlier in first..<row { offset += span(earlier) }
        return (offset, span(row))
    }

    /// The row of the entry at `position` (a bucket position, after `seal()`).
    @inline(__always)
    func row(at position: Int) -> Int { Int(words[position] & (1 << rowBits - 1)) }

    /// The row hash of the entry at `position` (a bucket position, after `seal()`).
    @inline(__always)
    func rowHash(at position: Int) -> UInt64 { rowHashes[row(at: position)] }

    @inline(__always)
    func isMatched(_ position: Int) -> Bool { words[position] & Self.matchedBit != 0 }

    func markMatched(_ position: Int) { words[position] |= Self.matchedBit }

    /// Calls `body` with each position whose key fingerprint matches `keyHash`, until it
    /// returns true.
    @inline(__always)
    func candidates(_ keyHash: UInt64, _ body: (Int) throws -> Bool) rethrows {
        let high = UInt32(truncatingIfNeeded: keyHash >> 32)
        let bucket = Int(high >> bucketShift)
        let tag = Self.tag(keyHash)
        let upper = high & Self.mask(31 - rowBits)
        var position = Int(directory[bucket])
        let end = Int(directory[bucket + 1])
        while position < end {
            if tags[position] == tag, (words[position] >> rowBits) & Self.mask(31 - rowBits) == upper,
               try body(position) { return }
            position += 1
        }
    }

    /// Loads what looking up `keyHashes` (at most `touchLimit`) will read, for all of them
    /// together, so their cache misses overlap instead of stalling one row at a time: first
    /// each bucket's start and first tag; then, from those tags, each row's first candidate;
    /// then the candidates' words, and then the row hashes of their rows, in loops of
    /// nothing but those loads (so the processor has many of them in flight). Their sum is
    /// kept in `touched`: loads whose result nobody keeps, the optimiser may drop.
    func touch(_ keyHashes: Span<UInt64>) {
        let rows = min(keyHashes.count, Self.touchLimit)
        withUnsafeTemporaryAllocation(of: Int.self, capacity: Self.touchLimit) { positions in
            var sum: UInt32 = 0
            for item in 0..<rows {
                let start = Int(directory[Int(UInt32(truncatingIfNeeded: keyHashes[item] >> 32) >> bucketShift)])
                positions[item] = start
                sum &+= start < count ? UInt32(tags[start]) : 0
            }
            for item in 0..<rows {
                let hash = keyHashes[item]
                let end = Int(directory[Int(UInt32(truncatingIfNeeded: hash >> 32) >> bucketShift) + 1])
                let tag = Self.tag(hash)
                var position = positions[item]
                while position < end, tags[position] != tag { position += 1 }
                positions[item] = position < end ? position : -1
            }
            for item in 0..<rows where positions[item] >= 0 {
                let word = words[positions[item]]
                sum &+= word
                positions[item] = Int(word & (1 << rowBits - 1))
            }
            for item in 0..<rows where positions[item] >= 0 {
                sum &+= UInt32(truncatingIfNeeded: rowHashes[positions[item]])
            }
            touched &+= sum
        }
    }

    /// The most key hashes `touch` takes at once.
    static let touchLimit = 64

    /// Calls `body` with each row never matched, in file order (through a bitmap of an
    /// eighth of a byte per row rather than a list of the rows).
    func forEachUnmatchedRow(_ body: (Int) throws -> Void) rethrows {
        let unmatched = PackedColumn<UInt64>(repeating: 0, count: (count + 63) / 64)
        for position in 0..<count where !isMatched(position) {
            let row = row(at: position)
            unmatched[row >> 6] |= 1 << UInt64(row & 63)
        }
        for word in 0..<unmatched.count where unmatched[word] != 0 {
            var bits = unmatched[word]
            while bits != 0 {
                try body(word << 6 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
    }

    @inline(__always)
    static func tag(_ keyHash: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: keyHash) }

    @inline(__always)
    static func mask(_ bits: UInt32) -> UInt32 { bits >= 32 ? .max : (1 << bits) - 1 }

    private func span(_ row: Int) -> Int {
        let span = spans[row]
        return span == Self.escapedSpan ? longSpans[row] ?? 0 : Int(span)
    }

    private func setSpan(_ row: Int, _ value: Int) {
        if value >= Int(Self.escapedSpan) {
            spans[row] = Self.escapedSpan
            longSpans[row] = value
        } else {
            if spans[row] == Self.escapedSpan { longSpans[row] = nil }
            spans[row] = UInt16(value)
        }
    }
}
