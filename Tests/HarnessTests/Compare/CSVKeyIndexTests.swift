import Testing
@testable import Harness

/// The keyed CSV index filled in two parts at once: every row's place is where it was.
@Suite struct CSVKeyIndexTests {
    @Test func twoPartsInterleavedKeepEveryRowsPlace() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let count = Int.random(in: 2...3000, using: &generator)
            // Row lengths, some past 65,535 (kept aside), and offsets with one line end each.
            let lengths = (0..<count).map { _ in
                Int.random(in: 0..<50, using: &generator) == 0 ? Int.random(in: 65_000...70_000, using: &generator)
                    : Int.random(in: 1...200, using: &generator)
            }
            var offsets = [10]
            for length in lengths.dropLast() { offsets.append(offsets[offsets.count - 1] + length + 1) }
            let cut = Int.random(in: 1..<count, using: &generator)
            let index = CSVKeyIndex(expectedRows: Int.random(in: 1...count, using: &generator))
            var parts = [CSVKeyIndex.Part(from: 0), CSVKeyIndex.Part(from: cut)]
            let ends = [cut, count]
            // Batches of either part in random turns, as two reading threads deliver them.
            while parts[0].row < ends[0] || parts[1].row < ends[1] {
                let part = parts[0].row == ends[0] ? 1 : parts[1].row == ends[1] ? 0 : Int.random(in: 0...1, using: &generator)
                for _ in 0..<Int.random(in: 1...100, using: &generator) where parts[part].row < ends[part] {
                    let row = parts[part].row
                    index.insert(&parts[part], keyHash: UInt64(row) &* 0x9E37_79B9_7F4A_7C15, rowHash: UInt64(row),
                                 offset: offsets[row], length: lengths[row])
                }
            }
            index.end(parts[0], nextAt: offsets[cut])
            #expect(index.count == count)
            for row in 0..<count {
                let location = index.location(of: row)
                let span = row + 1 < count ? offsets[row + 1] - offsets[row] : lengths[row]
                #expect(location.offset == offsets[row] && location.length == span, "row \(row) of \(count), cut at \(cut)")
            }
            _ = index.seal()
            for row in 0..<count {
                var found = false
                index.candidates(UInt64(row) &* 0x9E37_79B9_7F4A_7C15) { position in
                    found = index.row(at: position) == row && index.rowHash(at: position) == UInt64(row)
                    return found
                }
                #expect(found, "row \(row) not found by its key")
            }
        }
    }

    /// Sealing lists every pair of rows whose key fingerprints agree, ordered by the later
    /// row; from `parallelFrom` buckets the two halves are searched on two threads, which
    /// must find what one search does.
    @Test(arguments: [3_000, 200_000])
    func sealListsEveryPairOfRowsWithTheSameKeyHash(rows: Int) {
        var generator = SystemRandomNumberGenerator()
        var hashes = (0..<rows).map { _ in UInt64.random(in: 0...UInt64.max, using: &generator) }
        // Planted repeats, some three times, anywhere in the file.
        for _ in 0..<40 {
            let source = Int.random(in: 0..<rows, using: &generator)
            for _ in 0..<Int.random(in: 1...2, using: &generator) {
                hashes[Int.random(in: 0..<rows, using: &generator)] = hashes[source]
            }
        }
        let index = CSVKeyIndex(expectedRows: rows)
        var part = CSVKeyIndex.Part(from: 0)
        for row in 0..<rows {
            index.insert(&part, keyHash: hashes[row], rowHash: UInt64(row), offset: row * 10, length: 9)
        }
        let pairs = index.seal()
        if rows >= 200_000 { #expect(index.directory.count - 1 >= CSVKeyIndex.parallelFrom) }
        // Every pair of rows with the same whole hash is listed (the fingerprint keeps fewer
        // bits, so others may be too), in order of the later row, then the earlier.
        var first: [UInt64: [Int]] = [:]
        for row in 0..<rows { first[hashes[row], default: []].append(row) }
        let listed = Set(pairs.map { [$0.earlier, $0.later] })
        for same in first.values where same.count > 1 {
            for (i, earlier) in same.enumerated() {
                for later in same[(i + 1)...] { #expect(listed.contains([earlier, later]), "rows \(earlier) and \(later)") }
            }
        }
        #expect(pairs.map { [$0.later, $0.earlier] } == pairs.map { [$0.later, $0.earlier] }.sorted { $0.lexicographicallyPrecedes($1) })
        #expect(pairs.allSatisfy { $0.earlier < $0.later })
    }
}
