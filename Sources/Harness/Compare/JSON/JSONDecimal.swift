// Design note. A JSON number's text as an exact decimal, sign × digits × 10^exponent,
// without converting it to a binary float, so that a JSON Lines key has one canonical text
// per value (`1`, `1.0`, `10e-1` are one key; 30-digit integers stay apart). The digits are
// read by `NumericText`, the one decimal reader; comparing values is NumericComparison's job.
// The text has already passed the scanner's number grammar.

/// The canonical text of a JSON number's value.
struct JSONDecimal {
    let text: UnsafeBufferPointer<UInt8>
    let number: NumericText

    init(_ text: UnsafeBufferPointer<UInt8>) {
        self.text = text
        number = NumericText(text)
    }

    var isZero: Bool { number.digitCount == 0 }

    /// A canonical text of the value (`-123e-2`, `0`): equal values give equal bytes.
    func appendCanonical(to out: inout [UInt8]) {
        if isZero {
            out.append(ASCII.zero)
            return
        }
        if number.negative { out.append(ASCII.minus) }
        var i = number.firstDigit
        var written = 0
        while written < number.digitCount {
            let byte = text[i]
            if byte != ASCII.period {
                out.append(byte)
                written += 1
            }
            i += 1
        }
        out.append(ASCII.lowerE)
        if number.exponentSaturated {
            // Keeps distinct huge exponents distinct: the written digits follow.
            out.append(contentsOf: Array("overflow".utf8))
            out.append(contentsOf: text)
        } else {
            Self.appendDecimal(number.exponent, to: &out)
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
