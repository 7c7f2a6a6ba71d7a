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
    private typealias Vector = SIMD16<UInt8>
    private let stops: (Vector, Vector, Vector, Vector, Vector, Vector)
    /// 1 for a stop byte, for the byte-by-byte search.
    private let table: [UInt8]

    /// Up to six stop bytes; NUL always stops (it is the end sentinel and binary input).
    init(_ bytes: [UInt8]) {
        var all = bytes.filter { $0 != CSVByte.nul }
        while all.count < 6 { all.append(CSVByte.nul) }
        stops = (Vector(repeating: all[0]), Vector(repeating: all[1]), Vector(repeating: all[2]),
                 Vector(repeating: all[3]), Vector(repeating: all[4]), Vector(repeating: all[5]))
        var table = [UInt8](repeating: 0, count: 256)
        for byte in all { table[Int(byte)] = 1 }
        self.table = table
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
        table.withUnsafeBufferPointer { table in
            var i = start
            while table[Int(base[i])] == 0 { i += 1 }
            return i
        }
    }

    /// `find` sixteen bytes at a time.
    // `unsafe`: reads 16 bytes from `base + i`; the caller guarantees they are allocated
    // and that a NUL sentinel stops the search before it leaves them.
    @inline(__always)
    func next(in base: UnsafePointer<UInt8>, from start: Int) -> Int {
        var i = start
        while true {
            let v = UnsafeRawPointer(base + i).loadUnaligned(as: Vector.self)
            let hits = Self.mask(v .== stops.0) | Self.mask(v .== stops.1) | Self.mask(v .== stops.2)
                | Self.mask(v .== stops.3) | Self.mask(v .== stops.4) | Self.mask(v .== stops.5)
            // `unsafe`: 16 bytes reinterpreted as two 8-byte words, same size.
            let (low, high) = unsafeBitCast(hits, to: (UInt64, UInt64).self)
            if low | high != 0 {
                // A select rather than a branch: fields end in either half about as often.
                let offset = low != 0 ? low.trailingZeroBitCount &>> 3 : 8 &+ high.trailingZeroBitCount &>> 3
                return i &+ offset
            }
            i &+= 16
        }
    }

    @inline(__always)
    private static func mask(_ m: SIMDMask<SIMD16<Int8>>) -> Vector {
        // `unsafe`: a 16-lane mask is 16 bytes of 0x00 or 0xFF.
        unsafeBitCast(m, to: Vector.self)
    }
}
