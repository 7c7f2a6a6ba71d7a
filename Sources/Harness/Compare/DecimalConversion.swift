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
        guard number.droppedDigits == 0 else { return nil }
        return exactSmall(digits: number.leadingDigits, exponent10: number.exponent, negative: number.negative)
    }

    /// The same on digits held as one integer (`CellCaster.quickDecimal`'s): `digits` x
    /// 10^`exponent10`, negated when `negative`.
    @inline(__always)
    static func exactSmall(digits: UInt64, exponent10: Int, negative: Bool) -> Double? {
        guard digits <= 1 << 53, exponent10 >= -22, exponent10 <= 22 else { return nil }
        // A signed conversion: one instruction on x86-64, and `digits` fits.
        let mantissa = Double(Int64(bitPattern: digits))
        let value = exponent10 < 0 ? mantissa / powersOfTen[-exponent10] : mantissa * powersOfTen[exponent10]
        return negative ? -value : value
    }

    /// The correctly rounded value of `number` by the Eisel-Lemire algorithm (as Go's strconv
    /// and fast_float): the significant digits, normalised, times a 128-bit truncation of
    /// 10^exponent, which settles the rounding unless the product lies too near a halfway
    /// point. Nil then, and for more than 19 significant digits, subnormal and overflowing
    /// results: `exact` reads those with the C library.
    static func eiselLemire(_ number: NumericText) -> Double? {
        guard number.kind == .finite, number.droppedDigits == 0 else { return nil }
        return eiselLemire(digits: number.leadingDigits, exponent10: number.exponent, negative: number.negative)
    }

    /// `digits` x 10^`exponent10`, negated when `negative`, by Eisel-Lemire (above); for
    /// readers that have the digits as one integer already (`CellCaster.quickDecimal`).
    @inline(never)  // kept out of the callers' per-cell loops, which it would bloat
    static func eiselLemire(digits: UInt64, exponent10: Int, negative: Bool) -> Double? {
        if digits == 0 { return negative ? -0.0 : 0 }
        guard exponent10 >= powersOfTenMinExponent, exponent10 <= powersOfTenMaxExponent else { return nil }
        let leadingZeros = digits.leadingZeroBitCount
        let mantissa = digits << UInt64(leadingZeros)
        // floor(log2(10) * exponent10) + 64 + bias, less the normalising shift.
        var exponent2 = UInt64(bitPattern: Int64((217_706 * exponent10) >> 16 + 64 + 1023)) &- UInt64(leadingZeros)
        let index = 2 * (exponent10 - powersOfTenMinExponent)
        var (high, low) = mantissa.multipliedFullWidth(by: powersOfTen128[index])
        if high & 0x1FF == 0x1FF && low &+ mantissa < mantissa {
            // The truncated power may matter: take its low half into account.
            let (extraHigh, extraLow) = mantissa.multipliedFullWidth(by: powersOfTen128[index + 1])
            var mergedHigh = high
            let mergedLow = low &+ extraHigh
            if mergedLow < low { mergedHigh &+= 1 }
            if mergedHigh & 0x1FF == 0x1FF && mergedLow &+ 1 == 0 && extraLow &+ mantissa < mantissa { return nil }
            (high, low) = (mergedHigh, mergedLow)
        }
        let topBit = high >> 63
        var result = high >> (topBit + 9)
        exponent2 &-= 1 ^ topBit
        // Exactly halfway between two doubles: the rounding needs the digits themselves.
        if low == 0 && high & 0x1FF == 0 && result & 3 == 1 { return nil }
        result &+= result & 1
        result >>= 1
        if result >> 53 > 0 {
            result >>= 1
            exponent2 &+= 1
        }
        // Zero or underflow (subnormal), 0x7FF or more (infinite): not here.
        if exponent2 &- 1 >= 0x7FF - 1 { return nil }
        let bits = exponent2 << 52 | result & 0x000F_FFFF_FFFF_FFFF
        return Double(bitPattern: negative ? bits | (1 << 63) : bits)
    }

    /// The correctly rounded value of `number`, read from `text` (a finite decimal): one
    /// rounding when the digits and the power are exact doubles, else Eisel-Lemire, else
    /// (past 19 digits, near a halfway point, subnormal or infinite) the C library's reading.
    static func exact(_ number: NumericText, _ text: ByteRun) -> Double {
        exactSmall(number) ?? eiselLemire(number) ?? Double(String(decoding: text, as: UTF8.self)) ?? .nan
    }
}
