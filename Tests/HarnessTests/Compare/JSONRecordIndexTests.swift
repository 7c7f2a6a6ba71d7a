import Testing
@testable import Harness

@Suite struct JSONRecordIndexTests {
    @Test func sameHashesAreOfferedInFileOrderAndClaimedOnce() throws {
        let index = JSONRecordIndex()
        for line in 1...5 {
            try index.insert(hash: line % 2 == 0 ? 42 << 40 : 7 << 40, offset: line * 10, length: 3, line: line, path: "e.jsonl")
        }
        index.seal()
        var claims = index.newClaims()
        var offered: [Int] = []
        // Rejecting the first candidate (a collision) claims the next one with that hash.
        let claimed = index.claim(hash: 42 << 40, in: &claims) { location in
            offered.append(location.line)
            return location.line == 4
        }
        #expect(offered == [2, 4])
        #expect(claimed.map { index.location($0).line } == 4)
        #expect(index.claim(hash: 42 << 40, in: &claims) { _ in true }.map { index.location($0).line } == 2)
        #expect(index.claim(hash: 42 << 40, in: &claims) { _ in true } == nil)
        #expect(index.claim(hash: 99 << 40, in: &claims) { _ in true } == nil)
        #expect((0..<5).map(claims.isMatched) == [false, true, false, true, false])
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
        // Every record's place, whether its checkpoint's block holds a record placed aside or not.
        #expect((0..<5_000).allSatisfy { index.location($0) == expected[$0] })
        var claims = index.newClaims()
        var found = 0
        for record in 0..<5_000 {
            let hash = UInt64(record % 1_000) &* 0x9E37_79B9_7F4A_7C15
            // Repeated hashes pair up in file order.
            if let entry = index.claim(hash: hash, in: &claims, { _ in true }), index.location(entry) == expected[record] { found += 1 }
        }
        #expect(found == 5_000)
        #expect((0..<index.count).allSatisfy(claims.isMatched))
    }

    /// A record is claimed by place only when no other record shares its fingerprint, it is
    /// unmatched and accepted; that leaves the index as `claim(hash:)` would.
    @Test func aRecordAloneWithItsFingerprintIsClaimedByPlace() throws {
        let index = JSONRecordIndex()
        // Records 1 and 3 share a hash; 0, 2 and 4 are alone (4's hash differs from 2's in
        // the low bits only, which the record number replaces: they share a fingerprint).
        let hashes: [UInt64] = [10 << 40, 20 << 40, 30 << 40 | 1, 20 << 40, 30 << 40 | 2, 50 << 40]
        for (record, hash) in hashes.enumerated() {
            try index.insert(hash: hash, offset: record * 10, length: 3, line: record + 1, path: "e.jsonl")
        }
        index.seal()
        var claims = index.newClaims()
        var offered: [Int] = []
        #expect(index.claimAlone(1, in: &claims) { _ in true } == nil)  // shares its fingerprint
        #expect(index.claimAlone(2, in: &claims) { _ in true } == nil)  // so does this one
        #expect(index.claimAlone(0, in: &claims) { offered.append($0.line); return false } == nil)  // not accepted
        #expect(index.claimAlone(0, in: &claims) { offered.append($0.line); return true } == 0)
        #expect(index.claimAlone(0, in: &claims) { _ in true } == nil)  // matched
        #expect(index.claimAlone(5, in: &claims) { _ in true } == 5)
        #expect(index.claimAlone(6, in: &claims) { _ in true } == nil && index.claimAlone(-1, in: &claims) { _ in true } == nil)
        #expect(offered == [1, 1])
        #expect(index.claim(hash: 10 << 40, in: &claims) { _ in true } == nil)
        #expect(index.claim(hash: 20 << 40, in: &claims) { _ in true } == 1)
        #expect((0..<6).map(claims.isMatched) == [true, true, false, false, false, true])
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
        var claims = index.newClaims()
        var offers = 0
        var lines: [Int] = []
        for _ in 0..<records {
            let entry = index.claim(hash: 0xABCD_EF01_2345_6789, in: &claims) { _ in
                offers += 1
                return true
            }
            lines.append(entry.map { index.location($0).line } ?? -1)
        }
        #expect(lines == Array(1...records))
        #expect(offers == records)
        #expect(claims.positionsVisited < 3 * records)
        #expect(index.claim(hash: 0xABCD_EF01_2345_6789, in: &claims) { _ in true } == nil)
        #expect(index.claim(hash: 1, in: &claims) { _ in true } == records)
    }

    /// Two lanes claim at once, each the hashes of its lane with claims of its own: between
    /// them they find every record where it is, and their matched records are disjoint.
    @Test func lanesClaimTheirOwnRecordsAtOnce() throws {
        let index = JSONRecordIndex()
        let records = 20_000
        let hash: @Sendable (Int) -> UInt64 = { record in UInt64(record % 5_000) &* 0x9E37_79B9_7F4A_7C15 }
        for record in 0..<records {
            try index.insert(hash: hash(record), offset: record * 10, length: 9, line: record + 1, path: "e.jsonl")
        }
        index.seal()
        #expect(Set((0..<records).map { JSONRecordIndex.lane(of: hash($0), lanes: 2) }) == [0, 1])
        #expect((0..<records).allSatisfy { JSONRecordIndex.lane(of: hash($0), lanes: 1) == 0 })
        let found = LaneClaims()
        // Sealed, the index is only read, which is what this test checks on two threads.
        nonisolated(unsafe) let shared = index
        SecondThread.run(count: 2) { lane in
            let index = shared
            var claims = index.newClaims()
            var lines: [Int] = []
            for record in 0..<records where JSONRecordIndex.lane(of: hash(record), lanes: 2) == lane {
                // Repeated hashes still pair up in file order within a lane.
                lines.append(index.claim(hash: hash(record), in: &claims) { _ in true }.map { index.location($0).line } ?? -1)
            }
            found.set(lane, claims, lines)
        }
        let (zero, zeroLines) = try #require(found.get(0))
        let (one, oneLines) = try #require(found.get(1))
        #expect((0..<records).allSatisfy { zero.isMatched($0) != one.isMatched($0) })
        #expect((zeroLines + oneLines).sorted() == Array(1...records))
        #expect(zeroLines == zeroLines.sorted() && oneLines == oneLines.sorted())
        var all = zero
        all.formUnion(one)
        #expect((0..<records).allSatisfy(all.isMatched))
    }
}

/// What each lane of `lanesClaimTheirOwnRecordsAtOnce` found, written from its thread.
private final class LaneClaims: @unchecked Sendable {
    // Guarded by `lock`.
    private var lanes: [Int: (JSONRecordIndex.Claims, [Int])] = [:]
    private let lock = Lock()

    func set(_ lane: Int, _ claims: JSONRecordIndex.Claims, _ lines: [Int]) { lock.withLock { lanes[lane] = (claims, lines) } }
    func get(_ lane: Int) -> (JSONRecordIndex.Claims, [Int])? { lock.withLock { lanes[lane] } }
}
