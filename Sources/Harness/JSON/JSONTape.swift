// Design note. A tape is the flat form of a parsed JSON text, in the manner of simdjson:
// one fixed-size token per value (and per object key), in document order, each holding the
// byte offset and length of its source text. Containers also hold their span (tokens in
// their subtree), so a reader skips a subtree in O(1). Nothing is decoded: strings and
// numbers stay as bytes in the caller's buffer, so comparing two large files costs two
// token arrays, not two trees of heap objects, and one tape is reused record after record.

/// One JSON value (or object key) on a tape: 12 bytes.
struct JSONToken: Sendable, Equatable {
    enum Kind: UInt8, Sendable {
        case object, array, string, number, `true`, `false`, null
    }

    /// Byte offset of the value's first byte (the quote, bracket, digit or letter).
    var offset: UInt32
    /// Bytes of the value's source text; for a container, through its closing bracket.
    var length: UInt32
    /// The span (high 28 bits), the escapes flag (bit 3) and the kind (bits 0-2).
    private var packed: UInt32

    /// Tokens in a subtree beyond this many are not supported (documents of gigabytes).
    static let maximumSpan = (1 << 28) - 1
    private static let escapesBit: UInt32 = 1 << 3

    init(offset: UInt32, length: UInt32, kind: Kind, hasEscapes: Bool = false) {
        self.offset = offset
        self.length = length
        packed = 1 << 4 | UInt32(kind.rawValue) | (hasEscapes ? JSONToken.escapesBit : 0)
    }

    var kind: Kind {
        // `!`: only `init` writes the low bits, always from a valid Kind.
        Kind(rawValue: UInt8(packed & 0x7))!
    }

    /// Whether a string token has backslash escapes (its bytes are not its characters).
    var hasEscapes: Bool { packed & JSONToken.escapesBit != 0 }

    /// Tokens in this value's subtree, itself included (1 for a scalar). An object's
    /// subtree holds, per member, its key (a string token) then the value's tokens.
    var span: Int {
        get { Int(packed >> 4) }
        set { packed = packed & 0xF | UInt32(truncatingIfNeeded: newValue) << 4 }
    }

    var start: Int { Int(offset) }
    var end: Int { Int(offset) + Int(length) }
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
        try JSONTape.checkSize(bytes, path: path, firstLine: firstLine)
        var scanner = JSONScanner(buffer: bytes, path: path, firstLine: firstLine, tokens: [JSONToken]())
        tokens.removeAll(keepingCapacity: true)
        if bytes.count > 1 << 20 {
            // Every token but the first follows one of `,:[{`, so their count bounds the
            // tokens: reserving that avoids the doubling copies of a large document.
            var bound = 1
            for byte in bytes where byte == ASCII.comma || byte == ASCII.colon || byte == ASCII.openBracket || byte == ASCII.openBrace {
                bound += 1
            }
            if bound > tokens.capacity { tokens.reserveCapacity(bound) }
        }
        swap(&tokens, &scanner.tokens)
        defer { swap(&tokens, &scanner.tokens) }
        try scanner.scanDocument()
    }

    /// `scan(_:path:firstLine:)` of a run a reader lent.
    /// - Throws: what `scan` throws.
    mutating func scan(_ bytes: ByteRun, path: String, firstLine: Int = 1) throws {
        try bytes.withUnsafeBuffer { try scan($0, path: path, firstLine: firstLine) }
    }

    /// `validate(_:path:firstLine:)` of a run a reader lent.
    /// - Throws: what `scan` would throw.
    static func validate(_ bytes: ByteRun, path: String, firstLine: Int = 1) throws {
        try bytes.withUnsafeBuffer { try validate($0, path: path, firstLine: firstLine) }
    }

    /// Calls `body` with a view of this tape over `bytes`, the text it was scanned from.
    func view<Result>(over bytes: ByteRun, _ body: (JSONTapeView) throws -> Result) rethrows -> Result {
        try tokens.withUnsafeBufferPointer { tokens in
            try bytes.withUnsafeBuffer { try body(JSONTapeView(tokens: tokens, bytes: $0)) }
        }
    }

    /// Calls `body` with views of two tapes over the texts they were scanned from.
    static func views<Result>(_ expected: JSONTape, over expectedBytes: ByteRun, _ actual: JSONTape, over actualBytes: ByteRun,
                              _ body: (JSONTapeView, JSONTapeView) throws -> Result) rethrows -> Result {
        try expected.view(over: expectedBytes) { e in try actual.view(over: actualBytes) { a in try body(e, a) } }
    }

    /// Checks that `bytes` hold exactly one JSON value, as `scan` does, writing no tokens:
    /// it throws what `scan` would throw and returns where `scan` would return.
    static func validate(_ bytes: UnsafeBufferPointer<UInt8>, path: String, firstLine: Int = 1) throws {
        try checkSize(bytes, path: path, firstLine: firstLine)
        var scanner = JSONScanner(buffer: bytes, path: path, firstLine: firstLine, tokens: JSONTokenCount())
        try scanner.scanDocument()
    }

    /// Token offsets are 32 bits wide.
    private static func checkSize(_ bytes: UnsafeBufferPointer<UInt8>, path: String, firstLine: Int) throws {
        guard bytes.count < Int(UInt32.max) - 1 else {
            throw HarnessError.invalid(SourceLocation(path: path, line: firstLine),
                                       message: "a single JSON text of 4 GiB or more is not supported",
                                       hint: "write one record per line as JSON Lines (.jsonl)")
        }
    }
}

/// A tape together with the bytes its offsets point into; valid as long as both are.
struct JSONTapeView {
    let tokens: UnsafeBufferPointer<JSONToken>
    let bytes: UnsafeBufferPointer<UInt8>

    /// A view of no document, until a differ is handed one.
    static var none: JSONTapeView {
        JSONTapeView(tokens: UnsafeBufferPointer(start: nil, count: 0), bytes: UnsafeBufferPointer(start: nil, count: 0))
    }

    /// The source text of token `index`.
    @inline(__always)
    func text(_ index: Int) -> ByteRun {
        let token = tokens[index]
        return ByteRun(UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]))
    }

    /// The text between a string token's quotes, escapes not decoded.
    @inline(__always)
    func stringContent(_ index: Int) -> ByteRun {
        let token = tokens[index]
        return ByteRun(UnsafeBufferPointer(rebasing: bytes[(token.start + 1)..<(token.end - 1)]))
    }

    /// The token after the subtree of token `index`.
    @inline(__always)
    func next(after index: Int) -> Int { index + tokens[index].span }

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
    static func unescape(_ content: ByteRun, into out: inout [UInt8]) {
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

    private static func hex4(_ content: ByteRun, at start: Int) -> UInt32 {
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
