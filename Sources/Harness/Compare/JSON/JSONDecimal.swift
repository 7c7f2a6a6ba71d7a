// Design note. A JSON number's text read as an exact decimal, sign × digits × 10^exponent,
// without converting it to a binary float: equality of any two numbers (`1`, `1.0`,
// `10e-1`, 30-digit integers) is then exact, and a Double is made only where a tolerance
// needs one. The text has already passed the scanner's RFC 8259 number grammar.

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

    /// Whether the value is an integer of 16 or more digits, beyond what Doubles keep apart.
    var isBigInteger: Bool { !isZero && !exponentOverflow && exponent >= 0 && significant.count + exponent >= 16 }

    /// Whether both texts denote the same number, exactly.
    func hasSameValue(as other: JSONDecimal) -> Bool {
        if isZero || other.isZero { return isZero && other.isZero }
        guard negative == other.negative, significant.count == other.significant.count,
              !exponentOverflow, !other.exponentOverflow, exponent == other.exponent else { return false }
        var mine = significant.lowerBound
        var theirs = other.significant.lowerBound
        while mine < significant.upperBound {
            if digit(mine) != other.digit(theirs) { return false }
            mine += 1
            theirs += 1
        }
        return true
    }

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
            out.append(contentsOf: Array(String(exponent).utf8))
        }
    }

    /// `|self - other|` computed exactly in decimal, then rounded once to a Double; nil
    /// when the exponents are too far apart for that to be worth it (the Doubles then
    /// tell the numbers apart by many orders of magnitude).
    func exactDistance(to other: JSONDecimal) -> Double? {
        if exponentOverflow || other.exponentOverflow { return nil }
        if isZero { return other.magnitudeText().flatMap(Double.init) }
        if other.isZero { return magnitudeText().flatMap(Double.init) }
        let base = min(exponent, other.exponent)
        let shiftSelf = exponent - base
        let shiftOther = other.exponent - base
        guard shiftSelf <= 2_000, shiftOther <= 2_000 else { return nil }
        // Little-endian digit arrays of both magnitudes, aligned to `base`.
        let left = littleEndianDigits(shift: shiftSelf)
        let right = other.littleEndianDigits(shift: shiftOther)
        let result: [UInt8]
        if negative != other.negative {
            result = JSONDecimal.add(left, right)
        } else if JSONDecimal.compareMagnitude(left, right) >= 0 {
            result = JSONDecimal.subtract(left, right)
        } else {
            result = JSONDecimal.subtract(right, left)
        }
        var text = String(result.reversed().map { Character(Unicode.Scalar($0 + ASCII.zero)) })
        text += "e\(base)"
        return Double(text)
    }

    private func magnitudeText() -> String? {
        if exponentOverflow { return nil }
        let digits = significant.map { Character(Unicode.Scalar(digit($0) + ASCII.zero)) }
        return String(digits) + "e\(exponent)"
    }

    private func littleEndianDigits(shift: Int) -> [UInt8] {
        var digits = [UInt8](repeating: 0, count: shift)
        digits.reserveCapacity(shift + significant.count)
        for position in significant.reversed() { digits.append(digit(position)) }
        return digits
    }

    private static func compareMagnitude(_ left: [UInt8], _ right: [UInt8]) -> Int {
        let leftCount = trimmedCount(left)
        let rightCount = trimmedCount(right)
        if leftCount != rightCount { return leftCount < rightCount ? -1 : 1 }
        var index = leftCount - 1
        while index >= 0 {
            if left[index] != right[index] { return left[index] < right[index] ? -1 : 1 }
            index -= 1
        }
        return 0
    }

    private static func trimmedCount(_ digits: [UInt8]) -> Int {
        var count = digits.count
        while count > 0, digits[count - 1] == 0 { count -= 1 }
        return count
    }

    private static func add(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(max(left.count, right.count) + 1)
        var carry: UInt8 = 0
        for index in 0..<max(left.count, right.count) {
            let sum = (index < left.count ? left[index] : 0) + (index < right.count ? right[index] : 0) + carry
            result.append(sum % 10)
            carry = sum / 10
        }
        if carry > 0 { result.append(carry) }
        return result
    }

    /// `larger - smaller`, both little-endian, `larger` not smaller in magnitude.
    private static func subtract(_ larger: [UInt8], _ smaller: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(larger.count)
        var borrow: Int = 0
        for index in 0..<larger.count {
            var value = Int(larger[index]) - borrow - (index < smaller.count ? Int(smaller[index]) : 0)
            borrow = 0
            if value < 0 {
                value += 10
                borrow = 1
            }
            result.append(UInt8(value))
        }
        if result.isEmpty { result.append(0) }
        return result
    }
}
