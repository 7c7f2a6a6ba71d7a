/// Finds the next byte that ends a run of plain field bytes (a delimiter, quote, line
/// end, escape or NUL), 16 bytes at a time: fields are short, but numbers and text are
/// often longer than the handful of bytes a per-byte loop handles per nanosecond.
///
/// The reader keeps 16 readable bytes after its valid data and a NUL right after it, so
/// a search always stops at or before the end of the data.
struct CSVStopFinder {
    private typealias Vector = SIMD16<UInt8>
    private let stops: (Vector, Vector, Vector, Vector, Vector, Vector)

    /// Up to six stop bytes; NUL always stops (it is the end sentinel and binary input).
    init(_ bytes: [UInt8]) {
        var all = bytes.filter { $0 != CSVByte.nul }
        while all.count < 6 { all.append(CSVByte.nul) }
        stops = (Vector(repeating: all[0]), Vector(repeating: all[1]), Vector(repeating: all[2]),
                 Vector(repeating: all[3]), Vector(repeating: all[4]), Vector(repeating: all[5]))
    }

    /// The index of the first stop byte at or after `start`.
    // `unsafe`: reads 16 bytes from `base + i`; the caller guarantees they are allocated
    // and that a NUL sentinel stops the search before it leaves them.
    @inline(__always)
    func next(in base: UnsafePointer<UInt8>, from start: Int) -> Int {
        var i = start
        while true {
            let v = UnsafeRawPointer(base + i).loadUnaligned(as: Vector.self)
            let hits = Self.mask(v .== stops.0) | Self.mask(v .== stops.1) | Self.mask(v .== stops.2)
                | Self.mask(v .== stops.3) | Self.mask(v .== stops.4) | Self.mask(v .== stops.5)
            let (low, high) = unsafeBitCast(hits, to: (UInt64, UInt64).self)
            if low != 0 { return i &+ low.trailingZeroBitCount &>> 3 }
            if high != 0 { return i &+ 8 &+ high.trailingZeroBitCount &>> 3 }
            i &+= 16
        }
    }

    @inline(__always)
    private static func mask(_ m: SIMDMask<SIMD16<Int8>>) -> Vector {
        // `unsafe`: a 16-lane mask is 16 bytes of 0x00 or 0xFF.
        unsafeBitCast(m, to: Vector.self)
    }
}
