/// Decimal parts to Double: a fast conversion with a known error bound, and an exact one.
enum DecimalConversion {
    /// 10^0 ... 10^308, each correctly rounded (exact up to 10^22).
    static let powersOfTen: [Double] = (0...308).map { exponent in
        Double("1e\(exponent)") ?? .infinity
    }

    /// The value of `number` from its 19-digit prefix: `exact` when no rounding happened
    /// (at most 2^53 and a power of ten up to 10^22, Clinger's fast path), otherwise within
    /// about 2 ulps. Nil when the value would be subnormal or overflow; use `exact` then.
    static func approximate(_ number: NumericText) -> (value: Double, exact: Bool)? {
        if number.digitCount == 0 { return (0, true) }
        let exponent = number.exponent + number.droppedDigits
        let mantissa = Double(number.leadingDigits)
        let exactMantissa = number.droppedDigits == 0 && number.leadingDigits <= 1 << 53
        var value: Double
        if exponent >= 0 {
            guard exponent <= 308 else { return nil }
            value = mantissa * powersOfTen[exponent]
        } else {
            guard exponent >= -308 else { return nil }
            value = mantissa / powersOfTen[-exponent]
        }
        guard value.isNormal else { return nil }
        if number.negative { value = -value }
        return (value, exactMantissa && exponent >= -22 && exponent <= 22)
    }

    /// The correctly rounded value of the number text `text` (already known to be a finite
    /// decimal); slow, for the rare decisions the approximation cannot settle.
    static func exact(_ text: UnsafeBufferPointer<UInt8>, negative: Bool) -> Double {
        Double(String(decoding: text, as: UTF8.self)) ?? .nan
    }
}
