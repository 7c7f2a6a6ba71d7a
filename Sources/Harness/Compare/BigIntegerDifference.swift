/// Exact comparison when an integer is too long for a Double to tell apart from its
/// neighbours (16 digits and more: 9007199254740993 and 9007199254740992 are the same
/// double). The difference is computed on decimal digits, then rounded once.
enum BigIntegerDifference {
    /// Numbers needing more digits than this get no finite difference (1e5000 vs 1).
    static let maxDigits = 4096

    static func compare(expected b: NumericText, expectedText: ByteRun,
                        actual a: NumericText, actualText: ByteRun,
                        rtol: Double, atol: Double) -> NumericResult {
        // Both as integers at the smaller power of ten, so the difference is exact.
        let scale = min(b.isZero ? 0 : b.exponent, a.isZero ? 0 : a.exponent)
        guard let digitsB = digits(of: b, in: expectedText, scale: scale),
              let digitsA = digits(of: a, in: actualText, scale: scale) else {
            return .differ(absolute: nil, relative: nil)
        }
        let negativeB = b.negative && !b.isZero
        let negativeA = a.negative && !a.isZero
        let magnitude = negativeA == negativeB ? subtract(digitsA, digitsB) : add(digitsA, digitsB)
        let text = String(decoding: magnitude.map { $0 + UInt8(ascii: "0") }, as: UTF8.self) + "e\(scale)"
        let difference = Double(text) ?? .infinity
        let expected = DecimalConversion.exact(b, expectedText)
        guard difference.isFinite, expected.isFinite else { return .differ(absolute: nil, relative: nil) }
        // The decimals differ (checked before), so with no tolerance they differ.
        if (rtol > 0 || atol > 0) && difference <= atol + rtol * abs(expected) { return .equal }
        return .differ(absolute: difference, relative: expected == 0 ? nil : difference / abs(expected))
    }

    /// The significant digits of `number` followed by zeros down to 10^`scale`, most
    /// significant first (`[0]` for zero); nil when that is over `maxDigits` long.
    static func digits(of number: NumericText, in text: ByteRun, scale: Int) -> [UInt8]? {
        if number.isZero { return [0] }
        let zeros = number.exponent - scale
        guard zeros >= 0, number.digitCount + zeros <= maxDigits else { return nil }
        var digits = number.significantDigits(in: text)
        digits.append(contentsOf: repeatElement(0, count: zeros))
        return digits
    }

    /// |x - y| of two digit arrays.
    static func subtract(_ x: [UInt8], _ y: [UInt8]) -> [UInt8] {
        let (large, small) = isLess(x, y) ? (y, x) : (x, y)
        var result = large
        var borrow = 0
        var i = large.count - 1
        var j = small.count - 1
        while i >= 0 {
            var digit = Int(large[i]) - borrow - (j >= 0 ? Int(small[j]) : 0)
            borrow = digit < 0 ? 1 : 0
            if digit < 0 { digit += 10 }
            result[i] = UInt8(digit)
            i -= 1
            j -= 1
        }
        return trimmed(result)
    }

    static func add(_ x: [UInt8], _ y: [UInt8]) -> [UInt8] {
        let (long, short) = x.count >= y.count ? (x, y) : (y, x)
        var result = long
        var carry = 0
        var i = long.count - 1
        var j = short.count - 1
        while i >= 0 {
            let digit = Int(long[i]) + carry + (j >= 0 ? Int(short[j]) : 0)
            result[i] = UInt8(digit % 10)
            carry = digit / 10
            i -= 1
            j -= 1
        }
        return carry > 0 ? [UInt8(carry)] + result : result
    }

    static func isLess(_ x: [UInt8], _ y: [UInt8]) -> Bool {
        if x.count != y.count { return x.count < y.count }
        return x.lexicographicallyPrecedes(y)
    }

    static func trimmed(_ digits: [UInt8]) -> [UInt8] {
        guard let first = digits.firstIndex(where: { $0 != 0 }) else { return [0] }
        return Array(digits[first...])
    }
}
