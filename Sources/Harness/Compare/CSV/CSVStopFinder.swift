import CHarnessBytes

/// Finds the next byte that ends a run of plain field bytes (a delimiter, quote, line
/// end, escape or NUL), 16 bytes at a time: fields are short, but numbers and text are
/// often longer than the handful of bytes a per-byte loop handles per nanosecond.
///
/// The reader keeps 16 readable bytes after its valid data and a NUL right after it, so
/// a search always stops at or before the end of the data.
///
/// Debug builds (the test suite) search byte by byte with a table instead: unspecialized
/// SIMD code is a hundred times slower there. Tests check that both searches agree.
struct CSVStopFinder {
    private let stops: CSVStopBytes

    /// Up to six stop bytes; NUL always stops (it is the end sentinel and binary input).
    init(_ bytes: [UInt8]) {
        stops = CSVStopBytes(bytes)
    }

    /// The index of the first stop byte at or after `start`.
    @inline(__always)
    func find(in base: UnsafePointer<UInt8>, from start: Int) -> Int {
        #if DEBUG
        return byteByByte(in: base, from: start)
        #else
        return next(in: base, from: start)
        #endif
    }

    /// `find` one byte at a time.
    func byteByByte(in base: UnsafePointer<UInt8>, from start: Int) -> Int {
        var i = start
        while !stops.contains(base[i]) { i += 1 }
        return i
    }

    /// `find` sixteen bytes at a time.
    // `unsafe`: reads 16 bytes from `base + i`; the caller guarantees they are allocated
    // and that a NUL sentinel stops the search before it leaves them.
    @inline(__always)
    func next(in base: UnsafePointer<UInt8>, from start: Int) -> Int {
        var i = start
        while true {
            let hits = harness_lane_bits(Self.mask(stops.lanes(of: UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<UInt8>.self))))
            if hits != 0 { return i &+ hits.trailingZeroBitCount }
            i &+= 16
        }
    }

    @inline(__always)
    private static func mask(_ m: SIMDMask<SIMD16<Int8>>) -> SIMD16<UInt8> {
        // `unsafe`: a 16-lane mask is 16 bytes of 0x00 or 0xFF.
        unsafeBitCast(m, to: SIMD16<UInt8>.self)
    }
}

/// Marks the bytes among 64 that end a plain field (delimiter, quote, line end, escape,
/// NUL) in one bit mask, bit k for byte k. The scanner's fast path walks the bits, so the
/// fields of a block are found one `trailingZeroBitCount` apart instead of by a chain of a
/// load, compares and a table lookup per field: that chain's latency, not its instruction
/// count, bounded the scan. Whether a stop is a delimiter is read from the byte itself,
/// off the chain.
///
/// Reads 64 bytes from the offset given: the reader keeps that many readable past its data.
/// Debug builds classify byte by byte (unspecialized SIMD is slow there), with the same mask.
struct CSVBlockClassifier {
    private let stops: CSVStopBytes

    /// `stops`: up to five bytes besides NUL, which always stops.
    init(stops bytes: [UInt8]) {
        stops = CSVStopBytes(bytes)
    }

    // `unsafe`: reads `base[at..<at + 64]`; the caller guarantees they are allocated.
    @inline(__always)
    func mask(in base: UnsafePointer<UInt8>, at: Int) -> UInt64 {
        #if DEBUG
        return byteByByte(in: base, at: at)
        #else
        return vector(in: base, at: at)
        #endif
    }

    /// `mask` one byte at a time.
    func byteByByte(in base: UnsafePointer<UInt8>, at: Int) -> UInt64 {
        var mask: UInt64 = 0
        for k in 0..<64 where stops.contains(base[at + k]) { mask |= 1 << UInt64(k) }
        return mask
    }

    /// `mask` sixteen bytes at a time.
    @inline(__always)
    func vector(in base: UnsafePointer<UInt8>, at: Int) -> UInt64 {
        var mask: UInt64 = 0
        for chunk in 0..<4 {
            let v = UnsafeRawPointer(base + at + chunk * 16).loadUnaligned(as: SIMD16<UInt8>.self)
            mask |= Self.bits(stops.lanes(of: v)) << UInt64(chunk * 16)
        }
        return mask
    }

    /// The 16 lanes of a mask as 16 bits (HarnessBytes.h).
    @inline(__always)
    private static func bits(_ mask: SIMDMask<SIMD16<Int8>>) -> UInt64 {
        // `unsafe`: a 16-lane mask is 16 bytes of 0x00 or 0xFF.
        UInt64(harness_lane_bits(unsafeBitCast(mask, to: SIMD16<UInt8>.self)))
    }
}

/// Up to six bytes that end a run of plain field bytes, NUL always among them (it is the
/// end sentinel and binary input), as vectors for 16-lane compares and as a table.
struct CSVStopBytes {
    private typealias Vector = SIMD16<UInt8>
    private let stops: (Vector, Vector, Vector, Vector, Vector, Vector)
    /// How many of `stops` are distinct: the rest repeat NUL and are not compared.
    private let used: Int
    /// 1 for a stop byte.
    private let table: [UInt8]

    init(_ bytes: [UInt8]) {
        var all: [UInt8] = []
        for byte in bytes where byte != ASCII.nul && !all.contains(byte) { all.append(byte) }
        all.append(ASCII.nul)
        used = max(all.count, 4)
        while all.count < 6 { all.append(ASCII.nul) }
        stops = (Vector(repeating: all[0]), Vector(repeating: all[1]), Vector(repeating: all[2]),
                 Vector(repeating: all[3]), Vector(repeating: all[4]), Vector(repeating: all[5]))
        var table = [UInt8](repeating: 0, count: 256)
        for byte in all { table[Int(byte)] = 1 }
        self.table = table
    }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        table.withUnsafeBufferPointer { $0[Int(byte)] != 0 }
    }

    /// The lanes of `v` that hold a stop byte.
    @inline(__always)
    func lanes(of v: SIMD16<UInt8>) -> SIMDMask<SIMD16<Int8>> {
        var found = (v .== stops.0) .| (v .== stops.1) .| (v .== stops.2) .| (v .== stops.3)
        // The same branch every time for one set of stops: predicted.
        if used > 4 { found = found .| (v .== stops.4) }
        if used > 5 { found = found .| (v .== stops.5) }
        return found
    }
}
