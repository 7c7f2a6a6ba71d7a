// Design note. Numbers are compared in three steps, cheapest first: the same text is equal;
// the same exact decimal value is equal (`1`, `1.0`, `1e0`; integers of any size); only
// then, with a tolerance, `|a - b| <= atol + rtol * |b|` (b expected) in Double. Parsing to
// Double takes a fast path (Clinger's: at most 2^53 and 10^±22, exact) or an approximate
// one whose error bound is checked; a decision too close to call is redone from the exact
// decimal difference, so integers beyond 2^53 are never judged on rounded values.
// When the shared `NumericComparison` (CSV) lands, this may be switched to it.

/// Equality of JSON number texts, exactly or within a tolerance.
enum JSONNumberComparison {
    /// Whether `actual` equals `expected` (both valid JSON number texts).
    static func equal(expected: UnsafeBufferPointer<UInt8>, actual: UnsafeBufferPointer<UInt8>,
                      rtol: Double, atol: Double) -> Bool {
        if expected.sameBytes(as: actual) { return true }
        if rtol == 0 && atol == 0 { return JSONDecimal(expected).hasSameValue(as: JSONDecimal(actual)) }
        // Equal values have equal Doubles, so with a tolerance the Doubles decide all but
        // the cases too close to call, which the exact decimal difference settles.
        let (b, bExact) = approximate(expected)
        let (a, aExact) = approximate(actual)
        let limit = atol + rtol * Swift.abs(b)
        let distance = Swift.abs(a - b)
        if aExact && bExact && Swift.abs(b) < 9.0e15 && Swift.abs(a) < 9.0e15 { return distance <= limit }
        // Each approximation is within a few units in the last place.
        let margin = 1.0e-15 * (Swift.abs(a) + Swift.abs(b)) * (1 + rtol)
        if distance.isFinite && margin.isFinite {
            if distance + margin < limit { return true }
            if distance - margin > limit { return false }
        }
        let exactExpected = JSONDecimal(expected)
        let exactActual = JSONDecimal(actual)
        if exactExpected.hasSameValue(as: exactActual) { return true }
        if let exact = exactExpected.exactDistance(to: exactActual) {
            return exact <= atol + rtol * Swift.abs(double(expected))
        }
        return Swift.abs(double(actual) - double(expected)) <= atol + rtol * Swift.abs(double(expected))
    }

    /// `|actual - expected|` and, when expected is not 0, that divided by `|expected|`.
    static func difference(expected: UnsafeBufferPointer<UInt8>, actual: UnsafeBufferPointer<UInt8>) -> (absolute: Double, relative: Double?) {
        let b = double(expected)
        let absolute = JSONDecimal(expected).exactDistance(to: JSONDecimal(actual)) ?? Swift.abs(double(actual) - b)
        return (absolute, b == 0 ? nil : absolute / Swift.abs(b))
    }

    /// The number as the nearest Double (infinite beyond its range).
    static func double(_ text: UnsafeBufferPointer<UInt8>) -> Double {
        let (value, exact) = approximate(text)
        if exact { return value }
        return Double(String(decoding: text, as: UTF8.self)) ?? .nan
    }

    private static let powersOfTen: [Double] = (0...22).map { power in
        var value = 1.0
        for _ in 0..<power { value *= 10 }  // exact: 10^22 = 2^22 * 5^22 and 5^22 < 2^53
        return value
    }

    /// The number as a Double, and whether that is the correctly rounded value; when not,
    /// it is within a few units in the last place.
    static func approximate(_ text: UnsafeBufferPointer<UInt8>) -> (Double, Bool) {
        var index = 0
        var negative = false
        if index < text.count, text[index] == ASCII.minus {
            negative = true
            index += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var truncated = false
        while index < text.count, JSONDecimal.isDigit(text[index]) {
            let digit = UInt64(text[index] - ASCII.zero)
            if digits < 19 {
                mantissa = mantissa * 10 + digit
                if mantissa > 0 { digits += 1 }
            } else {
                exponent += 1
                truncated = truncated || digit != 0
            }
            index += 1
        }
        if index < text.count, text[index] == ASCII.period {
            index += 1
            while index < text.count, JSONDecimal.isDigit(text[index]) {
                let digit = UInt64(text[index] - ASCII.zero)
                if digits < 19 {
                    mantissa = mantissa * 10 + digit
                    if mantissa > 0 { digits += 1 }
                    exponent -= 1
                } else {
                    truncated = truncated || digit != 0
                }
                index += 1
            }
        }
        if index < text.count, text[index] == ASCII.lowerE || text[index] == ASCII.upperE {
            index += 1
            var exponentNegative = false
            if index < text.count, text[index] == ASCII.minus || text[index] == ASCII.plus {
                exponentNegative = text[index] == ASCII.minus
                index += 1
            }
            var written = 0
            while index < text.count, JSONDecimal.isDigit(text[index]) {
                if written < 100_000 { written = written * 10 + Int(text[index] - ASCII.zero) }
                index += 1
            }
            exponent += exponentNegative ? -written : written
        }
        let sign: Double = negative ? -1 : 1
        if mantissa == 0 { return (sign * 0, true) }
        if !truncated, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            let value = Double(mantissa)
            let result = exponent >= 0 ? value * powersOfTen[exponent] : value / powersOfTen[-exponent]
            return (sign * result, true)
        }
        if exponent < -300 || exponent > 300 {
            // Near or beyond Double's range: the standard library's correctly rounded parse.
            return (Double(String(decoding: text, as: UTF8.self)) ?? .nan, true)
        }
        var value = Double(mantissa)
        var remaining = exponent
        while remaining > 22 {
            value *= 1e22
            remaining -= 22
        }
        while remaining < -22 {
            value /= 1e22
            remaining += 22
        }
        value = remaining >= 0 ? value * powersOfTen[remaining] : value / powersOfTen[-remaining]
        return (sign * value, false)
    }
}
