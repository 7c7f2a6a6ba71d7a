// Design note. A tape is the flat form of a parsed JSON text, in the manner of simdjson:
// one fixed-size token per value (and per object key), in document order, each holding the
// byte offset and length of its source text. Containers also hold their span (tokens in
// their subtree), so a reader skips a subtree in O(1). Nothing is decoded: strings and
// numbers stay as bytes in the caller's buffer, so comparing two large files costs two
// token arrays, not two trees of heap objects, and one tape is reused record after record.

/// One JSON value (or object key) on a tape.
struct JSONToken: Sendable, Equatable {
    enum Kind: UInt8, Sendable {
        case object, array, string, number, `true`, `false`, null
    }

    /// Byte offset of the value's first byte (the quote, bracket, digit or letter).
    var offset: UInt32
    /// Bytes of the value's source text; for a container, through its closing bracket.
    var length: UInt32
    /// Tokens in this value's subtree, itself included (1 for a scalar). An object's
    /// subtree holds, per member, its key (a string token) then the value's tokens.
    var span: UInt32
    var kind: Kind
    /// `stringHasEscapes` for strings.
    var flags: UInt8

    static let stringHasEscapes: UInt8 = 1

    var start: Int { Int(offset) }
    var end: Int { Int(offset) + Int(length) }
    var hasEscapes: Bool { flags & JSONToken.stringHasEscapes != 0 }
}

/// A reusable array of tokens for one JSON text.
struct JSONTape: Sendable {
    var tokens: [JSONToken] = []

    init() {}

    /// Replaces the tape's tokens with those of `bytes`, which must hold exactly one JSON
    /// value (whitespace around it allowed).
    /// - Throws: `HarnessError.malformed` naming `path`, the line (counted from
    ///   `firstLine`) and column of the first problem.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, path: String, firstLine: Int = 1) throws {
        guard bytes.count < Int(UInt32.max) else {
            throw HarnessError.invalid(SourceLocation(path: path, line: firstLine),
                                       message: "a single JSON text of 4 GiB or more is not supported",
                                       hint: "write one record per line as JSON Lines (.jsonl)")
        }
        var scanner = JSONScanner(buffer: bytes, path: path, firstLine: firstLine)
        tokens.removeAll(keepingCapacity: true)
        swap(&tokens, &scanner.tokens)
        defer { swap(&tokens, &scanner.tokens) }
        try scanner.scanDocument()
    }
}

/// A tape together with the bytes its offsets point into; valid as long as both are.
struct JSONTapeView {
    let tokens: UnsafeBufferPointer<JSONToken>
    let bytes: UnsafeBufferPointer<UInt8>

    /// The source text of token `index`.
    @inline(__always)
    func text(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let token = tokens[index]
        return UnsafeBufferPointer(rebasing: bytes[token.start..<token.end])
    }

    /// The text between a string token's quotes, escapes not decoded.
    @inline(__always)
    func stringContent(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let token = tokens[index]
        return UnsafeBufferPointer(rebasing: bytes[(token.start + 1)..<(token.end - 1)])
    }

    /// The token after the subtree of token `index`.
    @inline(__always)
    func next(after index: Int) -> Int { index + Int(tokens[index].span) }

    /// Appends the decoded bytes of string token `index` to `out`.
    func decodeString(_ index: Int, into out: inout [UInt8]) {
        let content = stringContent(index)
        guard tokens[index].hasEscapes else {
            out.append(contentsOf: content)
            return
        }
        JSONTapeView.unescape(content, into: &out)
    }

    /// Decodes the escapes of string content the scanner has already validated.
    static func unescape(_ content: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var index = 0
        while index < content.count {
            let byte = content[index]
            index += 1
            guard byte == ASCII.backslash, index < content.count else {
                out.append(byte)
                continue
            }
            let escape = content[index]
            index += 1
            switch escape {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(ASCII.newline)
            case UInt8(ascii: "r"): out.append(ASCII.carriageReturn)
            case UInt8(ascii: "t"): out.append(ASCII.tab)
            case UInt8(ascii: "u"):
                var scalar = hex4(content, at: index)
                index += 4
                if (0xD800...0xDBFF).contains(scalar), index + 6 <= content.count {
                    let low = hex4(content, at: index + 2)
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                appendUTF8(scalar, to: &out)
            default: out.append(escape)  // \" \\ \/
            }
        }
    }

    private static func hex4(_ content: UnsafeBufferPointer<UInt8>, at start: Int) -> UInt32 {
        var value: UInt32 = 0
        for index in start..<min(start + 4, content.count) {
            let byte = content[index]
            let digit: UInt8
            switch byte {
            case ASCII.zero...ASCII.nine: digit = byte - ASCII.zero
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            default: digit = byte &- UInt8(ascii: "A") &+ 10
            }
            value = value << 4 | UInt32(digit & 0x0F)
        }
        return value
    }

    private static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18 & 0x07))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
