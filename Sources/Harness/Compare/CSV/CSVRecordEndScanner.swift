import CHarnessBytes

// Design: count records in bytes that both files share, without parsing them.
//
// When two files are byte-identical over a stretch, their rows there are equal and only
// need counting. With RFC 4180 quoting (CSVDialect.quoteParityFindsRecordEnds) a line
// feed ends a record exactly when an even number of quotes precede it in the record, so
// 64 bytes at a time: compare against `"`, LF and CR with 16-byte vectors; a block with
// no quote and no CR just adds its LF count; otherwise the quote mask is turned into an
// "inside quotes" mask by a prefix XOR and only LFs outside are counted. A CR not
// followed by LF (a lone CR ends a record too) stops the scan before its record, so the
// record parser decides that record; CRLF files stay on the fast path.
//
// Given the header's field count, a record with another number of fields (delimiters
// outside quotes, plus one; a blank line has none) stops the scan before it too: the parser
// then reads it and reports it (exit 2), as it would if the record had not been skipped, so
// a shared ragged row is an error whether or not the bulk path reached it first. Every
// block then needs its delimiter and line-feed bits, and each record end its count.

/// Counts whole records at the start of a buffer of CSV bytes.
enum CSVRecordEndScanner {
    struct Result: Equatable {
        /// Whole records (each ending with its line terminator) in `0..<end`.
        var records = 0
        /// Line breaks in `0..<end`.
        var lines = 0
        /// Index after the last record terminator found (0 when none).
        var end = 0
        /// Whether the scan stopped at a lone CR, or before a record it refuses (the parser
        /// must read that record).
        var stopped = false
    }

    /// Where a scan found record ends, line feeds and quotes, one bit per byte (bit k of
    /// word w is byte 64w + k), so that a caller taking the records it vouched for need not
    /// search their bytes again. Bits are right for bytes before the scan's `end`.
    struct Marks {
        // `unsafe`: three runs of `words` words each, which the caller allocated and keeps
        // alive while the marks are used.
        fileprivate let recordEnds: UnsafeMutablePointer<UInt64>
        fileprivate let lineFeeds: UnsafeMutablePointer<UInt64>
        fileprivate let quotes: UnsafeMutablePointer<UInt64>
        let words: Int

        /// Words each map needs for `count` bytes.
        static func words(for count: Int) -> Int { (count + 63) >> 6 }

        /// Words of storage the three maps need for `count` bytes (never none).
        static func storage(for count: Int) -> Int { 3 * words(for: count) + 1 }

        /// Marks in `storage`, which must hold `storage(for: count)` words.
        init(_ storage: UnsafeMutableBufferPointer<UInt64>, count: Int) {
            words = Self.words(for: count)
            precondition(storage.count >= Self.storage(for: count), "marks need three maps")
            let base = storage.baseAddress.unsafelyUnwrapped  // not nil: it holds at least one word
            recordEnds = base
            lineFeeds = base + words
            quotes = base + 2 * words
        }

        @inline(__always)
        fileprivate func set(block: Int, ends: UInt64, lineFeeds lf: UInt64, quotes q: UInt64) {
            recordEnds[block] = ends
            lineFeeds[block] = lf
            quotes[block] = q
        }

        /// Clears the maps from word `first` on, for bytes marked one at a time.
        fileprivate func clear(from first: Int) {
            guard first < words else { return }
            for map in [recordEnds, lineFeeds, quotes] { (map + first).update(repeating: 0, count: words - first) }
        }

        @inline(__always)
        fileprivate static func mark(_ map: UnsafeMutablePointer<UInt64>, _ index: Int) {
            map[index >> 6] |= 1 << UInt64(index & 63)
        }

        /// One of the three maps.
        enum Map { case recordEnds, lineFeeds, quotes }

        @inline(__always)
        private func words(of map: Map) -> UnsafeMutablePointer<UInt64> {
            switch map {
            case .recordEnds: recordEnds
            case .lineFeeds: lineFeeds
            case .quotes: quotes
            }
        }

        /// The first byte `map` marks at or after `start` and before `end`; `end` must be
        /// within the bytes scanned (stops the program otherwise).
        @inline(__always)
        func first(_ map: Map, from start: Int, before end: Int) -> Int? {
            precondition(start >= 0 && end <= words << 6, "marks read past their bytes")
            guard start < end else { return nil }
            let bits = words(of: map)
            var word = start >> 6
            var found = bits[word] & (~0 << UInt64(start & 63))
            while found == 0 {
                word += 1
                if word << 6 >= end { return nil }
                found = bits[word]
            }
            let position = word << 6 + found.trailingZeroBitCount
            return position < end ? position : nil
        }

        /// How many bytes `map` marks in `range`, which must be within the bytes scanned.
        @inline(__always)
        func count(_ map: Map, in range: Range<Int>) -> Int {
            precondition(range.lowerBound >= 0 && range.upperBound <= words << 6, "marks read past their bytes")
            guard !range.isEmpty else { return 0 }
            let bits = words(of: map)
            let first = range.lowerBound >> 6, last = (range.upperBound - 1) >> 6
            let low: UInt64 = ~0 << UInt64(range.lowerBound & 63)
            let high: UInt64 = ~0 >> UInt64(63 - ((range.upperBound - 1) & 63))
            if first == last { return (bits[first] & low & high).nonzeroBitCount }
            var total = (bits[first] & low).nonzeroBitCount + (bits[last] & high).nonzeroBitCount
            for word in first + 1..<last { total += bits[word].nonzeroBitCount }
            return total
        }
    }

    private typealias Vector = SIMD16<UInt8>

    /// Scans `bytes`, which must start at the beginning of a record. With `fields`, it also
    /// stops before the first record the parser would refuse: another number of fields
    /// separated by `delimiter`, a NUL byte, a quote that does not open a field, or a byte
    /// other than a delimiter or line end after a closing quote. With `marks` (sized for
    /// `bytes.count`), it also marks where records end, line feeds and quotes are. With
    /// `fields`, it may end at the first 64-byte block by which it has found `enough`
    /// records (a caller that will take no more need not pay for scanning the rest).
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, fields: Int? = nil, delimiter: UInt8 = ASCII.comma,
                     marks: Marks? = nil, enough: Int = .max) -> Result {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return Result() }
        precondition(marks.map { $0.words >= Marks.words(for: bytes.count) } ?? true, "marks too small for the bytes")
        let count = bytes.count
        let raw = UnsafeRawPointer(base)
        let quote = Vector(repeating: ASCII.quote)
        let lf = Vector(repeating: ASCII.newline)
        let cr = Vector(repeating: ASCII.carriageReturn)
        var result = Result()
        var inside: UInt64 = 0  // all ones while inside quotes at the current block start
        var lineCounts = Vector(repeating: 0)
        var recordCounts = Vector(repeating: 0)
        var pendingBlocks = 0
        var lastEndBlock = -1  // start of the last block that held a record end
        var insideAtLastEndBlock: UInt64 = 0
        let separators = fields.map { $0 - 1 } ?? -1
        let delimiters = Vector(repeating: delimiter)
        let nul = Vector(repeating: 0)
        /// Delimiters outside quotes since the last record end.
        var carried = 0
        /// Whether the byte before the block starts a field (a delimiter or LF outside
        /// quotes, or the start of the bytes), and whether it was a closing quote.
        var fieldStartBefore = true
        var closerBefore = false
        var i = 0
        // `unsafe`: every vector load reads bytes i..<i+64 with i + 64 <= count.
        while i + 64 <= count {
            let v0 = raw.loadUnaligned(fromByteOffset: i, as: Vector.self)
            let v1 = raw.loadUnaligned(fromByteOffset: i + 16, as: Vector.self)
            let v2 = raw.loadUnaligned(fromByteOffset: i + 32, as: Vector.self)
            let v3 = raw.loadUnaligned(fromByteOffset: i + 48, as: Vector.self)
            let l0 = equal(v0, lf), l1 = equal(v1, lf), l2 = equal(v2, lf), l3 = equal(v3, lf)
            let q0 = equal(v0, quote), q1 = equal(v1, quote), q2 = equal(v2, quote), q3 = equal(v3, quote)
            let c0 = equal(v0, cr), c1 = equal(v1, cr), c2 = equal(v2, cr), c3 = equal(v3, cr)
            // Lanes hold 0xFF per LF, so subtracting counts up (at most 4 per lane per block).
            let lineSum = (l0 &+ l1) &+ (l2 &+ l3)
            let noQuote = isZero((q0 | q1) | (q2 | q3))
            let noCR = isZero((c0 | c1) | (c2 | c3))
            let checking = separators >= 0
            if checking {
                // Anything unusual goes to the byte-by-byte loop below, which decides exactly
                // (and stops before the record, if it is refused).
                if !isZero((equal(v0, nul) | equal(v1, nul)) | (equal(v2, nul) | equal(v3, nul))) { break }
                if closerBefore && !(base[i] == delimiter || base[i] == ASCII.newline || base[i] == ASCII.carriageReturn
                    || base[i] == ASCII.quote) { break }
            }
            if checking && noQuote && noCR && isZero(lineSum) {
                // No record ends here: only the delimiters (outside quotes) count.
                if inside == 0 {
                    let d0 = equal(v0, delimiters), d1 = equal(v1, delimiters), d2 = equal(v2, delimiters), d3 = equal(v3, delimiters)
                    carried += byteSum(Vector(repeating: 0) &- ((d0 &+ d1) &+ (d2 &+ d3)))
                }
                fieldStartBefore = inside == 0 && base[i + 63] == delimiter
                closerBefore = false
                marks?.set(block: i >> 6, ends: 0, lineFeeds: 0, quotes: 0)
            } else if !checking && noQuote && noCR {
                if let marks {
                    let lfBits = bits(l0, l1, l2, l3)
                    marks.set(block: i >> 6, ends: inside == 0 ? lfBits : 0, lineFeeds: lfBits, quotes: 0)
                }
                lineCounts &-= lineSum
                if inside == 0 && !isZero(lineSum) {
                    recordCounts &-= lineSum
                    lastEndBlock = i
                    insideAtLastEndBlock = 0
                }
            } else {
                let lfBits = bits(l0, l1, l2, l3)
                let crBits = noCR ? 0 : bits(c0, c1, c2, c3)
                if crBits != 0 && hasLoneCR(crBits, lfBits, next: i + 64, base, count) { break }
                let quoteBits = noQuote ? 0 : bits(q0, q1, q2, q3)
                let insideBits = noQuote ? inside : prefixXor(quoteBits) ^ inside
                let ends = lfBits & ~insideBits
                if checking {
                    let delimiterBits = bits(equal(v0, delimiters), equal(v1, delimiters), equal(v2, delimiters),
                                             equal(v3, delimiters))
                    let starts = (delimiterBits | lfBits) & ~insideBits
                    let closers = quoteBits & ~insideBits
                    if quoteBits != 0 {
                        let next = i + 64 < count ? base[i + 64] : 0  // past the bytes: not known, so not followed
                        guard quotesPlaced(quoteBits, insideBits, starts: starts, followers: delimiterBits | lfBits | crBits,
                                           fieldStartBefore: fieldStartBefore, closerBefore: closerBefore,
                                           lastFollowed: next == delimiter || next == ASCII.newline
                                               || next == ASCII.carriageReturn || next == ASCII.quote)
                        else { break }
                    }
                    guard let after = checkFields(ends: ends, delimiters: delimiterBits & ~insideBits, carried: carried,
                                                  separators: separators)
                    else { break }  // a record with another field count: the loop below stops before it
                    // The block is settled: only now does the state move past it (a `break`
                    // above leaves it at the block's start for the loop below).
                    carried = after
                    closerBefore = closers >> 63 == 1
                    fieldStartBefore = starts >> 63 == 1
                }
                if ends != 0 {
                    result.records += ends.nonzeroBitCount
                    lastEndBlock = i
                    insideAtLastEndBlock = inside
                }
                marks?.set(block: i >> 6, ends: ends, lineFeeds: lfBits, quotes: quoteBits)
                lineCounts &-= lineSum
                inside = insideBits >> 63 == 1 ? ~0 : 0
            }
            pendingBlocks += 1
            if pendingBlocks == 60 {
                result.lines += byteSum(lineCounts)
                result.records += byteSum(recordCounts)
                lineCounts = Vector(repeating: 0)
                recordCounts = Vector(repeating: 0)
                pendingBlocks = 0
            }
            i += 64
            // (Checking counts records block by block, so the count is whole here.)
            if checking && result.records >= enough { break }
        }
        let hasEnough = separators >= 0 && result.records >= enough
        result.lines += byteSum(lineCounts)
        result.records += byteSum(recordCounts)
        var inQuotes = inside != 0
        var fieldStart = fieldStartBefore
        var afterCloser = closerBefore
        marks?.clear(from: i >> 6)
        // The tail (under 64 bytes, or a block the loop above did not settle), byte by byte.
        while i < count && !hasEnough {
            let byte = base[i]
            if separators >= 0 {
                // The parser's rules for the records it accepts (see the scan's doc comment).
                let refused: Bool
                if byte == 0 {
                    refused = true
                } else if inQuotes || byte == ASCII.quote {
                    refused = !inQuotes && !fieldStart && !afterCloser
                } else {
                    refused = afterCloser && byte != delimiter && byte != ASCII.newline && byte != ASCII.carriageReturn
                }
                if refused {
                    result.stopped = true
                    break
                }
                if byte == ASCII.quote && inQuotes && i + 1 >= count { break }  // the next byte decides
                afterCloser = byte == ASCII.quote && inQuotes
                fieldStart = !inQuotes && (byte == delimiter || byte == ASCII.newline)
            }
            if byte == ASCII.quote {
                inQuotes.toggle()
                if let marks { Marks.mark(marks.quotes, i) }
            } else if byte == delimiter && separators >= 0 {
                if !inQuotes { carried += 1 }
            } else if byte == ASCII.newline {
                if !inQuotes && separators >= 0 {
                    guard carried == separators else {
                        result.stopped = true
                        break
                    }
                    carried = 0
                }
                result.lines += 1
                if let marks { Marks.mark(marks.lineFeeds, i) }
                if !inQuotes {
                    result.records += 1
                    result.end = i + 1
                    if let marks { Marks.mark(marks.recordEnds, i) }
                }
            } else if byte == ASCII.carriageReturn && (i + 1 >= count || base[i + 1] != ASCII.newline) {
                // At the very end the next byte is unknown yet; otherwise a lone CR.
                result.stopped = i + 1 < count
                break
            }
            i += 1
        }
        if result.end == 0 && lastEndBlock >= 0 {
            result.end = lastEndBlock + 64 - highestEnd(in: base + lastEndBlock, inside: insideAtLastEndBlock)
        }
        // Line breaks after the last record end belong to the unfinished record.
        let scannedEnd = i
        var trailing = 0
        var j = result.end
        while j < scannedEnd {
            if base[j] == ASCII.newline { trailing += 1 }
            j += 1
        }
        result.lines -= trailing
        return result
    }

    /// Whether a block's CRs hold one not followed by LF (a lone CR ends a record: the
    /// parser decides it); `next` is the index after the block.
    @inline(__always)
    private static func hasLoneCR(_ crBits: UInt64, _ lfBits: UInt64, next: Int, _ base: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        let nextIsLF: UInt64 = next < count && base[next] == ASCII.newline ? 1 << 63 : 0
        return crBits & ~((lfBits >> 1) | nextIsLF) != 0
    }

    /// Whether a block's quotes are where the strict rules allow: an opening quote starts a
    /// field or doubles a closing one; a closing quote is followed by a delimiter, a line end
    /// or a doubling quote (`lastFollowed` says so for one on the block's last byte).
    @inline(__always)
    private static func quotesPlaced(_ quoteBits: UInt64, _ insideBits: UInt64, starts: UInt64, followers: UInt64,
                                     fieldStartBefore: Bool, closerBefore: Bool, lastFollowed: Bool) -> Bool {
        let openers = quoteBits & insideBits, closers = quoteBits & ~insideBits
        let fieldStarts = starts << 1 | (fieldStartBefore ? 1 : 0)
        let afterCloser = closers << 1 | (closerBefore ? 1 : 0)
        let followed = (openers | followers) >> 1 | (lastFollowed ? 1 << 63 : 0)
        return openers & ~(fieldStarts | afterCloser) == 0 && closers & ~followed == 0
    }

    /// The delimiters carried past a block whose record ends and delimiters (outside
    /// quotes) are the bits given, when each record ending in it has `separators`
    /// delimiters (with `carried` from before the block); nil otherwise.
    @inline(__always)
    private static func checkFields(ends: UInt64, delimiters: UInt64, carried: Int, separators: Int) -> Int? {
        if ends & (ends &- 1) == 0 {
            // At most one record end, the usual case.
            let before = (ends &- 1) & ~ends  // the bits below the end; all ones when there is none
            guard ends == 0 || carried + (delimiters & before).nonzeroBitCount == separators else { return nil }
            return ends == 0 ? carried + delimiters.nonzeroBitCount : (delimiters & ~before & ~ends).nonzeroBitCount
        }
        var carried = carried
        var remaining = ends
        var seen: UInt64 = 0  // bits up to and including the last record end
        while remaining != 0 {
            let end = remaining.trailingZeroBitCount
            let upTo: UInt64 = end == 63 ? .max : (1 << UInt64(end + 1)) &- 1
            guard carried + (delimiters & upTo & ~seen).nonzeroBitCount == separators else { return nil }
            carried = 0
            seen = upTo
            remaining &= remaining &- 1
        }
        return carried + (delimiters & ~seen).nonzeroBitCount
    }

    /// How many bytes of the 64-byte block at `block` follow its last record end.
    // `unsafe`: `block` is a whole 64-byte block the scan loop already read.
    private static func highestEnd(in block: UnsafePointer<UInt8>, inside: UInt64) -> Int {
        let raw = UnsafeRawPointer(block)
        let v0 = raw.loadUnaligned(fromByteOffset: 0, as: Vector.self)
        let v1 = raw.loadUnaligned(fromByteOffset: 16, as: Vector.self)
        let v2 = raw.loadUnaligned(fromByteOffset: 32, as: Vector.self)
        let v3 = raw.loadUnaligned(fromByteOffset: 48, as: Vector.self)
        let lf = Vector(repeating: ASCII.newline)
        let quote = Vector(repeating: ASCII.quote)
        let lfBits = bits(equal(v0, lf), equal(v1, lf), equal(v2, lf), equal(v3, lf))
        let quoteBits = bits(equal(v0, quote), equal(v1, quote), equal(v2, quote), equal(v3, quote))
        let ends = lfBits & ~(prefixXor(quoteBits) ^ inside)
        return ends.leadingZeroBitCount
    }

    // MARK: - Vector steps

    @inline(__always)
    private static func equal(_ v: Vector, _ byte: Vector) -> Vector {
        // `unsafe`: SIMDMask<SIMD16<Int8>> is 16 bytes of 0x00 or 0xFF.
        unsafeBitCast(v .== byte, to: Vector.self)
    }

    @inline(__always)
    private static func words(_ v: Vector) -> (UInt64, UInt64) {
        // `unsafe`: 16 bytes reinterpreted as two 8-byte words, same size, no padding.
        unsafeBitCast(v, to: (UInt64, UInt64).self)
    }

    @inline(__always)
    private static func isZero(_ v: Vector) -> Bool {
        let (low, high) = words(v)
        return low | high == 0
    }

    /// Sum of the 16 byte lanes (each at most 240 between flushes).
    @inline(__always)
    private static func byteSum(_ v: Vector) -> Int {
        let (low, high) = words(v)
        let mask: UInt64 = 0x00FF_00FF_00FF_00FF
        let pairs = ((low & mask) &+ ((low >> 8) & mask)) &+ ((high & mask) &+ ((high >> 8) & mask))
        return Int(truncatingIfNeeded: (pairs &* 0x0001_0001_0001_0001) >> 48)
    }

    @inline(__always)
    private static func bits(_ v0: Vector, _ v1: Vector, _ v2: Vector, _ v3: Vector) -> UInt64 {
        func sixteen(_ v: Vector) -> UInt64 { UInt64(harness_lane_bits(v)) }
        return sixteen(v0) | sixteen(v1) << 16 | sixteen(v2) << 32 | sixteen(v3) << 48
    }

    /// Bit k becomes the XOR of bits 0...k: 1 where an odd number of quotes came before.
    @inline(__always)
    private static func prefixXor(_ mask: UInt64) -> UInt64 {
        var m = mask
        m ^= m << 1
        m ^= m << 2
        m ^= m << 4
        m ^= m << 8
        m ^= m << 16
        m ^= m << 32
        return m
    }

    // MARK: - Comparing bytes

    /// Length of the common prefix of `a` and `b` (up to the shorter one).
    static func commonPrefix(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let count = min(a.count, b.count)
        guard count > 0, let pa = a.baseAddress, let pb = b.baseAddress else { return 0 }
        var i = 0
        let step = 4096
        while i + step <= count && RawMemory.equal(pa + i, pb + i, count: step) { i += step }
        // `unsafe`: word loads read bytes i..<i+8 of both, with i + 8 <= count.
        while i + 8 <= count {
            let x = UnsafeRawPointer(pa + i).loadUnaligned(as: UInt64.self)
            let y = UnsafeRawPointer(pb + i).loadUnaligned(as: UInt64.self)
            if x != y { return i + (x ^ y).littleEndian.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < count && pa[i] == pb[i] { i += 1 }
        return i
    }
}
