// Design note. A JSON number's text as an exact decimal, sign × digits × 10^exponent,
// without converting it to a binary float, so that a JSON Lines key has one canonical text
// per value (`1`, `1.0`, `10e-1` are one key; 30-digit integers stay apart). The digits are
// read by `NumericText`, the one decimal reader (a plain integer, the usual key, by a quick
// loop in front of it); comparing values is NumericComparison's job.
// The text has already passed the scanner's number grammar.

/// The canonical text of a JSON number's value.
struct JSONDecimal {
    let text: ByteRun

    init(_ text: ByteRun) {
        self.text = text
    }

    /// A canonical text of the value (`-123e-2`, `0`): equal values give equal bytes.
    func appendCanonical(to out: inout [UInt8]) {
        if appendCanonicalInteger(to: &out) { return }
        let number = NumericText(text)
        if number.digitCount == 0 {
            out.append(ASCII.zero)
            return
        }
        if number.negative { out.append(ASCII.minus) }
        // The significant digits are one run of the text, or two around the point.
        let start = number.firstDigit
        let end = start + number.digitCount
        if let point = text.firstIndex(of: ASCII.period, from: start), point < end {
            out.append(contentsOf: text.run(start..<point))
            out.append(contentsOf: text.run((point + 1)..<(end + 1)))
        } else {
            out.append(contentsOf: text.run(start..<end))
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

    /// The fast path for the usual key, a plain integer (`-?[1-9][0-9]*`, as JSON writes
    /// it): its digits without the trailing zeros, and their count as the exponent. False,
    /// appending nothing, for any other text.
    private func appendCanonicalInteger(to out: inout [UInt8]) -> Bool {
        let negative = text.first == ASCII.minus
        let start = negative ? 1 : 0
        guard start < text.count, text[start] != ASCII.zero else { return false }
        var last = start
        for index in start..<text.count {
            let digit = text[index] &- ASCII.zero
            guard digit < 10 else { return false }
            if digit != 0 { last = index }
        }
        if negative { out.append(ASCII.minus) }
        out.append(contentsOf: text.run(start..<(last + 1)))
        out.append(ASCII.lowerE)
        Self.appendDecimal(text.count - 1 - last, to: &out)
        return true
    }

    /// Appends `value` in decimal digits (with a minus sign below zero), without allocating.
    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(ASCII.minus) }
        var magnitude = value.magnitude
        var place: UInt = 1
        while magnitude / place >= 10 { place *= 10 }
        repeat {
            out.append(UInt8(magnitude / place) + ASCII.zero)
            magnitude %= place
            place /= 10
        } while place > 0
    }
}
