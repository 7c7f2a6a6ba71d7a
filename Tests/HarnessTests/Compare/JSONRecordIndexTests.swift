import Testing
@testable import Harness

@Suite struct JSONRecordIndexTests {
    @Test func sameHashesAreOfferedInFileOrderAndClaimedOnce() throws {
        let index = JSONRecordIndex()
        for line in 1...5 {
            try index.insert(hash: line % 2 == 0 ? 42 << 40 : 7 << 40, offset: line * 10, length: 3, line: line, path: "e.jsonl")
        }
        index.seal()
        var offered: [Int] = []
        // Rejecting the first candidate (a collision) claims the next one with that hash.
        let claimed = index.claim(hash: 42 << 40) { location in
            offered.append(location.line)
            return location.line == 4
        }
        #expect(offered == [2, 4])
        #expect(claimed.map { index.location($0).line } == 4)
        #expect(index.claim(hash: 42 << 40) { _ in true }.map { index.location($0).line } == 2)
        #expect(index.claim(hash: 42 << 40) { _ in true } == nil)
        #expect(index.claim(hash: 99 << 40) { _ in true } == nil)
        #expect((0..<5).map(index.isMatched) == [false, true, false, true, false])
    }

    @Test func everyRecordIsFoundWhereItIs() throws {
        let index = JSONRecordIndex()
        var expected: [JSONRecordIndex.Location] = []
        var offset = 0, line = 1
        for record in 0..<5_000 {
            // Blank lines now and then, and now and then a record of 64 KiB or more.
            if record % 97 == 13 { line += 3; offset += 7 }
            let length = record % 1_013 == 5 ? 70_000 + record : 20 + record % 50
            expected.append(.init(offset: offset, length: length, line: line))
            try index.insert(hash: UInt64(record % 1_000) &* 0x9E37_79B9_7F4A_7C15, offset: offset, length: length,
                             line: line, path: "e.jsonl")
            offset += length + 1
            line += 1
        }
        index.seal()
        var found = 0
        for record in 0..<5_000 {
            let hash = UInt64(record % 1_000) &* 0x9E37_79B9_7F4A_7C15
            // Repeated hashes pair up in file order.
            if let entry = index.claim(hash: hash, { _ in true }), index.location(entry) == expected[record] { found += 1 }
        }
        #expect(found == 5_000)
        #expect((0..<index.count).allSatisfy(index.isMatched))
    }

    /// 100,000 records under one key: each claim takes the first unmatched record without
    /// walking past the ones claimed before (a quadratic walk would visit 5 billion).
    @Test func oneKeyRepeatedIsClaimedInLinearTime() throws {
        let index = JSONRecordIndex()
        let records = 100_000
        for record in 0..<records {
            try index.insert(hash: 0xABCD_EF01_2345_6789, offset: record * 3, length: 2, line: record + 1, path: "e.jsonl")
        }
        try index.insert(hash: 1, offset: records * 3, length: 2, line: records + 1, path: "e.jsonl")
        index.seal()
        var offers = 0
        var lines: [Int] = []
        for _ in 0..<records {
            let entry = index.claim(hash: 0xABCD_EF01_2345_6789) { _ in
                offers += 1
                return true
            }
            lines.append(entry.map { index.location($0).line } ?? -1)
        }
        #expect(lines == Array(1...records))
        #expect(offers == records)
        #expect(index.positionsVisited < 3 * records)
        #expect(index.claim(hash: 0xABCD_EF01_2345_6789) { _ in true } == nil)
        #expect(index.claim(hash: 1) { _ in true } == records)
    }
}
