// Design note. A byte-level recursive-descent scanner in the manner of swift-foundation's
// JSONScanner: it walks a buffer of UInt8 with named constants, tracks only the byte
// offset, and computes line and column when it reports an error. It validates all of
// RFC 8259 (number grammar, escapes and surrogate pairs, UTF-8 inside strings, no control
// characters) but decodes nothing: it writes a `JSONTape` of offsets. Nesting is capped so
// that hostile input (100,000 open brackets) is an error with a location, never a stack
// overflow. `JSONParser` builds `JSONValue` trees from the tape; the comparators read the
// tape directly.

enum ASCII {
    static let tab: UInt8 = 0x09
    static let newline: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let minus: UInt8 = 0x2D
    static let period: UInt8 = 0x2E
    static let slash: UInt8 = 0x2F
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let colon: UInt8 = 0x3A
    static let openBracket: UInt8 = 0x5B
    static let backslash: UInt8 = 0x5C
    static let closeBracket: UInt8 = 0x5D
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D
    static let upperE: UInt8 = 0x45
    static let lowerE: UInt8 = 0x65
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
}

struct JSONScanner {
    let buffer: UnsafeBufferPointer<UInt8>
    let path: String
    let firstLine: Int
    var index = 0
    var depth = 0
    var tokens: [JSONToken] = []

    init(buffer: UnsafeBufferPointer<UInt8>, path: String, firstLine: Int = 1) {
        self.buffer = buffer
        self.path = path
        self.firstLine = firstLine
    }

    /// Scans the one JSON value the buffer holds, with optional BOM and whitespace around.
    mutating func scanDocument() throws {
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { index = 3 }
        skipWhitespace()
        if index >= buffer.count { throw error("expected a JSON value, found the end of the input") }
        try scanValue()
        skipWhitespace()
        if index < buffer.count {
            throw error("unexpected \(describe(buffer[index])) after the JSON value", hint: "a file holds one JSON document; for one record per line, use JSON Lines (.jsonl)")
        }
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < buffer.count {
            switch buffer[index] {
            case ASCII.space, ASCII.newline, ASCII.carriageReturn, ASCII.tab: index += 1
            default: return
            }
        }
    }

    @inline(__always)
    mutating func append(_ kind: JSONToken.Kind, from start: Int, hasEscapes: Bool = false) {
        // Truncation cannot happen: `JSONTape.scan` takes buffers under 4 GiB.
        tokens.append(JSONToken(offset: UInt32(truncatingIfNeeded: start),
                                length: UInt32(truncatingIfNeeded: index - start),
                                kind: kind, hasEscapes: hasEscapes))
    }

    mutating func scanValue() throws {
        guard index < buffer.count else { throw error("unexpected end of input, expected a value") }
        let start = index
        switch buffer[index] {
        case ASCII.openBrace: try scanObject()
        case ASCII.openBracket: try scanArray()
        case ASCII.quote: try scanString()
        case ASCII.minus, ASCII.zero...ASCII.nine:
            try scanNumber()
            append(.number, from: start)
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            append(.true, from: start)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            append(.false, from: start)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            append(.null, from: start)
        case UInt8(ascii: "N"), UInt8(ascii: "I"):
            throw error("unexpected \(describe(buffer[index])), expected a JSON value",
                        hint: "NaN and Infinity are not JSON (Python writes them unless json.dump(..., allow_nan=False)); write null instead")
        default:
            throw error("unexpected \(describe(buffer[index])), expected a JSON value")
        }
    }

    mutating func enter() throws {
        depth += 1
        if depth > JSONParser.maximumDepth {
            throw error("nesting deeper than \(JSONParser.maximumDepth) levels", hint: "such deep nesting is not supported")
        }
    }

    /// Records the container opened at token `open` as ending here (after its bracket).
    @inline(__always)
    mutating func close(_ open: Int) throws {
        if tokens.count - open > JSONToken.maximumSpan {
            throw error("more than \(JSONToken.maximumSpan) values in one JSON array or object", hint: "split the data, e.g. one record per line as JSON Lines (.jsonl)")
        }
        index += 1
        tokens[open].length = UInt32(truncatingIfNeeded: index - Int(tokens[open].offset))
        tokens[open].span = tokens.count - open
    }

    mutating func scanObject() throws {
        try enter()
        defer { depth -= 1 }
        let open = tokens.count
        append(.object, from: index)
        index += 1
        skipWhitespace()
        if index < buffer.count, buffer[index] == ASCII.closeBrace {
            try close(open)
            return
        }
        while true {
            skipWhitespace()
            guard index < buffer.count else { throw error("unexpected end of input inside an object, expected a key") }
            guard buffer[index] == ASCII.quote else {
                throw error("unexpected \(describe(buffer[index])), expected a key in double quotes")
            }
            try scanString()
            skipWhitespace()
            guard index < buffer.count, buffer[index] == ASCII.colon else {
                throw error(index < buffer.count ? "unexpected \(describe(buffer[index])), expected ':' after the key" : "unexpected end of input, expected ':'")
            }
            index += 1
            skipWhitespace()
            try scanValue()
            skipWhitespace()
            guard index < buffer.count else { throw error("unexpected end of input inside an object, expected ',' or '}'") }
            if buffer[index] == ASCII.comma { index += 1; continue }
            if buffer[index] == ASCII.closeBrace { try close(open); return }
            throw error("unexpected \(describe(buffer[index])), expected ',' or '}'")
        }
    }

    mutating func scanArray() throws {
        try enter()
        defer { depth -= 1 }
        let open = tokens.count
        append(.array, from: index)
        index += 1
        skipWhitespace()
        if index < buffer.count, buffer[index] == ASCII.closeBracket {
            try close(open)
            return
        }
        while true {
            skipWhitespace()
            try scanValue()
            skipWhitespace()
            guard index < buffer.count else { throw error("unexpected end of input inside an array, expected ',' or ']'") }
            if buffer[index] == ASCII.comma { index += 1; continue }
            if buffer[index] == ASCII.closeBracket { try close(open); return }
            throw error("unexpected \(describe(buffer[index])), expected ',' or ']'")
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws {
        let count = literal.utf8CodeUnitCount
        guard index + count <= buffer.count else {
            throw error("unexpected end of input, expected \(literal)")
        }
        let expected = literal.utf8Start
        for offset in 0..<count where buffer[index + offset] != expected[offset] {
            throw error("invalid literal, expected \(literal)")
        }
        index += count
    }

    /// Checks the RFC 8259 number grammar; leaves index after the number.
    mutating func scanNumber() throws {
        if buffer[index] == ASCII.minus { index += 1 }
        guard index < buffer.count, isDigit(buffer[index]) else {
            throw error("invalid number: expected a digit")
        }
        if buffer[index] == ASCII.zero {
            index += 1
            if index < buffer.count, isDigit(buffer[index]) {
                throw error("invalid number: leading zeros are not allowed")
            }
        } else {
            while index < buffer.count, isDigit(buffer[index]) { index += 1 }
        }
        if index < buffer.count, buffer[index] == ASCII.period {
            index += 1
            guard index < buffer.count, isDigit(buffer[index]) else {
                throw error("invalid number: expected a digit after '.'")
            }
            while index < buffer.count, isDigit(buffer[index]) { index += 1 }
        }
        if index < buffer.count, buffer[index] == ASCII.lowerE || buffer[index] == ASCII.upperE {
            index += 1
            if index < buffer.count, buffer[index] == ASCII.plus || buffer[index] == ASCII.minus { index += 1 }
            guard index < buffer.count, isDigit(buffer[index]) else {
                throw error("invalid number: expected a digit in the exponent")
            }
            while index < buffer.count, isDigit(buffer[index]) { index += 1 }
        }
    }

    @inline(__always) func isDigit(_ byte: UInt8) -> Bool { byte >= ASCII.zero && byte <= ASCII.nine }

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

    func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    func error(_ message: String, hint: String? = nil) -> HarnessError {
        let location = SourceLocation.of(offset: index, in: buffer, path: path, firstLine: firstLine)
        return .malformed(location, message: message, hint: hint)
    }
}
