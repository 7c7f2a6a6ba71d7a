/// Integers and numbers: a fast path over plain digits, the spec's options
/// (`groupChar`, `decimalChar`, `bareNumber`) on a rewritten copy only when declared.
extension CellCaster {
    func castInteger(_ bytes: ByteRun) -> CellValue? {
        if let value = CellCaster.plainInteger(bytes) {
            return bareNumber && CellCaster.hasLeadingZero(bytes) ? nil : .integer(value)
        }
        var text = Array(bytes)
        if !bareNumber { text = CellCaster.stripNonDigits(text) }
        if bareNumber && CellCaster.hasLeadingZero(text) { return nil }
        if !groupChar.isEmpty { text = CellCaster.removing(groupChar, from: text) }
        return CellCaster.parseInteger(CellCaster.trimmed(text))
    }

    func castNumber(_ bytes: ByteRun) -> CellValue? {
        if bareNumber && CellCaster.hasLeadingZero(bytes) { return nil }
        if !numberOptionsDeclared {
            return CellCaster.parseDecimal(bytes).map { .number($0) }
        }
        var text = Array(bytes)
        if !bareNumber { text = CellCaster.stripNonDigits(text) }
        if !groupChar.isEmpty { text = CellCaster.removing(groupChar, from: text) }
        if decimalChar != [ASCII.period] {
            if text.contains(ASCII.period) { return nil }
            text = CellCaster.replacing(decimalChar, with: [ASCII.period], in: text)
        }
        return ByteRun.with(text) { CellCaster.parseDecimal($0) }.map { .number($0) }
    }

    /// `-?[0-9]{1,18}` with nothing else: most integer cells, parsed in one pass.
    @inline(__always)
    static func plainInteger(_ bytes: ByteRun) -> Int? {
        var index = 0
        let count = bytes.count
        var negative = false
        if count > 0 && bytes[0] == ASCII.minus {
            negative = true
            index = 1
        }
        let digits = count - index
        guard digits > 0 && digits <= 18 else { return nil }
        var value = 0
        while index < count {
            let digit = bytes[index] &- ASCII.zero
            guard digit < 10 else { return nil }
            value = value &* 10 &+ Int(digit)
            index += 1
        }
        return negative ? -value : value
    }

    /// `hasLeadingZero` for a cell in place, without the generic collection walk.
    @inline(__always)
    static func hasLeadingZero(_ bytes: ByteRun) -> Bool {
        var start = 0, end = bytes.count
        while start < end && isSpace(bytes[start]) { start += 1 }
        guard start < end, bytes[start] == ASCII.zero else { return false }
        while end > start && isSpace(bytes[end - 1]) { end -= 1 }
        return end - start > 1 && bytes[start + 1] != ASCII.period
    }

    /// frictionless rejects bare numbers written with leading zeros ("01", "007", but
    /// not "0" or "0.5"), looking at the text with surrounding spaces removed.
    static func hasLeadingZero<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var first: UInt8?
        var second: UInt8?
        var length = 0
        var trailing = 0
        for byte in bytes {
            if length == 0 && isSpace(byte) { continue }
            if first == nil { first = byte } else if second == nil { second = byte }
            length += 1
            trailing = isSpace(byte) ? trailing + 1 : 0
        }
        length -= trailing
        guard first == ASCII.zero, length > 1 else { return false }
        return second != ASCII.period
    }

    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == ASCII.space || (byte >= 0x09 && byte <= 0x0D)
    }

    static func trimmed(_ text: [UInt8]) -> ArraySlice<UInt8> {
        var start = text.startIndex, end = text.endIndex
        while start < end && isSpace(text[start]) { start += 1 }
        while end > start && isSpace(text[end - 1]) { end -= 1 }
        return text[start..<end]
    }

    /// `bareNumber: false`: drops non-digits at both ends (frictionless's `^\D*|\D*$`).
    static func stripNonDigits(_ text: [UInt8]) -> [UInt8] {
        let isDigit = { (byte: UInt8) in byte >= ASCII.zero && byte <= ASCII.nine }
        guard let first = text.firstIndex(where: isDigit), let last = text.lastIndex(where: isDigit) else { return [] }
        return Array(text[first...last])
    }

    static func removing(_ needle: [UInt8], from text: [UInt8]) -> [UInt8] {
        replacing(needle, with: [], in: text)
    }

    static func replacing(_ needle: [UInt8], with replacement: [UInt8], in text: [UInt8]) -> [UInt8] {
        guard !needle.isEmpty else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            if index + needle.count <= text.count && text[index..<index + needle.count].elementsEqual(needle) {
                out.append(contentsOf: replacement)
                index += needle.count
            } else {
                out.append(text[index])
                index += 1
            }
        }
        return out
    }

    /// Python's `int()` on text: optional sign, digits; beyond 64 bits kept as digits.
    static func parseInteger(_ text: ArraySlice<UInt8>) -> CellValue? {
        var index = text.startIndex
        var negative = false
        if index < text.endIndex && (text[index] == ASCII.minus || text[index] == ASCII.plus) {
            negative = text[index] == ASCII.minus
            index += 1
        }
        let digits = text[index...]
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= ASCII.zero && $0 <= ASCII.nine }) else { return nil }
        var value = 0
        var overflow = false
        for digit in digits {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (plus, o2) = times.addingReportingOverflow(Int(digit - ASCII.zero))
            if o1 || o2 { overflow = true; break }
            value = plus
        }
        if !overflow { return .integer(negative ? -value : value) }
        let significant = Array(digits.drop(while: { $0 == ASCII.zero }))
        return .bigInteger(negative: negative, digits: significant)
    }

    /// The digits of a plain decimal, `-?digits[.digits]` with at most 19 digits.
    struct DecimalDigits: Equatable {
        /// The digits as one integer (below 10^19), and how many of them follow the point.
        let mantissa: UInt64
        let fraction: Int
        let negative: Bool

        /// The value within two units in the last place: a multiplication, not the
        /// division an exact reading needs, which costs as much as the rest of the cell.
        @inline(__always)
        var approximate: Double {
            let value = DecimalDigits.double(mantissa) * DecimalConversion.negativePowersOfTen[fraction]
            return negative ? -value : value
        }

        /// `Double(mantissa)` through a signed conversion (one instruction on x86-64, where
        /// the unsigned one is a sequence) for the mantissas below 2^63: all but some of 19 digits.
        @inline(__always)
        static func double(_ mantissa: UInt64) -> Double {
            mantissa < (1 << 63) ? Double(Int64(bitPattern: mantissa)) : Double(mantissa)
        }

        /// The correctly rounded value: when the digits form an integer below 2^53, an exact
        /// integer over an exact power of ten (one rounding); else by Eisel-Lemire. Nil only
        /// near a halfway point, when callers read the cell with `parseDecimal`.
        @inline(__always)
        var exact: Double? {
            DecimalConversion.exactSmall(digits: mantissa, exponent10: -fraction, negative: negative)
                ?? DecimalConversion.eiselLemire(digits: mantissa, exponent10: -fraction, negative: negative)
        }
    }

    /// Most number cells, read eight bytes a step with no loop over single digits, so a
    /// cell costs a few dozen instructions and no branch on its length. nil for anything
    /// but `-?digits[.digits]` with at most 19 digits (signs, exponents, spaces, words).
    ///
    /// Loads up to 14 bytes past the cell's end (`ByteRun.paddedWord(at:)`: the padding
    /// of `TableRecord` cells, zeros elsewhere); their values never matter.
    @inline(__always)
    static func quickDecimal(_ bytes: ByteRun) -> DecimalDigits? {
        guard let (negative, cursor, length, head, integerDigits) = signAndIntegerPart(bytes) else { return nil }
        // Eight or more integer digits are rare: the byte-by-byte reader takes them.
        guard integerDigits < 8 else { return quickDecimalByBytes(bytes) }
        if integerDigits == length {
            return DecimalDigits(mantissa: digitsValue(head, count: length), fraction: 0, negative: negative)
        }
        guard bytes[cursor + integerDigits] == ASCII.period else { return nil }
        let fraction = length - integerDigits - 1
        let digits = integerDigits + fraction
        // More than 19 digits would wrap the accumulator.
        guard digits > 0, digits <= 19 else { return nil }
        // The digits without the point, eight to a word: the integer digits of `head`,
        // then the fraction's bytes moved up past them.
        let shift = UInt64(8 * integerDigits)
        let keep = integerDigits == 0 ? 0 : UInt64.max &>> (64 - shift)
        let after = cursor + integerDigits + 1
        let f1 = bytes.paddedWord(at: after)
        let first = (head & keep) | (f1 &<< shift)
        var mantissa: UInt64
        if digits <= 8 {
            guard nonDigits(first) & (UInt64.max &>> UInt64(64 - 8 * digits)) == 0 else { return nil }
            mantissa = digitsValue(first, count: digits)
        } else {
            let f2 = bytes.paddedWord(at: after + 8)
            let second = (integerDigits == 0 ? 0 : f1 &>> (64 - shift)) | (f2 &<< shift)
            guard nonDigits(first) == 0 else { return nil }
            if digits <= 16 {
                let rest = digits - 8
                guard nonDigits(second) & (UInt64.max &>> UInt64(64 - 8 * rest)) == 0 else { return nil }
                mantissa = eightDigitsValue(first) &* exactIntegerPowersOfTen[rest] &+ digitsValue(second, count: rest)
            } else {
                let f3 = bytes.paddedWord(at: after + 16)
                let third = (integerDigits == 0 ? 0 : f2 &>> (64 - shift)) | (f3 &<< shift)
                let rest = digits - 16
                guard nonDigits(second) == 0, nonDigits(third) & (UInt64.max &>> UInt64(64 - 8 * rest)) == 0 else { return nil }
                mantissa = (eightDigitsValue(first) &* 100_000_000 &+ eightDigitsValue(second)) &* exactIntegerPowersOfTen[rest]
                    &+ digitsValue(third, count: rest)
            }
        }
        return DecimalDigits(mantissa: mantissa, fraction: fraction, negative: negative)
    }

    /// For a cell `quickDecimal` reads, with fewer than 8 integer digits: the whole numbers
    /// around its value (`low <= value <= high`, exact doubles), found from its integer
    /// digits while the fraction's digits are only checked, not read; nil for any other
    /// cell. Most values lie well inside their bounds, where that settles the check at
    /// about half the cost of reading the value.
    ///
    /// Loads up to 7 bytes past the cell's end (`ByteRun.paddedWord(at:)`).
    @inline(__always)
    static func decimalRange(_ bytes: ByteRun) -> (low: Double, high: Double)? {
        guard let (negative, cursor, length, head, integerDigits) = signAndIntegerPart(bytes), integerDigits < 8 else { return nil }
        let whole = Double(Int64(bitPattern: digitsValue(head, count: integerDigits)))
        if integerDigits < length {
            guard bytes[cursor + integerDigits] == ASCII.period else { return nil }
            var left = length - integerDigits - 1
            guard integerDigits + left > 0, integerDigits + left <= 19 else { return nil }
            var word = cursor + integerDigits + 1
            while left > 0 {
                // The word's bytes in the cell, without a branch on `left` (a shift of 0
                // keeps all eight): one mispredicted branch costs more than the shift.
                let mask = UInt64.max &>> UInt64(64 - 8 * min(left, 8))
                guard nonDigits(bytes.paddedWord(at: word)) & mask == 0 else { return nil }
                word += 8
                left -= 8
            }
        }
        return negative ? (-whole - 1, -whole) : (whole, whole + 1)
    }

    /// The first steps of `quickDecimal` and `decimalRange`: an optional minus sign, then
    /// the first eight bytes after it (`head`) and how many of them, up to the cell's
    /// `length` after the sign, are integer digits (8 when all are). nil for an empty
    /// cell or a lone sign. `cursor` is where the digits start (after the sign); loads 8
    /// bytes from there (`ByteRun.paddedWord(at:)`).
    @inline(__always)
    static func signAndIntegerPart(_ bytes: ByteRun)
        -> (negative: Bool, cursor: Int, length: Int, head: UInt64, integerDigits: Int)? {
        guard bytes.count > 0 else { return nil }
        let negative = bytes[0] == ASCII.minus
        let cursor = negative ? 1 : 0
        let length = bytes.count - cursor
        guard length > 0 else { return nil }
        let head = bytes.paddedWord(at: cursor)
        return (negative, cursor, length, head, min(nonDigits(head).trailingZeroBitCount &>> 3, length))
    }

    /// `quickDecimal` one byte at a time, reading nothing past the cell: the same answers.
    static func quickDecimalByBytes(_ bytes: ByteRun) -> DecimalDigits? {
        let count = bytes.count
        var index = 0
        let negative = count > 0 && bytes[0] == ASCII.minus
        if negative { index = 1 }
        let start = index
        var mantissa: UInt64 = 0
        while index < count, bytes[index] &- ASCII.zero < 10 {
            mantissa = mantissa &* 10 &+ UInt64(bytes[index] &- ASCII.zero)
            index += 1
        }
        var digits = index - start
        var fraction = 0
        if index < count && bytes[index] == ASCII.period {
            index += 1
            let fractionStart = index
            while index < count, bytes[index] &- ASCII.zero < 10 {
                mantissa = mantissa &* 10 &+ UInt64(bytes[index] &- ASCII.zero)
                index += 1
            }
            fraction = index - fractionStart
            digits += fraction
        }
        guard index == count, digits > 0, digits <= 19 else { return nil }
        return DecimalDigits(mantissa: mantissa, fraction: fraction, negative: negative)
    }

    /// A byte of 0x80 (or more bits) for each byte of `word` that is not an ASCII digit, 0
    /// for each digit, in memory order from the low byte. A carry can only spoil bytes
    /// after a non-digit, so the lowest marked byte is always the first non-digit.
    @inline(__always)
    static func nonDigits(_ word: UInt64) -> UInt64 {
        let highs = ((word & 0xF0F0_F0F0_F0F0_F0F0) ^ 0x3030_3030_3030_3030)
            | (((word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) ^ 0x3030_3030_3030_3030)
        return highs
    }

    /// The value of the first `count` (0-7) bytes of `word`, which are ASCII digits: they
    /// are moved to the top and the bytes below filled with "0", then read as eight digits.
    @inline(__always)
    static func digitsValue(_ word: UInt64, count: Int) -> UInt64 {
        let aligned = count == 0 ? 0 : word &<< UInt64(64 - 8 * count)
        return eightDigitsValue(aligned | (0x3030_3030_3030_3030 &>> UInt64(8 * count)))
    }

    /// The value of eight ASCII digits in `word`, the first in the low byte (the SWAR steps
    /// of simdjson's `parse_eight_digits_unrolled`).
    @inline(__always)
    static func eightDigitsValue(_ word: UInt64) -> UInt64 {
        var value = word &- 0x3030_3030_3030_3030
        value = (value &* 10) &+ (value >> 8)
        let low = (value & 0x0000_00FF_0000_00FF) &* (100 &+ (1_000_000 << 32))
        let high = ((value >> 16) & 0x0000_00FF_0000_00FF) &* (1 &+ (10_000 << 32))
        return (low &+ high) >> 32
    }

    /// 10^0 … 10^8 as integers.
    static let exactIntegerPowersOfTen: [UInt64] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000]

    /// Python's `Decimal()` grammar: sign, digits with one optional point, exponent, or
    /// inf/infinity/nan in any case; surrounding spaces allowed. The digits are read by
    /// `NumericText`, the one decimal reader, and converted correctly rounded by
    /// `DecimalConversion.exact`.
    static func parseDecimal(_ bytes: ByteRun) -> Double? {
        var start = 0, end = bytes.count
        while start < end && isSpace(bytes[start]) { start += 1 }
        while end > start && isSpace(bytes[end - 1]) { end -= 1 }
        guard start < end else { return nil }
        let text = bytes.run(start..<end)
        var index = 0
        if text[0] == ASCII.minus || text[0] == ASCII.plus { index = 1 }
        guard index < text.count else { return nil }
        let first = text[index] | 0x20
        if first == UInt8(ascii: "i") || first == UInt8(ascii: "n") || first == UInt8(ascii: "s") {
            return special(bytes.run((start + index)..<end), negative: text[0] == ASCII.minus)
        }
        let number = NumericText(text)
        guard number.kind == .finite else { return nil }
        return DecimalConversion.exact(number, text)
    }

    private static func special(_ word: ByteRun, negative: Bool) -> Double? {
        let lower = String(decoding: word.map { $0 | 0x20 }, as: UTF8.self)
        switch lower {
        case "inf", "infinity": return negative ? -.infinity : .infinity
        case "nan", "snan": return .nan
        default: return nil
        }
    }
}
