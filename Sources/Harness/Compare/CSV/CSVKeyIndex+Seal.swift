import Foundation

// Sealing the keyed index: the rows, read in file order, sorted into buckets by their key
// hash in place (no second copy of the index at any moment), and the pairs of rows whose
// key fingerprints agree, for the duplicate-key check.

extension CSVKeyIndex {
    /// Sorts the entries into buckets of 16 to 32 rows each (fewer for small files),
    /// replaces each entry's key bits by its row index, and returns the pairs of rows
    /// (earlier, later) whose whole key fingerprint agrees, ordered by the later row: the
    /// candidates for duplicate keys, which the caller verifies by re-reading.
    func seal() -> [(earlier: Int, later: Int)] {
        let rows = count
        rowBits = rows <= 1 ? 1 : UInt32(Int.bitWidth - (rows - 1).leadingZeroBitCount)
        var buckets = 1
        var bucketBits: UInt32 = 0
        while buckets * 32 <= rows {
            buckets *= 2
            bucketBits += 1
        }
        bucketShift = 32 - bucketBits
        // Bucket sizes, then where each bucket starts.
        let directory = PackedColumn<UInt32>(repeating: 0, count: buckets + 1)
        let shift = bucketShift
        words.withSpan { words in
            for row in words.indices { directory[Int(words[row] >> shift) + 1] += 1 }
        }
        for bucket in 0..<buckets { directory[bucket + 1] += directory[bucket] }
        BucketSort.sort(SortedColumns(words: words, tags: tags, shift: bucketShift,
                                      upperMask: Self.mask(31 - rowBits), rowBits: rowBits),
                        directory: directory, buckets: buckets)
        self.directory = directory
        return duplicateCandidates(buckets: buckets)
    }

    /// The two sorted columns as one entry each, for BucketSort. Positions not yet filled
    /// still hold the entry read there, so a moved entry's row is where it lay.
    private struct SortedColumns: BucketSortable {
        let words: PackedColumn<UInt32>, tags: PackedColumn<UInt8>
        let shift: UInt32, upperMask: UInt32, rowBits: UInt32

        func entry(at position: Int) -> (word: UInt32, tag: UInt8) {
            (words[position], tags[position])
        }

        func place(_ entry: (word: UInt32, tag: UInt8), from origin: Int, at position: Int) {
            words[position] = UInt32(origin) | (entry.word & upperMask) << rowBits
            tags[position] = entry.tag
        }

        func bucket(of entry: (word: UInt32, tag: UInt8)) -> Int { Int(entry.word >> shift) }
    }

    /// Pairs in one bucket with the same tag and key bits. From `parallelFrom` buckets, the
    /// two halves of the buckets are searched on two threads (only reads: the index is not
    /// written until the search is done).
    private func duplicateCandidates(buckets: Int) -> [(earlier: Int, later: Int)] {
        let halves = buckets >= Self.parallelFrom && ProcessInfo.processInfo.activeProcessorCount >= 2 ? 2 : 1
        let sealed = SealedColumns(self)
        let found = SecondThread.map(count: halves) { half in
            sealed.index.duplicateCandidates(in: half * buckets / halves..<(half + 1) * buckets / halves)
        }
        return found.joined().sorted { ($0.later, $0.earlier) < ($1.later, $1.earlier) }
    }

    /// Buckets from which `duplicateCandidates` searches on two threads.
    static let parallelFrom = 1 << 12

    private func duplicateCandidates(in buckets: Range<Int>) -> [(earlier: Int, later: Int)] {
        var pairs: [(earlier: Int, later: Int)] = []
        let rowMask = Self.mask(rowBits)
        words.withSpan { words in tags.withSpan { tags in
            for bucket in buckets {
                let start = Int(directory[bucket]), end = Int(directory[bucket + 1])
                guard end - start > 1 else { continue }
                for first in start..<end - 1 {
                    for second in first + 1..<end
                    where tags[first] == tags[second] && (words[first] ^ words[second]) & ~rowMask == 0 {
                        let a = Int(words[first] & rowMask), b = Int(words[second] & rowMask)
                        pairs.append((min(a, b), max(a, b)))
                    }
                }
            }
        } }
        return pairs
    }
}

/// The index, read by both threads of `duplicateCandidates`.
private final class SealedColumns: @unchecked Sendable {
    // `@unchecked Sendable`: both threads only read it, and nothing writes it meanwhile.
    let index: CSVKeyIndex
    init(_ index: CSVKeyIndex) { self.index = index }
}
