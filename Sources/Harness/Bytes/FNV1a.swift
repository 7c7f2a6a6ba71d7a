/// FNV-1a, 64 bits: a hash whose values are part of the contract, so it must never change.
/// `--shard K/N` assigns cases by it (CI jobs keep their cases across harness versions) and
/// Python environments are cached under it. Not for speed (`ByteHasher` is) nor security.
enum FNV1a {
    static func hash<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
