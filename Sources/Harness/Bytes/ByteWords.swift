/// Eight bytes at a time (SWAR): a word loaded little-endian (`ByteRun.word(at:)`) tested
/// for one byte value in all eight lanes at once. The byte searches of the JSON Lines key
/// read and the lockstep walk share this one bit trick.
enum ByteWords {
    /// `byte` in every lane of a word.
    @inline(__always)
    static func lanes(_ byte: UInt8) -> UInt64 {
        UInt64(byte) &* 0x0101_0101_0101_0101
    }

    /// Bit 7 of each lane of `word` that equals the lane of `pattern` (`lanes(_:)`), exactly:
    /// after the xor a match is 0, and (x & 0x7F) + 0x7F stays below 0x100, so no carry
    /// crosses lanes (the shorter "has a zero byte" test may flag lanes above the first match).
    @inline(__always)
    static func matches(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
        let x = word ^ pattern
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((x & low) &+ low) | x) & ~low
    }
}
