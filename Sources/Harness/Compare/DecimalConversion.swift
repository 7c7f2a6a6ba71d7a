/// Decimal parts to Double: a fast conversion with a known error bound, and an exact one.
enum DecimalConversion {
    /// 10^0 ... 10^308, each correctly rounded (exact up to 10^22).
    static let powersOfTen: [Double] = (0...308).map { exponent in
        Double("1e\(exponent)") ?? .infinity
    }

    /// 10^-0 ... 10^-308, each correctly rounded: multiplying by them instead of dividing
    /// by `powersOfTen` costs one more half-ulp and saves a division.
    static let negativePowersOfTen: [Double] = (0...308).map { exponent in
        Double("1e-\(exponent)") ?? 0
    }

    /// The value of `number` from its 19-digit prefix: `exact` when no rounding happened
    /// (an integer up to 2^53 times a power of ten up to 10^22), otherwise within 3 half-
    /// ulps of the decimal (the mantissa, the power and the product each rounded once), so
    /// within 4.5e-16 (relative) of the correctly rounded double. Nil when the value would
    /// be subnormal or overflow; use `exact` then.
    static func approximate(_ number: NumericText) -> (value: Double, exact: Bool)? {
        if number.digitCount == 0 { return (0, true) }
        let exponent = number.exponent + number.droppedDigits
        let digits = number.leadingDigits
        let mantissa = digits <= UInt64(Int64.max) ? Double(Int64(bitPattern: digits)) : Double(digits)
        var value: Double
        if exponent >= 0 {
            guard exponent <= 308 else { return nil }
            value = mantissa * powersOfTen[exponent]
        } else {
            guard exponent >= -308 else { return nil }
            value = mantissa * negativePowersOfTen[-exponent]
        }
        guard value.isNormal else { return nil }
        if number.negative { value = -value }
        return (value, number.droppedDigits == 0 && digits <= 1 << 53 && exponent >= 0 && exponent <= 22)
    }

    /// The correctly rounded value when one rounding gives it (Clinger's fast path): at
    /// most 2^53 as significant digits and a power of ten a Double holds exactly (10^-22 …
    /// 10^22), multiplied or divided once. Nil otherwise.
    @inline(__always)
    static func exactSmall(_ number: NumericText) -> Double? {
        if number.digitCount == 0 { return number.kind == .finite ? 0 : nil }
        guard number.droppedDigits == 0, number.leadingDigits <= 1 << 53,
              number.exponent >= -22, number.exponent <= 22 else { return nil }
        let mantissa = Double(number.leadingDigits)
        let value = number.exponent < 0 ? mantissa / powersOfTen[-number.exponent] : mantissa * powersOfTen[number.exponent]
        return number.negative ? -value : value
    }

    /// The correctly rounded value of the number text `text` (already known to be a finite
    /// decimal); slow, for the rare decisions the approximation cannot settle.
    static func exact(_ text: UnsafeBufferPointer<UInt8>, negative: Bool) -> Double {
        Double(String(decoding: text, as: UTF8.self)) ?? .nan
    }
}
