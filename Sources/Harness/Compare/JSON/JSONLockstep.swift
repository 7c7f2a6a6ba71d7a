// Design note. Most records that are not byte for byte equal differ only in the last digits
// of their numbers (a refactor that sums in another order). Walking two such records side by
// side settles them with no tape for either side and no structural walk: equal bytes are
// skipped a word at a time, and where the bytes part, both sides must be inside a number,
// the two numbers must be equal within the tolerance, and the walk goes on after each.
// Equal bytes between the numbers mean the same structure, names, strings and literals, so
// "equal" here is "no difference" for the structural differ too.
//
// Expected is well-formed (checked when it was indexed, or, by position, right after the
// walk and before "equal" is trusted), and that is what tells where the numbers are. Its
// strings are followed through the equal bytes by their quotes and backslashes only
// (outside strings a well-formed text has no backslash); outside a string, a maximal run
// of number bytes that starts with `-` or a digit is a number token (the only other such
// bytes there are the `e` of `true` and `false`). So where the bytes part outside a
// string, the run of number bytes around the parting is a number in expected, and actual's
// run at the same place must be a number by JSON's grammar. Actual is then expected with
// some numbers written differently: well-formed too, so a record the walk settles needs no
// scan. Anything else (a parting inside a string, whitespace, another key order, an escape
// written differently, a real change) is "cannot tell": the record is scanned and the
// differ decides.

/// Whether two JSON texts are equal by a walk of their bytes side by side.
enum JSONLockstep {
    /// True when `expected` and `actual` are the same text except for numbers that are
    /// equal within `tolerance`, which also proves `actual` well-formed; false when that
    /// cannot be told this way.
    /// - Parameter expected: a well-formed JSON text. (On any bytes the walk stays inside
    ///   both runs; only its answer then means nothing, so a caller that has not checked
    ///   expected checks it before trusting "equal", as comparison by position does.)
    static func equal(_ expected: ByteRun, _ actual: ByteRun, tolerance: NumericTolerance) -> Bool {
        var e = 0
        var a = 0
        var inString = false
        while true {
            // A run of equal bytes: from here on, `e - a` is fixed until the next number.
            let runStart = e
            let common = commonPrefix(expected, from: e, actual, from: a)
            guard let after = stringState(expected, from: e, to: e + common, inString: inString) else { return false }
            inString = after
            e += common
            a += common
            if e == expected.count && a == actual.count { return true }
            guard !inString else { return false }
            // The number the parting is in (or right after): its start, within this run.
            var start = e
            while start > runStart && isNumberByte(expected[start - 1]) { start -= 1 }
            guard start < expected.count, isNumberStart(expected[start]) else { return false }
            let actualStart = a - (e - start)
            let expectedEnd = numberEnd(expected, from: start)
            let actualEnd = numberEnd(actual, from: actualStart)
            // Both numbers ending where the bytes part: the parting is not in a number.
            guard e < expectedEnd || a < actualEnd else { return false }
            let actualNumber = actual.run(actualStart..<actualEnd)
            // Actual's run must be a number by the scanner's own grammar (the differ
            // reports one that is not).
            guard JSONNumberGrammar.isNumber(actualNumber),
                  NumericComparison.compare(expected: expected.run(start..<expectedEnd), actual: actualNumber,
                                            tolerance: tolerance) == .equal
            else { return false }
            e = expectedEnd
            a = actualEnd
        }
    }

    /// Whether the walk is inside a string after `text[from..<to]`, given whether it was at
    /// `from`; nil when the bytes end inside an escape (what follows is escaped) or hold a
    /// backslash outside a string (not a well-formed text).
    @inline(__always)
    private static func stringState(_ text: ByteRun, from: Int, to: Int, inString: Bool) -> Bool? {
        let quotes = ByteWords.lanes(ASCII.quote)
        let backslashes = ByteWords.lanes(ASCII.backslash)
        var inside = inString
        var i = from
        while i < to {
            // Eight bytes at a time while none is a backslash: each quote toggles the state,
            // so an odd count of them flips it.
            while i + 8 <= to {
                let word = text.word(at: i)
                let quoteBits = ByteWords.matches(word, quotes)
                let backslashBits = ByteWords.matches(word, backslashes)
                if backslashBits != 0 {
                    i += (quoteBits | backslashBits).trailingZeroBitCount >> 3
                    break
                }
                if quoteBits.nonzeroBitCount & 1 == 1 { inside.toggle() }
                i += 8
            }
            guard i < to else { break }
            let byte = text[i]
            if byte == ASCII.quote {
                inside.toggle()
                i += 1
            } else if byte == ASCII.backslash {
                guard inside, i + 1 < to else { return nil }
                i += 2
            } else {
                i += 1
            }
        }
        return inside
    }

    /// How many bytes from `e` in `expected` and from `a` in `actual` are equal.
    @inline(__always)
    private static func commonPrefix(_ expected: ByteRun, from e: Int, _ actual: ByteRun, from a: Int) -> Int {
        let limit = min(expected.count - e, actual.count - a)
        var common = 0
        while common + 8 <= limit {
            let difference = expected.word(at: e + common) ^ actual.word(at: a + common)
            if difference != 0 { return common + difference.trailingZeroBitCount >> 3 }
            common += 8
        }
        while common < limit && expected[e + common] == actual[a + common] { common += 1 }
        return common
    }

    /// Where the run of number bytes from `start` ends.
    @inline(__always)
    private static func numberEnd(_ text: ByteRun, from start: Int) -> Int {
        var end = start
        while end < text.count && isNumberByte(text[end]) { end += 1 }
        return end
    }

    @inline(__always)
    private static func isNumberStart(_ byte: UInt8) -> Bool {
        byte == ASCII.minus || byte &- ASCII.zero < 10
    }

    /// A byte that can be part of a JSON number (outside strings, only numbers have these,
    /// and the `e` of `true` and `false`, which never follows a number).
    @inline(__always)
    private static func isNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case ASCII.zero...ASCII.nine, ASCII.period, ASCII.minus, ASCII.plus, ASCII.lowerE, ASCII.upperE: return true
        default: return false
        }
    }
}
