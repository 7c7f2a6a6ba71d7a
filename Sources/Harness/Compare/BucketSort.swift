// Design: the keyed indexes (CSVKeyIndex, JSONRecordIndex) sort their entries into buckets
// by key hash in place, so that no second copy of an index exists at any moment.
//
// An American flag sort moves each entry once. Each bucket's next free position advances
// as entries arrive there; an entry displaced from a position is carried on to its own
// bucket, and so on: a cycle of moves, which ends when an entry lands in the position the
// cycle began at (its hole). Every move reads a position at random, a cache miss, and one
// cycle waits on each in turn. So `inFlight` cycles advance together: each claims its next
// position and reads what is there before any of them writes, and their misses overlap
// (2M rows: 70 ms, against 100 to 150 ms for one cycle at a time).
//
// A hole is always its bucket's next free position, since the first entry to arrive there
// fills it; so a bucket holds at most one hole, and a bit per bucket says whether it does.
// An entry that lands in another cycle's hole ends its own cycle, and the other cycle then
// ends at this one's hole instead.

/// Entries that `BucketSort` rearranges in place.
protocol BucketSortable {
    associatedtype Entry: BitwiseCopyable
    /// The entry at `position`, as it was before the sort put anything there.
    func entry(at position: Int) -> Entry
    /// Writes `entry`, which lay at `origin` before the sort, at `position`.
    func place(_ entry: Entry, from origin: Int, at position: Int)
    func bucket(of entry: Entry) -> Int
}

enum BucketSort {
    /// Cycles that advance together.
    static let inFlight = 16

    /// Moves every entry into its bucket: bucket b's entries end up at
    /// `directory[b]..<directory[b + 1]`, which must hold exactly their number.
    static func sort<Entries: BucketSortable>(_ entries: Entries, directory: PackedColumn<UInt32>, buckets: Int) {
        let next = PackedColumn<UInt32>(capacity: buckets)
        for bucket in 0..<buckets { next.append(directory[bucket]) }
        let holding = PackedColumn<UInt64>(repeating: 0, count: (buckets + 63) >> 6)
        func holds(_ bucket: Int) -> Bool { holding[bucket >> 6] & (1 << UInt64(bucket & 63)) != 0 }
        func setHolds(_ bucket: Int, _ value: Bool) {
            if value { holding[bucket >> 6] |= 1 << UInt64(bucket & 63) } else { holding[bucket >> 6] &= ~(1 << UInt64(bucket & 63)) }
        }

        // Cycles in flight, the first `running` of a fixed block (no array's uniqueness
        // check on every write; entries are plain bits, so slots need no deinitializing).
        let cycles = UnsafeMutableBufferPointer<Cycle<Entries.Entry>>.allocate(capacity: inFlight)
        defer { cycles.deallocate() }
        var running = 0
        func holder(of position: Int) -> Int? {
            for cycle in 0..<running where cycles[cycle].hole == position { return cycle }
            return nil
        }

        // Buckets before `first` are full; `scout` looks for holes from there on, round and round.
        var first = 0, scout = 0
        while true {
            while first < buckets && next[first] >= directory[first + 1] { first += 1 }
            if first == buckets { return }
            // Start cycles at free positions that are no cycle's hole.
            var looks = 0
            while running < inFlight && looks < 4 * inFlight {
                if scout < first || scout >= buckets { scout = first }
                let start = Int(next[scout])
                if start < Int(directory[scout + 1]) && !holds(scout) {
                    setHolds(scout, true)
                    let entry = entries.entry(at: start)
                    // `unsafe`: running < inFlight, the block's capacity; initialized here.
                    (cycles.baseAddress.unsafelyUnwrapped + running).initialize(to: Cycle(
                        carried: entry, origin: start, hole: start, holeBucket: scout, claimed: 0, claimedBucket: 0, displaced: entry))
                    running += 1
                }
                scout += 1
                looks += 1
            }
            // Claim each cycle's next position and read what is there, before any write.
            for cycle in 0..<running {
                let target = entries.bucket(of: cycles[cycle].carried)
                let position = Int(next[target])
                next[target] += 1
                cycles[cycle].claimed = position
                cycles[cycle].claimedBucket = target
                cycles[cycle].displaced = entries.entry(at: position)
            }
            // Place the carried entries.
            var cycle = 0
            while cycle < running {
                let position = cycles[cycle].claimed
                entries.place(cycles[cycle].carried, from: cycles[cycle].origin, at: position)
                var ends = position == cycles[cycle].hole
                if ends {
                    setHolds(cycles[cycle].holeBucket, false)
                } else if holds(cycles[cycle].claimedBucket), let other = holder(of: position) {
                    // The other cycle's hole is filled; it now ends at this one's.
                    setHolds(cycles[cycle].claimedBucket, false)
                    cycles[other].hole = cycles[cycle].hole
                    cycles[other].holeBucket = cycles[cycle].holeBucket
                    ends = true
                }
                if ends {
                    running -= 1
                    cycles[cycle] = cycles[running]
                    continue
                }
                cycles[cycle].carried = cycles[cycle].displaced
                cycles[cycle].origin = position
                cycle += 1
            }
        }
    }
}

/// One cycle of moves: the entry carried and where it lay, the hole it ends at and that
/// hole's bucket; within a step, the position claimed, its bucket and the entry read there.
private struct Cycle<Entry: BitwiseCopyable> {
    var carried: Entry
    var origin: Int
    var hole: Int
    var holeBucket: Int
    var claimed: Int
    var claimedBucket: Int
    var displaced: Entry
}
