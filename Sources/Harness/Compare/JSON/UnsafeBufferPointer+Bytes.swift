extension UnsafeBufferPointer where Element == UInt8 {
    /// Whether both hold the same bytes; `memcmp`, which the C library vectorises.
    @inline(__always)
    func sameBytes(as other: UnsafeBufferPointer<UInt8>) -> Bool {
        guard count == other.count else { return false }
        guard count > 0, let mine = baseAddress, let theirs = other.baseAddress else { return true }
        return RawMemory.equal(mine, theirs, count: count)
    }

    /// Whether the bytes equal `other`'s.
    func sameBytes(as other: [UInt8]) -> Bool {
        other.withUnsafeBufferPointer { sameBytes(as: $0) }
    }
}
