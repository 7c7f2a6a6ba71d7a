// Strings are the scanner's hot loop: eight bytes are checked at a time for the bytes that
// end a string or need a closer look (quote, backslash, control characters), escapes are
// checked but not decoded, and UTF-8 is validated only for strings with non-ASCII bytes.

extension JSONScanner {
    /// Checks a string starting at its opening quote (escapes, control characters, UTF-8)
    /// and appends its token; leaves index after the closing quote.
    mutating func scanString() throws {
        let open = index
        index += 1
        let start = index
        var hasEscapes = false
        var nonASCII = false
        while index < buffer.count {
            // Eight bytes at a time while none of them ends the string or needs a look.
            while index + 8 <= buffer.count {
                // `baseAddress!`: the buffer holds at least eight bytes here.
                let word = UInt64(littleEndian: UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: UInt64.self))
                let special = JSONScanner.specialBytes(word)
                if special == 0 {
                    if word & 0x8080_8080_8080_8080 != 0 { nonASCII = true }
                    index += 8
                    continue
                }
                // Little-endian: the lowest flag marks the first special byte (exactly).
                let skipped = special.trailingZeroBitCount >> 3
                if skipped > 0 {
                    let before = word & ((1 << UInt64(skipped * 8)) - 1)
                    if before & 0x8080_8080_8080_8080 != 0 { nonASCII = true }
                    index += skipped
                }
                break
            }
            guard index < buffer.count else { break }
            let byte = buffer[index]
            if byte == ASCII.quote {
                // Escapes decode to whole UTF-8 sequences that start with an ASCII or lead
                // byte, so checking the raw bytes is the same as checking the decoded ones.
                if nonASCII, !JSONScanner.isValidUTF8(UnsafeBufferPointer(rebasing: buffer[start..<index])) {
                    index = start
                    throw error("invalid UTF-8 in a string")
                }
                index += 1
                append(.string, from: open, hasEscapes: hasEscapes)
                return
            }
            if byte == ASCII.backslash {
                hasEscapes = true
                try scanEscape()
                continue
            }
            if byte < 0x20 {
                throw error("unescaped control character \(describe(byte)) in a string", hint: "write it as an escape such as \\n or \\u00XX")
            }
            if byte >= 0x80 { nonASCII = true }
            index += 1
        }
        throw error("unterminated string", hint: "add the closing double quote")
    }

    /// Index at a backslash; checks the escape and leaves index after it.
    mutating func scanEscape() throws {
        index += 1
        guard index < buffer.count else { throw error("unexpected end of input in an escape") }
        switch buffer[index] {
        case ASCII.quote, ASCII.backslash, ASCII.slash, UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            index += 1
        case UInt8(ascii: "u"):
            try scanUnicodeEscape()
        default:
            throw error("invalid escape \"\\\(String(decoding: [buffer[index]], as: UTF8.self))\"", hint: "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
        }
    }

    /// Reads `\uXXXX` (index at the `u`), pairing surrogates; leaves index after it.
    mutating func scanUnicodeEscape() throws {
        let high = try readHex4()
        if (0xD800...0xDBFF).contains(high) {
            guard index + 1 < buffer.count, buffer[index] == ASCII.backslash, buffer[index + 1] == UInt8(ascii: "u") else {
                throw error("lone high surrogate \\u\(String(high, radix: 16, uppercase: true)) without its low surrogate")
            }
            index += 1
            let low = try readHex4()
            guard (0xDC00...0xDFFF).contains(low) else {
                throw error("invalid low surrogate \\u\(String(low, radix: 16, uppercase: true))")
            }
            return
        }
        if (0xDC00...0xDFFF).contains(high) {
            throw error("lone low surrogate \\u\(String(high, radix: 16, uppercase: true))")
        }
    }

    /// Index at `u`; reads four hexadecimal digits and leaves index after them.
    mutating func readHex4() throws -> UInt32 {
        index += 1
        guard index + 4 <= buffer.count else { throw error("unexpected end of input in a \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = buffer[index]
            let digit: UInt32
            switch byte {
            case ASCII.zero...ASCII.nine: digit = UInt32(byte - ASCII.zero)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid \\u escape: expected four hexadecimal digits")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    /// Flags (bit 7 of each byte) the quotes, backslashes and control characters of
    /// `word`, loaded little-endian (SWAR: the "has zero byte" and "has byte less than"
    /// bit tricks; bytes above the first flagged one may be flagged wrongly).
    @inline(__always)
    static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* UInt64(ASCII.quote))
        let backslashes = word ^ (ones &* UInt64(ASCII.backslash))
        let hasQuote = (quotes &- ones) & ~quotes & highs
        let hasBackslash = (backslashes &- ones) & ~backslashes & highs
        let hasControl = (word &- ones &* 0x20) & ~word & highs
        return hasQuote | hasBackslash | hasControl
    }

    /// Whether `bytes` is well-formed UTF-8 (no overlong forms, no surrogates, at most
    /// U+10FFFF), as Unicode's table 3-7 defines it.
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return false
            }
            guard index + length <= count else { return false }
            let second = bytes[index + 1]
            guard second >= low, second <= high else { return false }
            for offset in 2..<max(2, length) where bytes[index + offset] & 0xC0 != 0x80 {
                return false
            }
            index += length
        }
        return true
    }
}
