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
        permute(into: directory, buckets: buckets)
        self.directory = directory
        return duplicateCandidates(buckets: buckets)
    }

    /// American flag sort: each bucket's next free position advances as entries arrive;
    /// an entry displaced from its position is carried on to its own bucket. Positions not
    /// yet filled still hold the entry read there, so a displaced entry's row is the
    /// position it came from.
    private func permute(into directory: PackedColumn<UInt32>, buckets: Int) {
        let next = PackedColumn<UInt32>(capacity: buckets)
        for bucket in 0..<buckets { next.append(directory[bucket]) }
        let upperMask = Self.mask(31 - rowBits), shift = bucketShift, rowBits = rowBits
        rowHashes.withElements { hashes in words.withElements { words in tags.withElements { tags in
            for bucket in 0..<buckets {
                while next[bucket] < directory[bucket + 1] {
                    let hole = Int(next[bucket])
                    var hash = hashes[hole], word = words[hole], tag = tags[hole], row = hole
                    while true {
                        let target = Int(word >> shift)
                        let position = Int(next[target])
                        next[target] += 1
                        let displaced = (hashes[position], words[position], tags[position])
                        hashes[position] = hash
                        words[position] = UInt32(row) | (word & upperMask) << rowBits
                        tags[position] = tag
                        if position == hole { break }
                        (hash, word, tag) = displaced
                        row = position
                    }
                }
            }
        } } }
    }

    /// Pairs in one bucket with the same tag and key bits.
    private func duplicateCandidates(buckets: Int) -> [(earlier: Int, later: Int)] {
        var pairs: [(earlier: Int, later: Int)] = []
        let rowMask = Self.mask(rowBits)
        words.withSpan { words in tags.withSpan { tags in
            for bucket in 0..<buckets {
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
        return pairs.sorted { ($0.later, $0.earlier) < ($1.later, $1.earlier) }
    }
}
