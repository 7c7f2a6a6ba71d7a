// Design note. Most records that are not byte for byte equal differ only in the last digits
// of their numbers (a refactor that sums in another order). Walking two such records side by
// side settles them without a tape for expected or a structural walk: equal bytes are
// skipped a word at a time, and where the bytes part, both sides must be inside a number
// (actual's tape says where its numbers are), the two numbers must be equal within the
// tolerance, and the walk goes on after each. Equal bytes between the numbers mean the same
// structure, names, strings and literals, so "equal" here is "no difference" for the
// structural differ too. Anything else (whitespace, another key order, an escape written
// differently, a real change) is "cannot tell", and the differ decides.

/// Whether two JSON texts are equal by a walk of their bytes side by side.
enum JSONLockstep {
    /// True when `expected` and `actual` are the same text except for numbers that are
    /// equal within `tolerance`; false when that cannot be told this way.
    /// - Parameters:
    ///   - expected: a well-formed JSON text.
    ///   - actual: a JSON text, scanned into `actualTape`.
    static func equal(_ expected: ByteRun, _ actual: ByteRun, actualTape: JSONTape, tolerance: NumericTolerance) -> Bool {
        let actualTokens = actualTape.tokens
        var e = 0
        var a = 0
        var token = 0
        while true {
            // A run of equal bytes: from here on, `e - a` is fixed until the next number.
            let runStart = a
            let common = commonPrefix(expected, from: e, actual, from: a)
            e += common
            a += common
            if e == expected.count && a == actual.count { return true }
            // The parting is inside (or at the end of) a number of actual in this run.
            while token + 1 < actualTokens.count && actualTokens[token + 1].start <= a { token += 1 }
            guard token < actualTokens.count else { return false }
            let number = actualTokens[token]
            guard number.kind == .number, number.start >= runStart, a <= number.end else { return false }
            let expectedStart = number.start + (e - a)
            guard expectedStart < expected.count, isNumberStart(expected[expectedStart]) else { return false }
            var expectedEnd = expectedStart
            while expectedEnd < expected.count && isNumberByte(expected[expectedEnd]) { expectedEnd += 1 }
            // Both numbers ending where the bytes part: the parting is not in a number.
            guard a < number.end || e < expectedEnd else { return false }
            guard NumericComparison.compare(expected: expected.run(expectedStart..<expectedEnd),
                                            actual: actual.run(number.start..<number.end),
                                            tolerance: tolerance) == .equal else { return false }
            e = expectedEnd
            a = number.end
        }
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
