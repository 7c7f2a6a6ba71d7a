// Design note. The byte-equal fast paths (`ByteEqualDocument`, `ByteEqualLines`) only need
// to know that a text is well-formed, and nearly always it is; `JSONScanner` answers that at
// about 0.7 GB/s a core, which made "nothing changed" cost 2.5-3.7x `cmp`. This validator
// answers only "yes" or "cannot say", at more than twice that speed:
// - one loop with an explicit stack (a byte per open container) instead of recursion and
//   a token sink, so no call, retain or `throws` path per value;
// - strings eight bytes at a time (as the scanner does), digit runs eight bytes at a time
//   (SWAR), literals as one 32-bit compare; every load may read up to `padding` bytes past
//   the text, which the callers own and keep readable, so no load needs a length test.
// It accepts a subset of what the scanner accepts, never more: a text it accepts scans
// without error (fuzz target `json-validate` and `JSONFastValidatorTests` check this
// against `JSONTape.validate`). Anything it does not accept (a syntax error, but also what
// it leaves to the scanner: a byte-order mark on a JSON Lines line, a text over
// `JSONToken.maximumSpan` bytes) goes to the scanner, which accepts or reports it as before.

/// Accepts well-formed JSON texts (what `JSONTape.validate` accepts) without writing anything.
enum JSONFastValidator {
    /// Bytes after a text that must be readable (their values never matter).
    static let padding = 16

    /// Whether `text` is exactly one well-formed JSON value, with optional byte-order mark
    /// and whitespace around it; false when it is not or this validator leaves it to the
    /// scanner. `padding` bytes after `text` must be readable.
    static func acceptsDocument(_ text: UnsafeBufferPointer<UInt8>, padding: Int) -> Bool {
        precondition(padding >= Self.padding, "JSONFastValidator needs \(Self.padding) readable bytes after the text")
        guard let base = text.baseAddress, text.count > 0, text.count <= JSONToken.maximumSpan else { return false }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: JSONParser.maximumDepth + 1) { stack in
            var cursor = Cursor(base: base, end: text.count, stack: stack.baseAddress!, lines: false)
            if text.count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { cursor.index = 3 }
            cursor.skipWhitespace()
            guard cursor.value() else { return false }
            cursor.skipWhitespace()
            return cursor.index == cursor.end
        }
    }

    /// The number of records of `text`, JSON Lines (every line blank or one well-formed JSON
    /// value) ending at a line end or the end of the file; nil when a line is not well-formed
    /// or this validator leaves it to the scanner (a byte-order mark, a line over
    /// `maximumLine` bytes). `padding` bytes after `text` must be readable.
    static func records(inLines text: UnsafeBufferPointer<UInt8>, padding: Int, maximumLine: Int) -> Int? {
        precondition(padding >= Self.padding, "JSONFastValidator needs \(Self.padding) readable bytes after the text")
        guard let base = text.baseAddress else { return 0 }
        let longest = min(maximumLine, JSONToken.maximumSpan)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: JSONParser.maximumDepth + 1) { stack -> Int? in
            var cursor = Cursor(base: base, end: text.count, stack: stack.baseAddress!, lines: true)
            var records = 0
            while cursor.index < cursor.end {
                let lineStart = cursor.index
                cursor.skipWhitespace()
                guard cursor.index < cursor.end else { break }
                let byte = base[cursor.index]
                if byte == ASCII.newline {
                    cursor.index += 1
                    continue
                }
                guard byte != 0xEF, cursor.value() else { return nil }
                cursor.skipWhitespace()
                guard cursor.index - lineStart <= longest else { return nil }
                if cursor.index < cursor.end {
                    guard base[cursor.index] == ASCII.newline else { return nil }
                    cursor.index += 1
                }
                records += 1
            }
            return records
        }
    }

    /// The validator's state: where it is in the text, and the open containers.
    private struct Cursor {
        let base: UnsafePointer<UInt8>
        let end: Int
        /// `stack[d]` is `closeBrace` or `closeBracket`: what closes the container at depth d.
        let stack: UnsafeMutablePointer<UInt8>
        /// Bit b set: byte b (below 64) is whitespace. In JSON Lines a line end is not.
        let whitespace: UInt64
        var index = 0

        init(base: UnsafePointer<UInt8>, end: Int, stack: UnsafeMutablePointer<UInt8>, lines: Bool) {
            self.base = base
            self.end = end
            self.stack = stack
            let spaces: UInt64 = 1 << UInt64(ASCII.space) | 1 << UInt64(ASCII.tab) | 1 << UInt64(ASCII.carriageReturn)
            whitespace = lines ? spaces : spaces | 1 << UInt64(ASCII.newline)
        }

        @inline(__always)
        func word(at position: Int) -> UInt64 {
            UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
        }

        @inline(__always)
        mutating func skipWhitespace() {
            while index < end {
                let byte = base[index]
                guard byte <= ASCII.space, whitespace >> UInt64(byte) & 1 != 0 else { return }
                index += 1
            }
        }

        /// Checks one value starting at `index` (whitespace skipped) and leaves `index`
        /// after it; false when it is not well-formed.
        mutating func value() -> Bool {
            var depth = 0
            while true {
                // A value starts here.
                guard index < end else { return false }
                switch base[index] {
                case ASCII.openBrace, ASCII.openBracket:
                    let close = base[index] &+ 2
                    guard depth < JSONParser.maximumDepth else { return false }
                    index += 1
                    skipWhitespace()
                    guard index < end else { return false }
                    if base[index] == close {
                        index += 1
                    } else {
                        depth += 1
                        stack[depth] = close
                        if close == ASCII.closeBrace {
                            guard key() else { return false }
                        }
                        continue
                    }
                case ASCII.quote:
                    guard string() else { return false }
                case ASCII.minus, ASCII.zero...ASCII.nine:
                    guard number() else { return false }
                case UInt8(ascii: "t"):
                    guard literal(0x6575_7274, length: 4) else { return false }  // "true"
                case UInt8(ascii: "f"):
                    guard index + 5 <= end, base[index + 4] == UInt8(ascii: "e"),
                          literal(0x736C_6166, length: 4) else { return false }  // "fals"
                    index += 1
                case UInt8(ascii: "n"):
                    guard literal(0x6C6C_756E, length: 4) else { return false }  // "null"
                default:
                    return false
                }
                // After a value: a comma, the end of its container, or the end of the value.
                while true {
                    if depth == 0 { return true }
                    skipWhitespace()
                    guard index < end else { return false }
                    let byte = base[index]
                    index += 1
                    if byte == ASCII.comma {
                        skipWhitespace()
                        if stack[depth] == ASCII.closeBrace {
                            guard key() else { return false }
                        }
                        break
                    }
                    guard byte == stack[depth] else { return false }
                    depth -= 1
                }
            }
        }

        /// An object key and its colon (at the key's quote); leaves `index` at the value.
        @inline(__always)
        mutating func key() -> Bool {
            guard index < end, base[index] == ASCII.quote, string() else { return false }
            skipWhitespace()
            guard index < end, base[index] == ASCII.colon else { return false }
            index += 1
            skipWhitespace()
            return true
        }

        @inline(__always)
        mutating func literal(_ expected: UInt32, length: Int) -> Bool {
            guard index + length <= end,
                  UInt32(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt32.self)) == expected else { return false }
            index += length
            return true
        }

        /// A string at its opening quote: escapes, control characters and UTF-8 as the
        /// scanner checks them; leaves `index` after the closing quote.
        mutating func string() -> Bool {
            index += 1
            let start = index
            var highBits: UInt64 = 0
            while true {
                let word = word(at: index)
                let special = JSONScanner<JSONTokenCount>.specialBytes(word)
                if special == 0 {
                    highBits |= word
                    index += 8
                    guard index < end else { return false }
                    continue
                }
                // Little-endian: the lowest flag marks the first special byte (exactly).
                let skipped = special.trailingZeroBitCount >> 3
                highBits |= word & ((1 << UInt64(skipped * 8)) &- 1)
                index += skipped
                guard index < end else { return false }
                let byte = base[index]
                if byte == ASCII.quote { break }
                guard byte == ASCII.backslash, escape() else { return false }
            }
            if highBits & 0x8080_8080_8080_8080 != 0,
               !JSONScanner<JSONTokenCount>.isValidUTF8(UnsafeBufferPointer(start: base + start, count: index - start)) {
                return false
            }
            index += 1
            return true
        }

        /// An escape at its backslash; leaves `index` after it.
        mutating func escape() -> Bool {
            guard index + 1 < end else { return false }
            switch base[index + 1] {
            case ASCII.quote, ASCII.backslash, ASCII.slash, UInt8(ascii: "b"), UInt8(ascii: "f"),
                 UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                index += 2
                return true
            case UInt8(ascii: "u"):
                guard let high = hex4(at: index + 2) else { return false }
                index += 6
                if (0xDC00...0xDFFF).contains(high) { return false }
                guard (0xD800...0xDBFF).contains(high) else { return true }
                guard index + 1 < end, base[index] == ASCII.backslash, base[index + 1] == UInt8(ascii: "u"),
                      let low = hex4(at: index + 2), (0xDC00...0xDFFF).contains(low) else { return false }
                index += 6
                return true
            default:
                return false
            }
        }

        func hex4(at position: Int) -> UInt32? {
            guard position + 4 <= end else { return nil }
            var value: UInt32 = 0
            for offset in 0..<4 {
                let byte = base[position + offset]
                let digit: UInt8
                switch byte {
                case ASCII.zero...ASCII.nine: digit = byte - ASCII.zero
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }

        /// The digits from `index` on (none past `end`), eight at a time.
        @inline(__always)
        func digits() -> Int {
            let high: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
            let threes: UInt64 = 0x3030_3030_3030_3030
            var count = 0
            while true {
                let word = word(at: index + count)
                // A byte is a digit when it is 0x3_ and stays 0x3_ plus 6. A carry out of a
                // byte of 0xFA or more reaches only bytes after it, past the first non-digit.
                let notDigits = ((word & high) ^ threes) | (((word &+ 0x0606_0606_0606_0606) & high) ^ threes)
                if notDigits == 0 {
                    count += 8
                    if index + count >= end { return end - index }
                    continue
                }
                return min(count + notDigits.trailingZeroBitCount >> 3, end - index)
            }
        }

        /// RFC 8259's number grammar; leaves `index` after the number.
        @inline(__always)
        mutating func number() -> Bool {
            if base[index] == ASCII.minus { index += 1 }
            let integer = digits()
            guard integer > 0, base[index] != ASCII.zero || integer == 1 else { return false }
            index += integer
            guard index < end else { return true }
            if base[index] == ASCII.period {
                index += 1
                let fraction = digits()
                guard fraction > 0 else { return false }
                index += fraction
                guard index < end else { return true }
            }
            if base[index] | 0x20 == ASCII.lowerE {
                index += 1
                if index < end, base[index] == ASCII.plus || base[index] == ASCII.minus { index += 1 }
                let exponent = digits()
                guard exponent > 0 else { return false }
                index += exponent
            }
            return true
        }
    }
}
