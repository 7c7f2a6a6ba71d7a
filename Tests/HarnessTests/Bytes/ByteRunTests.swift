import Testing
@testable import Harness

/// `ByteRun` and `ElementTable` are the checked views through which everything but the
/// readers reaches memory: reads inside give the bytes they name.
@Suite struct ByteRunTests {
    @Test func slicesAndWordsReadTheBytesTheyName() {
        ByteRun.with("0123456789abcdef") { run in
            #expect(run.count == 16)
            #expect(run[0] == UInt8(ascii: "0") && run[15] == UInt8(ascii: "f"))
            let middle = run.run(4..<12)
            #expect(String(decoding: middle, as: UTF8.self) == "456789ab")
            #expect(middle.word(at: 0) == UInt64(littleEndian: 0x6261_3938_3736_3534))
            #expect(middle.word32(at: 4) == UInt32(littleEndian: 0x6261_3938))
            #expect(run.firstIndex(of: UInt8(ascii: "a")) == 10)
            #expect(run.firstIndex(of: UInt8(ascii: "a"), from: 11) == nil)
            #expect(middle.same(as: Array("456789ab".utf8)) && !middle.same(as: run))
            #expect(Array(run.run(from: 14)) == Array("ef".utf8))
            var copy: [UInt8] = [1, 2]
            copy.append(contentsOf: middle)
            #expect(copy == [1, 2] + Array("456789ab".utf8))
            #expect(ByteRun.empty.isEmpty && Array(ByteRun.empty).isEmpty)
        }
    }

    @Test func paddedWordsReadPaddingOnlyWhereTheReaderLentIt() {
        // A cell cut from a longer buffer may read on into the rest (its padding); a run
        // with nothing after it reads zeros there instead.
        ByteRun.with("12.5XXXXXXXX") { buffer in
            let padded = buffer.run(0..<4)
            #expect(padded.paddedWord(at: 0) == UInt64(littleEndian: 0x5858_5858_352E_3231))
        }
        ByteRun.with("12.5") { alone in
            #expect(alone.paddedWord(at: 0) == 0x352E_3231)
            #expect(alone.paddedWord(at: 2) == 0x352E)
            #expect(alone.paddedWord(at: 9) == 0)
        }
    }

    // That an index outside stops the program is not tested here: Swift Testing's exit
    // tests wait for any child (`waitid(P_ALL, WNOWAIT)`) and spin on the zombies this
    // suite's process tests leave for the library to reap, which hung the whole run.
    @Test func tablesReadAndWriteInPlace() {
        let table = ElementTable([10, 20, 30])
        defer { table.deallocate() }
        #expect(table.count == 3)
        table[1] += 5
        let last = table.ref(2)
        last.value *= 2
        #expect((0..<3).map { table[$0] } == [10, 25, 60])
    }

    /// Every lane equal to the pattern's byte is flagged, and no other: with the byte next to
    /// a match (where a carry would show) and every byte value as the pattern.
    @Test func wordMatchesFlagExactlyTheEqualLanes() {
        var random = SplitMix(seed: 31)
        for pattern in 0...255 {
            let byte = UInt8(pattern)
            for _ in 0..<64 {
                let lanes = (0..<8).map { _ -> UInt8 in
                    switch random.next(4) {
                    case 0: return byte
                    case 1: return byte &+ 1
                    case 2: return byte &- 1
                    default: return UInt8(random.next(256))
                    }
                }
                let word = lanes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) }
                let expected = lanes.enumerated().reduce(UInt64(0)) { $0 | ($1.element == byte ? UInt64(0x80) << UInt64(8 * $1.offset) : 0) }
                #expect(ByteWords.matches(word, ByteWords.lanes(byte)) == expected, "pattern \(pattern), lanes \(lanes)")
            }
        }
    }
}
