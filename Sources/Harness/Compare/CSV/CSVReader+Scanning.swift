// The record scanner: one pass over a record's bytes that finds its end and its fields.
// Runs of plain bytes are skipped 16 bytes at a time (CSVStopFinder), so the common
// unquoted field costs a few vector compares. Errors compute their line and column
// from the record's first byte only when they are thrown.

extension CSVReader {
    enum ScanOutcome {
        /// The buffer ends before the record does.
        case needMore
        /// A comment line, skipped; `next` is the first byte after it.
        case comment(next: Int, lines: Int)
        /// A record in `start..<end`; the next record starts at `next`.
        case record(end: Int, next: Int, fields: Int, lines: Int, unescape: Bool)
    }

    /// Scans the record starting at buffer index `recordStart`, filling `spans`.
    /// - Throws: `HarnessError.malformed` for an unterminated quote, a stray quote, a NUL.
    func scanRecord(from recordStart: Int) throws -> ScanOutcome {
        try scanRecord(from: recordStart, unquotedStops: unquotedStops, quotedStops: quotedStops)
    }

    // `unsafe`: every index read below is at most `end`; `buffer[end]` is the NUL sentinel
    // (a stop in both tables), so the inner loops end there without a bounds test and the
    // code after them checks `i == end` before using the byte.
    private func scanRecord(from recordStart: Int, unquotedStops: CSVStopFinder,
                            quotedStops: CSVStopFinder) throws -> ScanOutcome {
        let b = buffer
        let end = self.end
        let atEnd = self.atEnd
        let delimiter = dialect.delimiter
        let quote = dialect.quoteChar.map(Int.init) ?? -1
        let escape = dialect.escapeChar.map(Int.init) ?? -1
        let strict = dialect.strictQuotes
        let doubleQuote = dialect.doubleQuote
        let skipInitialSpace = dialect.skipInitialSpace
        var i = recordStart
        var lines = 0
        var fields = 0
        var unescape = false

        let first = b[i]
        if first == ASCII.newline || first == ASCII.carriageReturn {
            // A blank line: a record with no fields (as Python's csv reads it).
            guard let next = terminatorEnd(at: i) else { return .needMore }
            return .record(end: i, next: next, fields: 0, lines: 1, unescape: false)
        }
        if let comment = dialect.commentChar, first == comment {
            while i < end && b[i] != ASCII.newline && b[i] != ASCII.carriageReturn { i += 1 }
            if i == end { return atEnd ? .comment(next: end, lines: 0) : .needMore }
            guard let next = terminatorEnd(at: i) else { return .needMore }
            return .comment(next: next, lines: 1)
        }

        while true {
            // Fast path: plain fields that end at a delimiter (most fields of most files)
            // are stored straight away, their ends read off the block's stop mask; at any
            // other stop (a quote opening the field, a line end, the NUL after the data)
            // the general steps below take the field from `i`.
            // The stop that ended the fast path, which the unquoted steps below would find again.
            var knownStop = -1
            if !skipInitialSpace {
                var block = i
                var stops = blocks.mask(in: b, at: block)
                while true {
                    if stops == 0 {
                        // No stop in 64 bytes, so no NUL: the data goes on past them.
                        block += 64
                        stops = blocks.mask(in: b, at: block)
                        continue
                    }
                    let stop = block + stops.trailingZeroBitCount
                    guard b[stop] == delimiter else {
                        knownStop = stop
                        break
                    }
                    if fields == spanCapacity { reserveSpans(fields + 1) }
                    spans[fields] = CSVFieldSpan(start: i - recordStart, end: stop - recordStart, rawStart: i - recordStart, flags: 0)
                    fields += 1
                    i = stop + 1
                    stops &= stops &- 1
                }
            }
            if skipInitialSpace {
                while i < end && b[i] == ASCII.space { i += 1 }
                if i == end && !atEnd { return .needMore }
            }
            let fieldStart = i
            var flags: UInt8 = 0
            var contentStart = i
            var contentEnd = i
            if i < end && Int(b[i]) == quote {
                flags = CSVFieldSpan.quoted
                i += 1
                contentStart = i
                // Stops inside quotes come from 64-byte masks too: a quoted field with
                // doubled quotes stops several times, and each search would be a chain.
                var quotedBlock = Int.min / 2
                var quotedMask: UInt64 = 0
                quoted: while true {
                    i = nextQuotedStop(from: i, in: b, block: &quotedBlock, mask: &quotedMask)
                    if i == end {
                        if atEnd { throw unterminatedQuote(at: fieldStart) }
                        return .needMore
                    }
                    let byte = b[i]
                    if Int(byte) == quote {
                        if i + 1 == end && !atEnd { return .needMore }
                        if doubleQuote && i + 1 < end && Int(b[i + 1]) == quote {
                            flags |= CSVFieldSpan.needsUnescape
                            i += 2
                            continue
                        }
                        contentEnd = i
                        i += 1
                        if i == end { break quoted }
                        let after = b[i]
                        if after == delimiter || after == ASCII.newline || after == ASCII.carriageReturn { break quoted }
                        if strict {
                            throw malformed(at: i, "unexpected \(Self.describe(after)) after the closing quote of a field",
                                            hint: "inside a quoted field, write a quote as two quotes (\"\"); or put a delimiter after the closing quote")
                        }
                        // Lenient: the rest of the field is literal text, as Python's csv keeps it.
                        flags |= CSVFieldSpan.needsUnescape
                        while i < end {
                            let next = b[i]
                            if next == delimiter || next == ASCII.newline || next == ASCII.carriageReturn { break }
                            if next == ASCII.nul { throw looksBinary(at: i) }
                            i += Int(next) == escape ? 2 : 1
                        }
                        if i >= end {
                            if !atEnd { return .needMore }
                            i = end
                        }
                        break quoted
                    } else if Int(byte) == escape {
                        flags |= CSVFieldSpan.needsUnescape
                        if i + 1 >= end {
                            if atEnd { throw unterminatedQuote(at: fieldStart) }
                            return .needMore
                        }
                        if b[i + 1] == ASCII.newline { lines += 1 }
                        i += 2
                    } else if byte == ASCII.newline {
                        lines += 1
                        i += 1
                    } else if byte == ASCII.carriageReturn {
                        if i + 1 == end && !atEnd { return .needMore }
                        if !(i + 1 < end && b[i + 1] == ASCII.newline) { lines += 1 }
                        i += 1
                    } else {
                        throw looksBinary(at: i)
                    }
                }
            } else {
                unquoted: while true {
                    i = knownStop >= i ? knownStop : unquotedStops.find(in: b, from: i)
                    if i == end {
                        if !atEnd { return .needMore }
                        break unquoted
                    }
                    let byte = b[i]
                    if byte == delimiter || byte == ASCII.newline || byte == ASCII.carriageReturn { break unquoted }
                    if Int(byte) == quote {
                        if strict {
                            throw malformed(at: i, "unexpected quote inside an unquoted field",
                                            hint: "quote the whole field and double the quotes inside it (\"a \"\"b\"\" c\")")
                        }
                        i += 1
                    } else if Int(byte) == escape {
                        flags |= CSVFieldSpan.needsUnescape
                        if i + 1 >= end {
                            if !atEnd { return .needMore }
                            i = end
                            break unquoted
                        }
                        if b[i + 1] == ASCII.newline { lines += 1 }
                        i += 2
                    } else {
                        throw looksBinary(at: i)
                    }
                }
                contentEnd = i
            }

            if fields == spanCapacity { reserveSpans(fields + 1) }
            let raw = flags & CSVFieldSpan.needsUnescape != 0
            unescape = unescape || raw
            spans[fields] = CSVFieldSpan(start: (raw ? fieldStart : contentStart) - recordStart,
                                         end: (raw ? i : contentEnd) - recordStart,
                                         rawStart: fieldStart - recordStart, flags: flags)
            fields += 1

            if i >= end { return .record(end: end, next: end, fields: fields, lines: lines, unescape: unescape) }
            if b[i] == delimiter {
                i += 1
                continue
            }
            guard let next = terminatorEnd(at: i) else { return .needMore }
            return .record(end: i, next: next, fields: fields, lines: lines + 1, unescape: unescape)
        }
    }

    /// The first stop inside quotes at or after `start`, read off 64-byte masks that are
    /// kept between calls (`block` is where `mask` starts).
    // `unsafe`: masks read 64 bytes from offsets at most `end`, which the buffer's padding
    // covers; a block is only passed when it holds no stop, so no NUL sentinel either.
    @inline(__always)
    private func nextQuotedStop(from start: Int, in b: UnsafeMutablePointer<UInt8>, block: inout Int, mask: inout UInt64) -> Int {
        var position = start
        while true {
            if position < block || position >= block + 64 {
                block = position
                mask = quotedBlocks.mask(in: b, at: position)
            }
            let ahead = mask & (UInt64.max &<< UInt64(position - block))
            if ahead != 0 { return block + ahead.trailingZeroBitCount }
            position = block + 64
        }
    }

    /// The index after the line terminator at `i` (LF, CRLF or CR), or nil when a CR ends
    /// the buffer and the next byte decides.
    @inline(__always)
    private func terminatorEnd(at i: Int) -> Int? {
        if buffer[i] == ASCII.newline { return i + 1 }
        if i + 1 < end { return buffer[i + 1] == ASCII.newline ? i + 2 : i + 1 }
        return atEnd ? i + 1 : nil
    }

    /// Replaces the raw spans of fields holding `""` or escapes with unescaped copies in
    /// the scratch area.
    func unescapeFields(count: Int) throws {
        var needed = 0
        for index in 0..<count where spans[index].flags & CSVFieldSpan.needsUnescape != 0 {
            needed += spans[index].end - spans[index].start
        }
        guard needed > 0 else { return }
        reserveScratch(needed)
        let quote = dialect.quoteChar.map(Int.init) ?? -1
        let escape = dialect.escapeChar.map(Int.init) ?? -1
        var out = 0
        for index in 0..<count where spans[index].flags & CSVFieldSpan.needsUnescape != 0 {
            let span = spans[index]
            let base = buffer + start
            var j = span.start
            var inQuotes = false
            if j < span.end && Int(base[j]) == quote {
                inQuotes = true
                j += 1
            }
            let first = out
            if escape < 0 {
                // Quotes only (RFC 4180): the runs between quotes are copied whole.
                while j < span.end {
                    let next = inQuotes ? RawMemory.firstIndex(of: UInt8(truncatingIfNeeded: quote), in: base, from: j, to: span.end) ?? span.end : span.end
                    // `unsafe`: `reserveScratch(needed)` made room for every byte of these spans.
                    (scratch + out).update(from: base + j, count: next - j)
                    out += next - j
                    j = next
                    guard j < span.end else { break }
                    if dialect.doubleQuote && j + 1 < span.end && Int(base[j + 1]) == quote {
                        scratch[out] = base[j]
                        out += 1
                        j += 2
                    } else {
                        inQuotes = false
                        j += 1
                    }
                }
            }
            while j < span.end {
                let byte = base[j]
                if Int(byte) == escape {
                    if j + 1 < span.end {
                        scratch[out] = base[j + 1]
                        out += 1
                    }
                    j += 2
                } else if inQuotes && Int(byte) == quote {
                    if dialect.doubleQuote && j + 1 < span.end && Int(base[j + 1]) == quote {
                        scratch[out] = byte
                        out += 1
                        j += 2
                    } else {
                        inQuotes = false
                        j += 1
                    }
                } else {
                    scratch[out] = byte
                    out += 1
                    j += 1
                }
            }
            spans[index] = CSVFieldSpan(start: first, end: out, rawStart: span.rawStart,
                                        flags: (span.flags & ~CSVFieldSpan.needsUnescape) | CSVFieldSpan.inScratch)
        }
    }
}
