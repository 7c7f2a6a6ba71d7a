// Design: a number's text read once into its decimal parts, without allocating.
//
// A finite number is kept as sign, significant digits and a power of ten: `1`, `1.0`,
// `1e0` and `0.10e1` all become (+, "1", 10^0), so equal decimals are found by comparing
// parts, and integers of any length stay exact. The first 19 significant digits are also
// kept as a UInt64 so that most numbers convert to a Double without strtod.
//
// This is the one reader of decimal text: CSV and JSON comparison read cells with it, the
// JSON Lines key (`JSONDecimal`) and JSON Schema's exact numbers (`ExactDecimal`) are built
// from its parts, and the Table Schema caster (`CellCaster.parseDecimal`) converts its parts;
// each keeps only its own fast path in front of it.

/// The decimal parts of a number's text (or why it is not one).
struct NumericText {
    enum Kind: Equatable {
        /// Empty, `NaN`, `nan` (any case): a missing value.
        case missing
        case infinity
        case finite
        case notNumber
    }

    var kind: Kind
    var negative = false
    /// Significant digits, from the first non-zero digit to the last one (0 for zero).
    var digitCount = 0
    /// The value is (significant digits as an integer) x 10^exponent.
    var exponent = 0
    /// The first min(digitCount, 19) significant digits.
    var leadingDigits: UInt64 = 0
    /// Significant digits not in `leadingDigits` (more than 19 significant digits).
    var droppedDigits = 0
    /// Offset of the first significant digit in the text.
    var firstDigit = 0

    /// The written exponent past `e` stops growing here (2^40, far beyond any number a
    /// file holds usefully; `exponentSaturated` says it did), so that
    /// `1e999999999999999999999` cannot overflow an Int and exponents up to ~10^12 stay exact.
    var exponentSaturated = false

    static let maxExactDigits = 19
    static let exponentLimit = 1 << 40

    init(kind: Kind) {
        self.kind = kind
    }

    /// Reads `text`: `[+-]digits[.digits][(e|E)[+-]digits]` (either side of the point may be
    /// empty, not both), `inf`/`infinity` with an optional sign, `nan`, or empty.
    init(_ text: ByteRun) {
        kind = .notNumber
        let count = text.count
        guard count > 0 else {
            kind = .missing
            return
        }
        var i = 0
        let sign = text[0]
        if sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            i = 1
        }
        guard i < count else { return }
        let lead = text[i] | 0x20
        if lead == UInt8(ascii: "i") || lead == UInt8(ascii: "n") {
            kind = Self.word(text, from: i)
            return
        }
        if readShort(text, from: i) { return }
        var digits = 0
        var fractionDigits = 0
        var pendingZeros = 0
        var sawPoint = false
        while i < count {
            let byte = text[i]
            if byte &- UInt8(ascii: "0") < 10 {
                let digit = UInt64(byte &- UInt8(ascii: "0"))
                digits += 1
                if sawPoint { fractionDigits += 1 }
                if digit == 0 {
                    if digitCount > 0 { pendingZeros += 1 }
                } else {
                    if digitCount == 0 { firstDigit = i }
                    let kept = digitCount - droppedDigits
                    let needed = pendingZeros + 1
                    if kept + needed <= Self.maxExactDigits {
                        for _ in 0..<pendingZeros { leadingDigits &*= 10 }
                        leadingDigits = leadingDigits &* 10 &+ digit
                    } else {
                        // Only zeros fit before the 19-digit limit; the rest is dropped
                        // (the UInt64 then holds a prefix, used only for approximations).
                        let room = Self.maxExactDigits - kept
                        for _ in 0..<room { leadingDigits &*= 10 }
                        droppedDigits += needed - room
                    }
                    digitCount += pendingZeros + 1
                    pendingZeros = 0
                }
            } else if byte == UInt8(ascii: ".") && !sawPoint {
                sawPoint = true
            } else {
                break
            }
            i += 1
        }
        guard digits > 0 else { return }
        var explicitExponent = 0
        if i < count {
            guard text[i] | 0x20 == UInt8(ascii: "e") else { return }
            i += 1
            var exponentNegative = false
            if i < count && (text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+")) {
                exponentNegative = text[i] == UInt8(ascii: "-")
                i += 1
            }
            guard i < count else { return }
            while i < count {
                let digit = text[i] &- UInt8(ascii: "0")
                guard digit < 10 else { return }
                if explicitExponent < Self.exponentLimit { explicitExponent = explicitExponent * 10 + Int(digit) }
                else { exponentSaturated = true }
                i += 1
            }
            if exponentNegative { explicitExponent = -explicitExponent }
        }
        kind = .finite
        if digitCount == 0 {
            negative = false  // -0 is 0
            return
        }
        exponent = explicitExponent - fractionDigits + pendingZeros
    }

    /// The common case in one tight pass: at most 19 significant digits (trailing zeros
    /// included). Returns false, leaving `self` untouched, for longer numbers.
    private mutating func readShort(_ text: ByteRun, from start: Int) -> Bool {
        let count = text.count
        var i = start
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var sawDigit = false
        var first = 0
        var integerPlaces = 0  // integer digits move no point: counted, then not used
        guard readEightDigits(text, &i, &mantissa, &significant, &first, &sawDigit, exponent: &integerPlaces) else { return false }
        while i < count {
            let digit = text[i] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            sawDigit = true
            if mantissa != 0 || digit != 0 {
                if significant == Self.maxExactDigits { return false }
                if mantissa == 0 { first = i }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                significant += 1
            }
            i += 1
        }
        if i < count && text[i] == UInt8(ascii: ".") {
            i += 1
            guard readEightDigits(text, &i, &mantissa, &significant, &first, &sawDigit, exponent: &exponent) else { return false }
            while i < count {
                let digit = text[i] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                sawDigit = true
                if mantissa != 0 || digit != 0 {
                    if significant == Self.maxExactDigits { return false }
                    if mantissa == 0 { first = i }
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                    significant += 1
                }
                exponent -= 1
                i += 1
            }
        }
        guard sawDigit else { return true }  // "." or "-": not a number
        if i < count {
            guard text[i] | 0x20 == UInt8(ascii: "e") else { return true }
            i += 1
            var exponentNegative = false
            if i < count && (text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+")) {
                exponentNegative = text[i] == UInt8(ascii: "-")
                i += 1
            }
            guard i < count else { return true }
            var explicit = 0
            while i < count {
                let digit = text[i] &- UInt8(ascii: "0")
                guard digit < 10 else { return true }
                if explicit < Self.exponentLimit { explicit = explicit * 10 + Int(digit) } else { exponentSaturated = true }
                i += 1
            }
            exponent += exponentNegative ? -explicit : explicit
        }
        kind = .finite
        if mantissa == 0 {
            negative = false  // -0 is 0
            return true
        }
        while mantissa % 10 == 0 {
            mantissa /= 10
            exponent += 1
            significant -= 1
        }
        leadingDigits = mantissa
        digitCount = significant
        self.exponent = exponent
        firstDigit = first
        return true
    }

    /// Reads digits eight at a time while eight digits follow (SWAR, as fast_float does):
    /// most cells are long floats. `exponent` goes down by one a digit read. Returns
    /// false past 19 significant digits.
    @inline(__always)
    private func readEightDigits(_ text: ByteRun, _ i: inout Int, _ mantissa: inout UInt64,
                                 _ significant: inout Int, _ first: inout Int, _ sawDigit: inout Bool,
                                 exponent: inout Int) -> Bool {
        while i + 8 <= text.count {
            let word = text.word(at: i)
            let allDigits = (word & 0xF0F0_F0F0_F0F0_F0F0)
                | (((word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) >> 4)
            guard allDigits == 0x3333_3333_3333_3333 else { return true }
            let digits = word &- 0x3030_3030_3030_3030
            sawDigit = true
            if mantissa == 0 {
                if digits != 0 {
                    let zeros = digits.trailingZeroBitCount >> 3  // leading zeros, in text order
                    significant = 8 - zeros
                    first = i + zeros
                }
            } else {
                significant += 8
                if significant > Self.maxExactDigits { return false }
            }
            let pairs: UInt64 = digits &* 10 &+ (digits >> 8)
            let lowMask: UInt64 = 0x0000_00FF_0000_00FF
            let hundreds: UInt64 = 100 + (1_000_000 << 32)
            let ones: UInt64 = 1 + (10_000 << 32)
            let high: UInt64 = (pairs & lowMask) &* hundreds
            let low: UInt64 = ((pairs >> 16) & lowMask) &* ones
            mantissa = mantissa &* 100_000_000 &+ ((high &+ low) >> 32)
            exponent -= 8
            i += 8
        }
        return true
    }

    /// `inf`, `infinity` or `nan` in any case, from `start`.
    private static func word(_ text: ByteRun, from start: Int) -> Kind {
        let length = text.count - start
        func matches(_ word: StaticString) -> Bool {
            guard length == word.utf8CodeUnitCount else { return false }
            let bytes = word.utf8Start
            for offset in 0..<length where text[start + offset] | 0x20 != bytes[offset] { return false }
            return true
        }
        if matches("inf") || matches("infinity") { return .infinity }
        if matches("nan") { return .missing }
        return .notNumber
    }

    var isZero: Bool { kind == .finite && digitCount == 0 }

    /// The significant digits (0...9, most significant first, no leading or trailing
    /// zeros; empty for zero), read again from `text`, the text this was read from.
    func significantDigits(in text: ByteRun) -> [UInt8] {
        var digits: [UInt8] = []
        digits.reserveCapacity(digitCount)
        var i = firstDigit
        while digits.count < digitCount {
            let digit = text[i] &- UInt8(ascii: "0")
            if digit < 10 { digits.append(digit) }
            i += 1
        }
        return digits
    }

    /// Whether the value has no fractional part.
    var isIntegral: Bool { kind == .finite && (digitCount == 0 || exponent >= 0) }

    /// Digits before the decimal point of the value (for "is this beyond 2^53").
    var integerDigits: Int { digitCount == 0 ? 1 : digitCount + exponent }
}
