// Design note. Numbers are compared cheapest first, with the same meaning as the CSV
// comparator's `NumericComparison` (which this may be switched to when both land): the same
// text is equal; the same exact decimal value is equal (`1`, `1.0`, `1e0`, `-0`, 30-digit
// integers); integral values of 16 or more digits (where Doubles merge neighbours) are
// compared through their exact decimal difference; everything else as IEEE doubles,
// `|a - b| <= atol + rtol * |b|` with b expected. Doubles come from a fast conversion
// (Clinger's exact path, else within a few units in the last place); a decision closer to
// the limit than that error is redone on correctly rounded values.

/// Equality of JSON number texts, exactly or within a tolerance.
enum JSONNumberComparison {
    /// Whether `actual` equals `expected` (both valid JSON number texts).
    static func equal(expected: UnsafeBufferPointer<UInt8>, actual: UnsafeBufferPointer<UInt8>,
                      rtol: Double, atol: Double) -> Bool {
        if expected.sameBytes(as: actual) { return true }
        if rtol == 0 && atol == 0 { return JSONDecimal(expected).hasSameValue(as: JSONDecimal(actual)) }
        let b = approximate(expected)
        let a = approximate(actual)
        guard b.ordinary && a.ordinary else { return equalExactly(expected, actual, rtol: rtol, atol: atol) }
        // Equal values have equal Doubles, so a tolerance makes the decimal check needless.
        let distance = Swift.abs(a.value - b.value)
        let limit = atol + rtol * Swift.abs(b.value)
        if a.correctlyRounded && b.correctlyRounded { return distance <= limit }
        let margin = 4.5e-16 * (Swift.abs(a.value) + Swift.abs(b.value) + limit + distance)
        if Swift.abs(distance - limit) > margin { return distance <= limit }
        let exactB = double(expected)
        return Swift.abs(double(actual) - exactB) <= atol + rtol * Swift.abs(exactB)
    }

    /// The slow path: numbers beyond the fast conversion (more than 19 digits, huge
    /// exponents) and big integers.
    private static func equalExactly(_ expected: UnsafeBufferPointer<UInt8>, _ actual: UnsafeBufferPointer<UInt8>,
                                     rtol: Double, atol: Double) -> Bool {
        guard let (absolute, _) = difference(expected: expected, actual: actual) else {
            return JSONDecimal(expected).hasSameValue(as: JSONDecimal(actual))
        }
        return absolute <= atol + rtol * Swift.abs(double(expected))
    }

    /// `|actual - expected|` and, when expected is not 0, that divided by `|expected|`:
    /// exact for big integers, in Double otherwise; 0 for equal values; nil when a value
    /// is beyond the range of Double (`1e400`) and they are not equal.
    static func difference(expected: UnsafeBufferPointer<UInt8>, actual: UnsafeBufferPointer<UInt8>) -> (absolute: Double, relative: Double?)? {
        let exactExpected = JSONDecimal(expected)
        let exactActual = JSONDecimal(actual)
        if exactExpected.hasSameValue(as: exactActual) { return (0, 0) }
        let b = double(expected)
        let a = double(actual)
        guard a.isFinite && b.isFinite else { return nil }
        var absolute = Swift.abs(a - b)
        if exactExpected.isBigInteger || exactActual.isBigInteger,
           let exact = exactExpected.exactDistance(to: exactActual) {
            absolute = exact
        }
        return (absolute, b == 0 ? nil : absolute / Swift.abs(b))
    }

    /// The number as the nearest Double (infinite beyond its range).
    static func double(_ text: UnsafeBufferPointer<UInt8>) -> Double {
        let approximation = approximate(text)
        if approximation.correctlyRounded { return approximation.value }
        return Double(String(decoding: text, as: UTF8.self)) ?? .nan
    }

    struct Approximation {
        var value: Double
        /// The correctly rounded Double of the text.
        var correctlyRounded: Bool
        /// At most 19 significant digits, a moderate exponent, not a big integer: the
        /// value is within a few units in the last place.
        var ordinary: Bool
    }

    private static let powersOfTen: [Double] = (0...22).map { power in
        var value = 1.0
        for _ in 0..<power { value *= 10 }  // exact: 10^22 = 2^22 * 5^22 and 5^22 < 2^53
        return value
    }

    /// The number as a Double, quickly.
    static func approximate(_ text: UnsafeBufferPointer<UInt8>) -> Approximation {
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
        // Wrapping arithmetic: 19 digits always fit in 64 bits, and no text is long enough
        // to overflow a counter.
        while index < text.count, JSONDecimal.isDigit(text[index]) {
            let digit = UInt64(text[index] &- ASCII.zero)
            if digits < 19 {
                mantissa = mantissa &* 10 &+ digit
                if mantissa > 0 { digits &+= 1 }
            } else {
                exponent &+= 1
                truncated = truncated || digit != 0
            }
            index &+= 1
        }
        if index < text.count, text[index] == ASCII.period {
            index += 1
            while index < text.count, JSONDecimal.isDigit(text[index]) {
                let digit = UInt64(text[index] &- ASCII.zero)
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ digit
                    if mantissa > 0 { digits &+= 1 }
                    exponent &-= 1
                } else {
                    truncated = truncated || digit != 0
                }
                index &+= 1
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
        if mantissa == 0 { return Approximation(value: sign * 0, correctlyRounded: true, ordinary: true) }
        if digits + exponent >= 16 && exponent < 0 && !truncated {
            // Maybe an integer written with a zero fraction (`12345678901234567.0`).
            while exponent < 0 && mantissa % 10 == 0 {
                mantissa /= 10
                exponent += 1
                digits -= 1
            }
        }
        let bigInteger = exponent >= 0 && digits + exponent >= 16
        if truncated || bigInteger || exponent < -300 || exponent > 300 {
            return Approximation(value: 0, correctlyRounded: false, ordinary: false)
        }
        if mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            let value = Double(mantissa)
            let result = exponent >= 0 ? value * powersOfTen[exponent] : value / powersOfTen[-exponent]
            return Approximation(value: sign * result, correctlyRounded: true, ordinary: true)
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
        return Approximation(value: sign * value, correctlyRounded: false, ordinary: true)
    }
}
