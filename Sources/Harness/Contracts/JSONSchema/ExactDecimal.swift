// Design note. JSON Schema compares numbers by value, and `harness` keeps each number's
// text, so an integer beyond 2^53 or a long decimal must not pass through Double. A number
// is read once (by `NumericText`) into sign, significant digits and a power of ten (value = digits × 10^e),
// with leading and trailing zeros stripped, so `1`, `1.0` and `10e-1` are the same value
// and compare, hash and divide exactly. Exponents are clamped far beyond any real data so
// that `1e999999999999999999999` cannot overflow an Int.

/// An exact decimal number read from JSON number text.
struct ExactDecimal: Hashable, Comparable, Sendable {
    /// True for numbers below zero (never for zero, so `-0` equals `0`).
    let negative: Bool
    /// Significant digits (0...9), without leading or trailing zeros; empty for zero.
    let digits: [UInt8]
    /// The power of ten: value = digits × 10^exponent.
    let exponent: Int

    /// Exponents are clamped to ±2^40: far beyond any number a file can hold usefully, and
    /// small enough that `digits.count + exponent` never overflows.
    static let exponentLimit = NumericText.exponentLimit

    static let zero = ExactDecimal(negative: false, digits: [], exponent: 0)

    private init(negative: Bool, digits: [UInt8], exponent: Int) {
        self.negative = negative
        self.digits = digits
        self.exponent = exponent
    }

    /// Reads a JSON number's text (the parser has checked its grammar) through
    /// `NumericText`, the one decimal reader; nil for text that is not a finite number.
    init?(_ text: String) {
        let parts: (NumericText, [UInt8])? = ByteRun.with(text) { bytes in
            let number = NumericText(bytes)
            guard number.kind == .finite else { return nil }
            return (number, number.significantDigits(in: bytes))
        }
        guard let (number, digits) = parts else { return nil }
        if digits.isEmpty {
            self = .zero
            return
        }
        self.init(negative: number.negative, digits: digits,
                  exponent: max(-ExactDecimal.exponentLimit, min(ExactDecimal.exponentLimit, number.exponent)))
    }

    var isZero: Bool { digits.isEmpty }

    /// A whole number (`3`, `3.0`, `1e400`), as JSON Schema's `integer` type means it.
    var isInteger: Bool { isZero || exponent >= 0 }

    /// The value as an Int when it is a whole number, clamped to Int's range.
    var clampedInt: Int {
        guard isInteger else { return negative ? Int.min : Int.max }
        if digits.count + exponent > 18 { return negative ? Int.min : Int.max }
        var value = 0
        for digit in digits { value = value * 10 + Int(digit) }
        for _ in 0..<max(0, exponent) { value *= 10 }
        return negative ? -value : value
    }

    static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        if lhs.negative != rhs.negative { return lhs.negative }
        let order = compareMagnitude(lhs, rhs)
        return lhs.negative ? order > 0 : order < 0
    }

    /// -1, 0 or 1 as |lhs| is less than, equal to or greater than |rhs|.
    static func compareMagnitude(_ lhs: ExactDecimal, _ rhs: ExactDecimal) -> Int {
        if lhs.isZero || rhs.isZero { return lhs.isZero ? (rhs.isZero ? 0 : -1) : 1 }
        // The position of the leading digit decides, then the digits themselves.
        let lhsOrder = lhs.digits.count + lhs.exponent
        let rhsOrder = rhs.digits.count + rhs.exponent
        if lhsOrder != rhsOrder { return lhsOrder < rhsOrder ? -1 : 1 }
        for (left, right) in zip(lhs.digits, rhs.digits) where left != right {
            return left < right ? -1 : 1
        }
        if lhs.digits.count == rhs.digits.count { return 0 }
        return lhs.digits.count < rhs.digits.count ? -1 : 1
    }

    /// The divisor's digits as a UInt64, when they fit (`multipleOf` needs that).
    var significand: UInt64? {
        guard digits.count <= 19 else { return nil }
        var value: UInt64 = 0
        for digit in digits {
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = shifted.addingReportingOverflow(UInt64(digit))
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        return value
    }

    /// Whether self ÷ divisor is a whole number, computed exactly.
    ///
    /// With both numbers normalised (no trailing zeros), self = a × 10^ea and
    /// divisor = b × 10^eb. If ea < eb the quotient has a factor 10^-k that `a`, having no
    /// factor 10, cannot cancel; otherwise it is whole iff a × 10^(ea-eb) ≡ 0 (mod b), which
    /// modular arithmetic answers without building the big number.
    func isMultiple(of divisor: ExactDecimal, significand modulus: UInt64) -> Bool {
        if isZero { return true }
        let shift = exponent - divisor.exponent
        if shift < 0 { return false }
        if modulus == 1 { return true }
        var remainder: UInt64 = 0
        for digit in digits {
            remainder = ExactDecimal.addMod(ExactDecimal.mulMod(remainder, 10 % modulus, modulus),
                                            UInt64(digit) % modulus, modulus)
        }
        return ExactDecimal.mulMod(remainder, ExactDecimal.powMod(10, shift, modulus), modulus) == 0
    }

    private static func mulMod(_ a: UInt64, _ b: UInt64, _ modulus: UInt64) -> UInt64 {
        // Both factors are below the modulus, so the high half is too, as
        // dividingFullWidth requires.
        let product = a.multipliedFullWidth(by: b)
        return modulus.dividingFullWidth((product.high, product.low)).remainder
    }

    private static func addMod(_ a: UInt64, _ b: UInt64, _ modulus: UInt64) -> UInt64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow || sum >= modulus ? sum &- modulus : sum
    }

    private static func powMod(_ base: UInt64, _ power: Int, _ modulus: UInt64) -> UInt64 {
        var result: UInt64 = 1 % modulus
        var factor = base % modulus
        var remaining = power
        while remaining > 0 {
            if remaining & 1 == 1 { result = mulMod(result, factor, modulus) }
            factor = mulMod(factor, factor, modulus)
            remaining >>= 1
        }
        return result
    }
}
