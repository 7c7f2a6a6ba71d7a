// Design note. A JSON number's text read as an exact decimal, sign × digits × 10^exponent,
// without converting it to a binary float, so that a JSON Lines key has one canonical text
// per value (`1`, `1.0`, `10e-1` are one key; 30-digit integers stay apart). Comparing
// values is NumericComparison's job. The text has already passed the scanner's number grammar.

/// The decimal value of a JSON number's text: significant digits (no leading or trailing
/// zeros) and the power of ten of the last one.
struct JSONDecimal {
    let text: UnsafeBufferPointer<UInt8>
    var negative = false
    /// Digits of the integer and fraction parts, as index ranges of `text`.
    var integerDigits = 0..<0
    var fractionDigits = 0..<0
    /// The exponent written after `e`, saturated; `exponentOverflow` if it had more
    /// than 17 significant digits.
    var writtenExponent = 0
    var exponentOverflow = false
    /// Significant digits, as positions in integer digits followed by fraction digits;
    /// empty for zero.
    var significant = 0..<0

    init(_ text: UnsafeBufferPointer<UInt8>) {
        self.text = text
        var index = 0
        if index < text.count, text[index] == ASCII.minus {
            negative = true
            index += 1
        }
        let integerStart = index
        while index < text.count, Self.isDigit(text[index]) { index += 1 }
        integerDigits = integerStart..<index
        if index < text.count, text[index] == ASCII.period {
            index += 1
            let fractionStart = index
            while index < text.count, Self.isDigit(text[index]) { index += 1 }
            fractionDigits = fractionStart..<index
        }
        if index < text.count, text[index] == ASCII.lowerE || text[index] == ASCII.upperE {
            index += 1
            var exponentNegative = false
            if index < text.count, text[index] == ASCII.minus || text[index] == ASCII.plus {
                exponentNegative = text[index] == ASCII.minus
                index += 1
            }
            while index < text.count, text[index] == ASCII.zero { index += 1 }
            var value = 0
            var digits = 0
            while index < text.count, Self.isDigit(text[index]) {
                digits += 1
                if digits <= 17 { value = value * 10 + Int(text[index] - ASCII.zero) }
                index += 1
            }
            exponentOverflow = digits > 17
            writtenExponent = exponentNegative ? -value : value
        }
        let total = digitCount
        var first = 0
        while first < total, digit(first) == 0 { first += 1 }
        var last = total
        while last > first, digit(last - 1) == 0 { last -= 1 }
        significant = first..<last
        if significant.isEmpty { negative = false }
    }

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte >= ASCII.zero && byte <= ASCII.nine }

    var digitCount: Int { integerDigits.count + fractionDigits.count }
    var isZero: Bool { significant.isEmpty }

    /// Digit `position` of the integer digits followed by the fraction digits.
    @inline(__always)
    func digit(_ position: Int) -> UInt8 {
        let integerCount = integerDigits.count
        if position < integerCount { return text[integerDigits.lowerBound + position] - ASCII.zero }
        return text[fractionDigits.lowerBound + position - integerCount] - ASCII.zero
    }

    /// The power of ten of the last significant digit.
    var exponent: Int { writtenExponent - fractionDigits.count + (digitCount - significant.upperBound) }

    /// A canonical text of the value (`-123e-2`, `0`): equal values give equal bytes.
    func appendCanonical(to out: inout [UInt8]) {
        if isZero {
            out.append(ASCII.zero)
            return
        }
        if negative { out.append(ASCII.minus) }
        for position in significant { out.append(digit(position) + ASCII.zero) }
        out.append(ASCII.lowerE)
        if exponentOverflow {
            // Keeps distinct huge exponents distinct: the written digits follow.
            out.append(contentsOf: Array("overflow".utf8))
            out.append(contentsOf: text)
        } else {
            Self.appendDecimal(exponent, to: &out)
        }
    }

    /// Appends `value` in decimal digits (with a minus sign below zero), without allocating.
    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(ASCII.minus) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(magnitude % 10) + ASCII.zero
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[index]) }
        }
    }
}
