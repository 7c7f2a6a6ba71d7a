// Design note. A byte-level recursive-descent parser in the manner of swift-foundation's
// JSONScanner: it walks a buffer of UInt8 with named constants, tracks only the byte
// offset, and computes line and column when it reports an error. Numbers are validated
// against the RFC 8259 grammar and kept as text. Strings are decoded (escapes, surrogate
// pairs) and their UTF-8 validated. Nesting is capped so that hostile input (100,000
// open brackets) is an error with a location, never a stack overflow.

/// Parses JSON text into a `JSONValue`.
public struct JSONParser {
    /// Deeper nesting than this is reported as an error instead of recursing further.
    public static let maximumDepth = 512

    /// Parses one whole JSON document.
    /// - Throws: `HarnessError.malformed` with the path, line and column of the first problem.
    public static func parse(_ bytes: [UInt8], path: String) throws -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer: buffer, path: path)
            return try scanner.parseDocument()
        }
    }

    /// Parses a file whole.
    public static func parse(fileAt path: String) throws -> JSONValue {
        try parse(FileBytes.read(path), path: path)
    }

    /// Parses `bytes` where they are one line (`lineNumber`) of a larger file, so errors
    /// name that line.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, path: String, lineNumber: Int) throws -> JSONValue {
        var scanner = JSONScanner(buffer: bytes, path: path, firstLine: lineNumber)
        return try scanner.parseDocument()
    }
}

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

    init(buffer: UnsafeBufferPointer<UInt8>, path: String, firstLine: Int = 1) {
        self.buffer = buffer
        self.path = path
        self.firstLine = firstLine
    }

    mutating func parseDocument() throws -> JSONValue {
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { index = 3 }
        skipWhitespace()
        if index >= buffer.count { throw error("expected a JSON value, found the end of the input") }
        let value = try parseValue()
        skipWhitespace()
        if index < buffer.count {
            throw error("unexpected \(describe(buffer[index])) after the JSON value", hint: "a file holds one JSON document; for one record per line, use JSON Lines (.jsonl)")
        }
        return value
    }

    mutating func skipWhitespace() {
        while index < buffer.count {
            switch buffer[index] {
            case ASCII.space, ASCII.newline, ASCII.carriageReturn, ASCII.tab: index += 1
            default: return
            }
        }
    }

    mutating func parseValue() throws -> JSONValue {
        guard index < buffer.count else { throw error("unexpected end of input, expected a value") }
        switch buffer[index] {
        case ASCII.openBrace: return try parseObject()
        case ASCII.openBracket: return try parseArray()
        case ASCII.quote: return .string(try parseString())
        case ASCII.minus, ASCII.zero...ASCII.nine: return .number(try parseNumber())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
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

    mutating func parseObject() throws -> JSONValue {
        try enter()
        defer { depth -= 1 }
        index += 1
        var members: [JSONMember] = []
        skipWhitespace()
        if index < buffer.count, buffer[index] == ASCII.closeBrace {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < buffer.count else { throw error("unexpected end of input inside an object, expected a key") }
            guard buffer[index] == ASCII.quote else {
                throw error("unexpected \(describe(buffer[index])), expected a key in double quotes")
            }
            let keyOffset = index
            let key = try parseString()
            skipWhitespace()
            guard index < buffer.count, buffer[index] == ASCII.colon else {
                throw error(index < buffer.count ? "unexpected \(describe(buffer[index])), expected ':' after the key" : "unexpected end of input, expected ':'")
            }
            index += 1
            skipWhitespace()
            let value = try parseValue()
            members.append(JSONMember(key, value, offset: keyOffset))
            skipWhitespace()
            guard index < buffer.count else { throw error("unexpected end of input inside an object, expected ',' or '}'") }
            if buffer[index] == ASCII.comma { index += 1; continue }
            if buffer[index] == ASCII.closeBrace { index += 1; return .object(members) }
            throw error("unexpected \(describe(buffer[index])), expected ',' or '}'")
        }
    }

    mutating func parseArray() throws -> JSONValue {
        try enter()
        defer { depth -= 1 }
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if index < buffer.count, buffer[index] == ASCII.closeBracket {
            index += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue())
            skipWhitespace()
            guard index < buffer.count else { throw error("unexpected end of input inside an array, expected ',' or ']'") }
            if buffer[index] == ASCII.comma { index += 1; continue }
            if buffer[index] == ASCII.closeBracket { index += 1; return .array(items) }
            throw error("unexpected \(describe(buffer[index])), expected ',' or ']'")
        }
    }

    mutating func expectLiteral(_ literal: String) throws {
        let expected = Array(literal.utf8)
        guard index + expected.count <= buffer.count else {
            throw error("unexpected end of input, expected \(literal)")
        }
        for offset in 0..<expected.count where buffer[index + offset] != expected[offset] {
            throw error("invalid literal, expected \(literal)")
        }
        index += expected.count
    }

    /// Checks the RFC 8259 number grammar and returns the number's text.
    mutating func parseNumber() throws -> String {
        let start = index
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
        return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<index]), as: UTF8.self)
    }

    @inline(__always) func isDigit(_ byte: UInt8) -> Bool { byte >= ASCII.zero && byte <= ASCII.nine }

    /// Decodes a string starting at its opening quote; validates UTF-8 and escapes.
    mutating func parseString() throws -> String {
        index += 1
        let start = index
        // Fast path: no escapes, no control characters.
        while index < buffer.count {
            let byte = buffer[index]
            if byte == ASCII.quote {
                let slice = UnsafeBufferPointer(rebasing: buffer[start..<index])
                guard let text = String(validating: slice, as: UTF8.self) else {
                    index = start
                    throw error("invalid UTF-8 in a string")
                }
                index += 1
                return text
            }
            if byte == ASCII.backslash || byte < 0x20 { break }
            index += 1
        }
        var bytes = Array(UnsafeBufferPointer(rebasing: buffer[start..<index]))
        while index < buffer.count {
            let byte = buffer[index]
            switch byte {
            case ASCII.quote:
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    index = start
                    throw error("invalid UTF-8 in a string")
                }
                index += 1
                return text
            case ASCII.backslash:
                index += 1
                guard index < buffer.count else { throw error("unexpected end of input in an escape") }
                switch buffer[index] {
                case ASCII.quote: bytes.append(ASCII.quote)
                case ASCII.backslash: bytes.append(ASCII.backslash)
                case ASCII.slash: bytes.append(ASCII.slash)
                case UInt8(ascii: "b"): bytes.append(0x08)
                case UInt8(ascii: "f"): bytes.append(0x0C)
                case UInt8(ascii: "n"): bytes.append(ASCII.newline)
                case UInt8(ascii: "r"): bytes.append(ASCII.carriageReturn)
                case UInt8(ascii: "t"): bytes.append(ASCII.tab)
                case UInt8(ascii: "u"):
                    let scalar = try parseUnicodeEscape()
                    bytes.append(contentsOf: Array(String(Character(scalar)).utf8))
                    continue
                default:
                    throw error("invalid escape \"\\\(String(decoding: [buffer[index]], as: UTF8.self))\"", hint: "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
                }
                index += 1
            default:
                if byte < 0x20 {
                    throw error("unescaped control character \(describe(byte)) in a string", hint: "write it as an escape such as \\n or \\u00XX")
                }
                bytes.append(byte)
                index += 1
            }
        }
        throw error("unterminated string", hint: "add the closing double quote")
    }

    /// Reads `\uXXXX` (index at the `u`), pairing surrogates; leaves index after it.
    mutating func parseUnicodeEscape() throws -> Unicode.Scalar {
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
            let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            return Unicode.Scalar(value)!  // `!`: surrogate pairs always give a valid scalar
        }
        if (0xDC00...0xDFFF).contains(high) {
            throw error("lone low surrogate \\u\(String(high, radix: 16, uppercase: true))")
        }
        return Unicode.Scalar(high)!  // `!`: non-surrogate BMP values are valid scalars
    }

    /// Index at `u`; reads four hex digits and leaves index after them.
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

    func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    func error(_ message: String, hint: String? = nil) -> HarnessError {
        let location = SourceLocation.of(offset: index, in: buffer, path: path, firstLine: firstLine)
        return .malformed(location, message: message, hint: hint)
    }
}
