// Design: decide "same number within tolerance" from the text, cheaply and exactly.
//
// 1. Equal decimals are equal: `1` = `1.0` = `1e0`, `-0` = `0` (no conversion at all).
// 2. Missing values (empty, NaN) equal each other; infinities equal the same infinity.
// 3. Integers of 16 or more digits (beyond 2^53, where doubles collapse neighbours) are
//    compared exactly: at zero tolerance by their digits; with a tolerance through their
//    exact difference.
// 4. Everything else is compared as IEEE doubles: |a - b| <= atol + rtol * |b|, b expected.
//    Each side is converted from its 19-digit prefix and a power of ten (a few ulps off at
//    most); when the decision is closer to the tolerance than that error could move it,
//    both sides are converted exactly (correctly rounded, like strtod) and decided again.

/// The outcome of comparing two cells (or JSON leaves) as numbers.
public enum NumericResult: Sendable, Equatable {
    /// The same number within tolerance, or both missing.
    case equal
    /// Both are numbers (or missing) but differ. `absolute` is |actual - expected| and
    /// `relative` that over |expected|, when both are finite (and expected is not 0).
    case differ(absolute: Double?, relative: Double?)
    /// At least one side is not a number; compare the text instead.
    case notNumbers
}

/// Compares number texts the way `harness diff` compares cells.
public enum NumericComparison {
    /// Compares `expected` and `actual` as numbers.
    /// - Returns: `.equal` within `|a - b| <= atol + rtol * |b|` (b expected), `.differ`
    ///   with the absolute and relative difference, or `.notNumbers`.
    static func compare(expected: ByteRun, actual: ByteRun,
                        rtol: Double, atol: Double) -> NumericResult {
        compare(expected: expected, actual: actual, tolerance: NumericTolerance(rtol: rtol, atol: atol))
    }

    /// `compare(expected:actual:rtol:atol:)` with the tolerance prepared once (per file).
    /// Inlined into the cell loops, so that the common outcome costs one call, not two.
    @inline(__always)
    static func compare(expected: ByteRun, actual: ByteRun,
                        tolerance: NumericTolerance) -> NumericResult {
        if closeByCommonPrefix(expected, actual, tolerance: tolerance) { return .equal }
        return compareUnsettled(expected: expected, actual: actual, tolerance: tolerance)
    }

    /// The rest of `compare(expected:actual:tolerance:)`, for texts their digits did not settle.
    static func compareUnsettled(expected: ByteRun, actual: ByteRun,
                                 tolerance: NumericTolerance) -> NumericResult {
        let rtol = tolerance.rtol
        let atol = tolerance.atol
        let b = NumericText(expected)
        if b.kind == .notNumber { return .notNumbers }
        let a = NumericText(actual)
        if a.kind == .notNumber { return .notNumbers }
        switch (b.kind, a.kind) {
        case (.missing, .missing): return .equal
        case (.missing, _), (_, .missing): return .differ(absolute: nil, relative: nil)
        case (.infinity, .infinity): return a.negative == b.negative ? .equal : .differ(absolute: nil, relative: nil)
        case (.infinity, _), (_, .infinity): return .differ(absolute: nil, relative: nil)
        default: break
        }
        if sameDecimal(b, expected, a, actual) { return .equal }
        if (b.isIntegral && b.integerDigits >= 16) || (a.isIntegral && a.integerDigits >= 16) {
            return BigIntegerDifference.compare(expected: b, expectedText: expected, actual: a, actualText: actual,
                                                rtol: rtol, atol: atol)
        }
        return compareAsDoubles(b, expected, a, actual, rtol: rtol, atol: atol)
    }

    /// Compares two strings as numbers (convenience for values that are not in a buffer).
    public static func compare(expected: String, actual: String, rtol: Double, atol: Double) -> NumericResult {
        ByteRun.with(expected) { e in ByteRun.with(actual) { a in compare(expected: e, actual: a, rtol: rtol, atol: atol) } }
    }

    /// Whether `text` is a missing value: empty, `NaN` or `nan` (any case).
    static func isMissing(_ text: ByteRun) -> Bool {
        NumericText(text).kind == .missing
    }

    /// Whether `text` is a number (finite or infinite), not a missing value.
    static func isNumber(_ text: ByteRun) -> Bool {
        let kind = NumericText(text).kind
        return kind == .finite || kind == .infinity
    }

    // MARK: - Steps (closeByCommonPrefix, the first, in NumericComparison+CommonPrefix.swift)

    static func sameDecimal(_ b: NumericText, _ bText: ByteRun,
                            _ a: NumericText, _ aText: ByteRun) -> Bool {
        if b.isZero || a.isZero { return b.isZero && a.isZero }
        // An exponent past `NumericText.exponentLimit` was not read whole: only the same
        // text is surely the same value.
        if a.exponentSaturated || b.exponentSaturated { return aText.same(as: bText) }
        guard a.negative == b.negative, a.digitCount == b.digitCount, a.exponent == b.exponent,
              a.leadingDigits == b.leadingDigits else { return false }
        if a.droppedDigits == 0 { return true }
        // More than 19 significant digits: compare the digits themselves.
        var i = a.firstDigit
        var j = b.firstDigit
        for _ in 0..<a.digitCount {
            if aText[i] == UInt8(ascii: ".") { i += 1 }
            if bText[j] == UInt8(ascii: ".") { j += 1 }
            if aText[i] != bText[j] { return false }
            i += 1
            j += 1
        }
        return true
    }

    static func compareAsDoubles(_ b: NumericText, _ bText: ByteRun,
                                 _ a: NumericText, _ aText: ByteRun,
                                 rtol: Double, atol: Double) -> NumericResult {
        if let approxB = DecimalConversion.approximate(b), let approxA = DecimalConversion.approximate(a) {
            let difference = abs(approxA.value - approxB.value)
            let tolerance = atol + rtol * abs(approxB.value)
            let exact = approxA.exact && approxB.exact
            // Each approximation is within 4.5e-16 (relative) of the correctly rounded
            // double; with the rounding of the subtraction and the tolerance, 1e-15 of
            // everything involved safely bounds how far that can move the decision.
            let margin = 1e-15 * (abs(approxA.value) + abs(approxB.value) + tolerance + difference)
            if exact || abs(difference - tolerance) > margin {
                return result(difference: difference, tolerance: tolerance, expected: approxB.value)
            }
        }
        let exactB = DecimalConversion.exact(b, bText)
        let exactA = DecimalConversion.exact(a, aText)
        if exactA.isInfinite || exactB.isInfinite {
            // Beyond the double range (1e400): different decimals, no finite difference.
            return .differ(absolute: nil, relative: nil)
        }
        let difference = abs(exactA - exactB)
        return result(difference: difference, tolerance: atol + rtol * abs(exactB), expected: exactB)
    }

    static func result(difference: Double, tolerance: Double, expected: Double) -> NumericResult {
        if difference <= tolerance { return .equal }
        return .differ(absolute: difference, relative: expected == 0 ? nil : difference / abs(expected))
    }
}
