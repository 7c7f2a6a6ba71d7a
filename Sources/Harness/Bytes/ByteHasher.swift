/// The fast 64-bit hash of byte strings (multiply-fold mixing in the style of wyhash), for
/// every in-memory index: the keyed comparison's rows and keys, a contract's fingerprints of
/// text values, the pattern memo. Not cryptographic and not stable across versions (nothing
/// stores it; `FNV1a` is the stable one). Collisions are handled by the callers (keys are
/// verified byte for byte) or, for whole-row hashes and fingerprints, have a chance of 2^-64.
struct ByteHasher {
    private static let prime0: UInt64 = 0xA076_1D64_78BD_642F
    private static let prime1: UInt64 = 0xE703_7ED1_A0B4_28DB
    private static let prime2: UInt64 = 0x8EBC_6AF0_9C88_C6E3

    private(set) var state: UInt64

    init(seed: UInt64 = 0x1234_5678_9ABC_DEF1) {
        state = seed ^ Self.prime0
    }

    /// The high and low halves of the 128-bit product, folded.
    @inline(__always)
    private static func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    /// Mixes in `bytes` and their length (so `"ab","c"` and `"a","bc"` differ).
    @inline(__always)
    mutating func combine(_ bytes: ByteRun) {
        bytes.withUnsafeBuffer { combine(UnsafeRawBufferPointer($0)) }
    }

    @inline(__always)
    private mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        var h = state
        let count = bytes.count
        if let raw = bytes.baseAddress {
            var i = 0
            // `unsafe`: loads read bytes i..<i+8 with i + 8 <= count.
            if count >= 64 {
                // Two independent chains of folds (a row of a CSV file is often this long):
                // each fold waits on the one before it in its chain, not on the other's.
                var other = h ^ Self.prime2
                while i + 32 <= count {
                    h = Self.fold(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ Self.prime1,
                                  raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self) ^ h)
                    other = Self.fold(raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self) ^ Self.prime2,
                                      raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self) ^ other)
                    i += 32
                }
                h = Self.fold(h ^ Self.prime0, other)
            }
            while i + 16 <= count {
                let a = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let b = raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                h = Self.fold(a ^ Self.prime1, b ^ h)
                i += 16
            }
            if i + 8 <= count {
                h = Self.fold(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ Self.prime1, h ^ Self.prime2)
                i += 8
            }
            if i < count {
                var tail: UInt64 = 0
                if count >= 8 {
                    // The last eight bytes, some already mixed in: one load, not a byte loop.
                    tail = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
                } else {
                    var shift: UInt64 = 0
                    while i < count {
                        tail |= UInt64(raw.load(fromByteOffset: i, as: UInt8.self)) << shift
                        shift += 8
                        i += 1
                    }
                }
                h = Self.fold(tail ^ Self.prime2, h ^ Self.prime1)
            }
        }
        state = Self.fold(h ^ UInt64(count), Self.prime0 ^ Self.prime2)
    }

    /// The hash of everything combined so far.
    var value: UInt64 {
        Self.fold(state ^ Self.prime1, Self.prime2)
    }

    /// The hash of `bytes` alone.
    static func hash(_ bytes: ByteRun, seed: UInt64 = 0x1234_5678_9ABC_DEF1) -> UInt64 {
        var hasher = ByteHasher(seed: seed)
        hasher.combine(bytes)
        return hasher.value
    }
}
