// Design note. Keyed matching remembers, per expected record, a fingerprint of its key and
// where the record is, never the record: about 11 bytes a record.
//
// - `entries`, 8 bytes: read in file order as the key's 64-bit hash; `seal()` replaces the
//   low bits with the record's number (the key fingerprint keeps the high bits) and sorts
//   the column in place (American flag sort into buckets by the top bits, then each bucket
//   on its own), so records with the same fingerprint lie together in file order;
// - `lengths`, 2 bytes, in file order, with an offset and a line number every 32 records
//   (`checkpoints`): a record on the line after the one before starts one byte (the
//   newline) after it ends, so its offset is a short sum away; a record after blank lines
//   has its place kept aside (a bit says so), as have lengths of 64 KiB and more;
// - a matched bit per record (per lane, in `Claims`), and `directory` (4 bytes per 16 to 32 records) saying where
//   each bucket starts.
// Exactness: a record is matched only after it is re-read and its key compared byte for
// byte (`claim`'s `accept`), so a fingerprint collision costs a read, never a wrong match.
// A bit per record says whether its fingerprint is its alone (`claimAlone`): a record whose
// key equals such a record's can only be matched to it, so files in the same order skip the
// search and claim the record at the same place directly.
// Repeated keys pair up first with first, and `cursors` remember, for a long run of one
// fingerprint, where its unmatched records begin: claiming k records that share a key costs
// O(k), not O(k^2).
// What claiming changes (the matched bits, the cursors) is a `Claims` value, not the index:
// once sealed, the index is only read, so two threads may claim at once, each with its own
// `Claims`, as long as they never claim the same fingerprint (`lane(of:lanes:)` splits
// fingerprints by their top bit, so each thread's records also lie in its half of `entries`).

/// Where each expected record is, found by the hash of its key. Sealed, it is only read.
final class JSONRecordIndex {
    static let checkpointShift = 5
    static let maxRecords = Int(UInt32.max)
    /// Runs of one fingerprint longer than this get a cursor.
    static let cursorRunLength = 8

    private let entries = PackedColumn<UInt64>(capacity: 1 << 12)
    private let lengths = PackedColumn<UInt16>(capacity: 1 << 12)
    /// Offset and line of every 32nd record.
    private let checkpoints = PackedColumn<Int>(capacity: 1 << 8)
    /// Records whose offset and line are not one line after the record before: a bit per
    /// record says so, the place is in `placedAside`.
    private var asideBits: [UInt64] = []
    private var placedAside: [Int: (offset: Int, line: Int)] = [:]
    private var longLengths: [Int: Int] = [:]
    /// Records whose key fingerprint no other record shares, a bit per record (set by
    /// `seal`): for such a key, the one record `claim(hash:)` can offer.
    private var aloneBits: [UInt64] = []
    private var directory = PackedColumn<UInt32>(repeating: 0, count: 2)
    private var bucketShift: UInt64 = 64
    private var entryBits: UInt64 = 1
    private var last = (offset: 0, line: 0, length: 0)
    private(set) var isSealed = false

    var count: Int { entries.count }

    /// Adds the next record of the file (in file order).
    /// - Throws: `HarnessError.invalid` past 2^32 records.
    func insert(hash: UInt64, offset: Int, length: Int, line: Int, path: String) throws {
        precondition(!isSealed, "records are added before the index is sealed")
        guard count < Self.maxRecords else {
            throw HarnessError.invalid(SourceLocation(path: path, line: line),
                                       message: "too many records to match by key (more than \(Self.maxRecords))",
                                       hint: "compare by position (leave out --key)")
        }
        let entry = count
        if entry & 63 == 0 { asideBits.append(0) }
        if entry & (1 << Self.checkpointShift - 1) == 0 {
            checkpoints.append(offset)
            checkpoints.append(line)
        } else if line != last.line + 1 || offset != last.offset + last.length + 1 {
            placedAside[entry] = (offset, line)
            asideBits[entry >> 6] |= 1 << UInt64(entry & 63)
        }
        entries.append(hash)
        if length >= Int(UInt16.max) { longLengths[entry] = length }
        lengths.append(UInt16(min(length, Int(UInt16.max))))
        last = (offset, line, length)
    }

    /// Sorts the fingerprints into buckets; call once, after the last `insert`.
    func seal() {
        precondition(!isSealed, "an index is sealed once")
        isSealed = true
        let records = count
        entryBits = records <= 1 ? 1 : UInt64(Int.bitWidth - (records - 1).leadingZeroBitCount)
        let entryMask = Self.mask(entryBits)
        entries.withElements { values in
            for entry in 0..<records { values[entry] = values[entry] & ~entryMask | UInt64(entry) }
        }
        var buckets = 1
        var bucketBits: UInt64 = 0
        while buckets * 32 <= records {
            buckets *= 2
            bucketBits += 1
        }
        bucketShift = 64 - bucketBits
        let directory = PackedColumn<UInt32>(repeating: 0, count: buckets + 1)
        for entry in 0..<records { directory[bucket(of: entries[entry]) + 1] += 1 }
        for bucket in 0..<buckets { directory[bucket + 1] += directory[bucket] }
        BucketSort.sort(SortedEntries(values: entries, shift: bucketShift), directory: directory, buckets: buckets)
        entries.withElements { values in
            for bucket in 0..<buckets {
                Self.sort(&values, Int(directory[bucket])..<Int(directory[bucket + 1]))
            }
        }
        self.directory = directory
        markAlone(records: records, entryMask: entryMask)
    }

    /// Sets `aloneBits` from the sorted entries: a fingerprint unlike both neighbours' is
    /// its record's alone (equal fingerprints share a bucket and lie together).
    private func markAlone(records: Int, entryMask: UInt64) {
        var bits = [UInt64](repeating: 0, count: (records + 63) / 64)
        var words = bits.mutableSpan
        entries.withSpan { values in
            var previous = ~UInt64(0)  // no fingerprint has its low bits set
            for position in 0..<records {
                let fingerprint = values[position] & ~entryMask
                let next = position + 1 < records ? values[position + 1] & ~entryMask : ~UInt64(0)
                if fingerprint != previous && fingerprint != next {
                    let entry = Int(values[position] & entryMask)
                    words[entry >> 6] |= 1 << UInt64(entry & 63)
                }
                previous = fingerprint
            }
        }
        aloneBits = bits
    }

    /// Where a record is in its file.
    struct Location: Equatable {
        var offset: Int
        var length: Int
        var line: Int
    }

    func location(_ entry: Int) -> Location {
        let checkpoint = entry >> Self.checkpointShift
        var offset = checkpoints[2 * checkpoint]
        var line = checkpoints[2 * checkpoint + 1]
        var current = checkpoint << Self.checkpointShift
        while current < entry {
            let length = self.length(current)
            current += 1
            if asideBits[current >> 6] & (1 << UInt64(current & 63)) != 0, let aside = placedAside[current] {
                (offset, line) = aside
            } else {
                offset += length + 1
                line += 1
            }
        }
        return Location(offset: offset, length: length(entry), line: line)
    }

    /// Which records a claimer has matched, and where long runs' unmatched records begin.
    struct Claims {
        fileprivate var matchedBits: [UInt64]
        /// Run start → first position in the run that may be unmatched.
        fileprivate var cursors: [Int: Int] = [:]
        /// Index positions `claim` has looked at, in all: what makes repeated keys cheap or not.
        private(set) var positionsVisited = 0

        fileprivate init(records: Int) {
            matchedBits = [UInt64](repeating: 0, count: (records + 63) / 64)
        }

        func isMatched(_ entry: Int) -> Bool { matchedBits[entry >> 6] & (1 << UInt64(entry & 63)) != 0 }

        /// Adds the records `other` matched (claimed by another lane).
        mutating func formUnion(_ other: Claims) {
            for word in matchedBits.indices { matchedBits[word] |= other.matchedBits[word] }
            positionsVisited += other.positionsVisited
        }

        fileprivate mutating func match(_ entry: Int) { matchedBits[entry >> 6] |= 1 << UInt64(entry & 63) }
        fileprivate mutating func visit() { positionsVisited += 1 }
    }

    /// A claimer's state, nothing matched yet; one per thread that claims.
    func newClaims() -> Claims {
        precondition(isSealed, "claims come after the index is sealed")
        return Claims(records: count)
    }

    /// Which of `lanes` (1 or 2) claims the records with `hash`: records with one key are
    /// always in the same lane, and a lane's fingerprints fill its own part of `entries`.
    static func lane(of hash: UInt64, lanes: Int) -> Int {
        lanes <= 1 ? 0 : Int(hash >> 63)
    }

    /// Offers the unmatched records with `hash`, in file order, to `accept`; the first it
    /// accepts is marked matched in `claims` and returned.
    func claim(hash: UInt64, in claims: inout Claims, _ accept: (Location) throws -> Bool) rethrows -> Int? {
        precondition(isSealed, "claims come after the index is sealed")
        let entryMask = Self.mask(entryBits)
        let fingerprint = hash & ~entryMask
        let bucket = bucket(of: fingerprint)
        let bucketEnd = Int(directory[bucket + 1])
        // The run of this fingerprint: the first value not below it (binary search).
        let runStart = entries.withSpan { values in
            var low = Int(directory[bucket]), high = bucketEnd
            while low < high {
                let middle = (low + high) / 2
                if values[middle] & ~entryMask < fingerprint { low = middle + 1 } else { high = middle }
            }
            return low
        }
        var position = claims.cursors.isEmpty ? runStart : claims.cursors[runStart] ?? runStart
        var allMatchedSoFar = true
        while position < bucketEnd, entries[position] & ~entryMask == fingerprint {
            claims.visit()
            let entry = Int(entries[position] & entryMask)
            if !claims.isMatched(entry) {
                if try accept(location(entry)) {
                    claims.match(entry)
                    if allMatchedSoFar { advanceCursor(runStart, past: position, bucketEnd, fingerprint, &claims) }
                    return entry
                }
                allMatchedSoFar = false
            }
            position += 1
        }
        return nil
    }

    /// Offers record `entry` to `accept` when no other record shares its key's fingerprint
    /// and it is unmatched, and claims it if accepted. For a key equal to that record's (what
    /// `accept` checks, byte for byte) this is what `claim(hash:)` does, with no search: for
    /// actual in expected's order, where the record at the same place is the likely match.
    /// - Returns: the entry claimed, or nil (not alone, matched, or not accepted: the caller
    ///   then claims by hash).
    func claimAlone(_ entry: Int, in claims: inout Claims, _ accept: (Location) throws -> Bool) rethrows -> Int? {
        precondition(isSealed, "claims come after the index is sealed")
        guard entry >= 0 && entry < count, aloneBits[entry >> 6] & (1 << UInt64(entry & 63)) != 0,
              !claims.isMatched(entry) else { return nil }
        claims.visit()
        guard try accept(location(entry)) else { return nil }
        claims.match(entry)
        return entry
    }

    /// After the first unmatched record of a run at `position` is claimed: where the run's
    /// unmatched records now begin, kept for long runs only.
    private func advanceCursor(_ runStart: Int, past position: Int, _ bucketEnd: Int, _ fingerprint: UInt64,
                               _ claims: inout Claims) {
        let entryMask = Self.mask(entryBits)
        var next = position + 1
        entries.withSpan { values in
            while next < bucketEnd, values[next] & ~entryMask == fingerprint, claims.isMatched(Int(values[next] & entryMask)) {
                next += 1
            }
        }
        if next - runStart > Self.cursorRunLength || claims.cursors[runStart] != nil { claims.cursors[runStart] = next }
    }

    private func length(_ entry: Int) -> Int {
        let short = Int(lengths[entry])
        return short == Int(UInt16.max) ? longLengths[entry] ?? short : short
    }

    private func bucket(of value: UInt64) -> Int { Self.bucket(of: value, shift: bucketShift) }

    /// The top bits of `value` from `shift` on: its bucket (0 for one bucket, shift 64).
    private static func bucket(of value: UInt64, shift: UInt64) -> Int { shift >= 64 ? 0 : Int(value >> shift) }

    private static func mask(_ bits: UInt64) -> UInt64 { bits >= 64 ? .max : (1 << bits) - 1 }

    /// The entries as BucketSort moves them: each already holds its record's number.
    private struct SortedEntries: BucketSortable {
        let values: PackedColumn<UInt64>
        let shift: UInt64

        func entry(at position: Int) -> UInt64 { values[position] }
        func place(_ entry: UInt64, from origin: Int, at position: Int) { values[position] = entry }
        func bucket(of entry: UInt64) -> Int { JSONRecordIndex.bucket(of: entry, shift: shift) }
    }

    /// Sorts one bucket, `run` of `values`: insertion sort for the usual 16 to 32 values; a bucket made long
    /// by one key repeated many times takes the standard library's sort (a copy of that
    /// bucket only).
    private static func sort(_ values: inout MutableSpan<UInt64>, _ run: Range<Int>) {
        guard run.count > 64 else {
            for index in run.dropFirst() {
                let value = values[index]
                var slot = index
                while slot > run.lowerBound && values[slot - 1] > value {
                    values[slot] = values[slot - 1]
                    slot -= 1
                }
                values[slot] = value
            }
            return
        }
        var copy: [UInt64] = []
        copy.reserveCapacity(run.count)
        for index in run { copy.append(values[index]) }
        copy.sort()
        for (offset, value) in copy.enumerated() { values[run.lowerBound + offset] = value }
    }
}
