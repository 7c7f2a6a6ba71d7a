import Testing
@testable import Harness

@Suite struct JSONRecordIndexTests {
    @Test func sameHashesAreOfferedInInsertionOrderAndClaimedOnce() throws {
        var index = JSONRecordIndex()
        for line in 1...5 {
            try index.insert(hash: line % 2 == 0 ? 42 : 7, offset: line * 10, length: 3, line: line, path: "e.jsonl")
        }
        var offered: [Int] = []
        // Rejecting the first candidate (a collision) claims the next one with that hash.
        let claimed = index.claim(hash: 42) { location in
            offered.append(location.line)
            return location.line == 4
        }
        #expect(offered == [2, 4])
        #expect(claimed.map { index.location($0).line } == 4)
        #expect(index.claim(hash: 42) { _ in true }.map { index.location($0).line } == 2)
        #expect(index.claim(hash: 42) { _ in true } == nil)
        #expect(index.claim(hash: 99) { _ in true } == nil)
        #expect(index.matched == [false, true, false, true, false])
    }

    @Test func growingKeepsEveryRecordFindable() throws {
        var index = JSONRecordIndex()
        for line in 0..<5_000 {
            try index.insert(hash: UInt64(line % 1_000) &* 0x9E37_79B9_7F4A_7C15, offset: line, length: 1, line: line, path: "e.jsonl")
        }
        var found = 0
        for line in 0..<5_000 {
            let hash = UInt64(line % 1_000) &* 0x9E37_79B9_7F4A_7C15
            // Repeated hashes pair up in insertion order.
            if let entry = index.claim(hash: hash, { _ in true }), index.location(entry).line == line { found += 1 }
        }
        #expect(found == 5_000)
        #expect(index.matched.allSatisfy { $0 })
    }
}
