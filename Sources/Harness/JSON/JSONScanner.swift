// Design note. A byte-level recursive-descent scanner in the manner of swift-foundation's
// JSONScanner: it walks a buffer of UInt8 with named constants, tracks only the byte
// offset, and computes line and column when it reports an error. It validates all of
// RFC 8259 (number grammar, escapes and surrogate pairs, UTF-8 inside strings, no control
// characters) but decodes nothing: it writes a `JSONTape` of offsets. Nesting is capped so
// that hostile input (100,000 open brackets) is an error with a location, never a stack
// overflow. `JSONParser` builds `JSONValue` trees from the tape; the comparators read the
// tape directly. Where tokens go is a type parameter: a tape (`[JSONToken]`), or only their
// count (`JSONTokenCount`), which checks well-formedness without writing anything and,
// being this same code, accepts and rejects exactly what a tape scan does.

struct JSONScanner<Tokens: JSONTokenSink> {
    let buffer: UnsafeBufferPointer<UInt8>
    let path: String
    let firstLine: Int
    var index = 0
    var depth = 0
    var tokens: Tokens

    init(buffer: UnsafeBufferPointer<UInt8>, path: String, firstLine: Int = 1, tokens: Tokens) {
        self.buffer = buffer
        self.path = path
        self.firstLine = firstLine
        self.tokens = tokens
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
        tokens.close(open, end: index)
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
        switch JSONNumberGrammar.scan(buffer, from: index) {
        case .end(let end):
            index = end
        case .problem(let position, let message):
            index = position
            throw error(message)
        }
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

/// JSON's number grammar (RFC 8259), in one place: the scanner's, and the lockstep walk's
/// check that a run of number bytes in actual is a number.
enum JSONNumberGrammar {
    enum Outcome {
        /// The number ends before this position.
        case end(Int)
        /// The grammar breaks at this position, for this reason.
        case problem(at: Int, String)
    }

    /// Reads the number that starts at `start` (a `-` or a digit for the scanner; anything
    /// for the walk, which then gets a problem).
    @inline(__always)
    static func scan(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Outcome {
        var index = start
        if index < buffer.count, buffer[index] == ASCII.minus { index += 1 }
        guard index < buffer.count, isDigit(buffer[index]) else { return .problem(at: index, "invalid number: expected a digit") }
        if buffer[index] == ASCII.zero {
            index += 1
            if index < buffer.count, isDigit(buffer[index]) {
                return .problem(at: index, "invalid number: leading zeros are not allowed")
            }
        } else {
            while index < buffer.count, isDigit(buffer[index]) { index += 1 }
        }
        if index < buffer.count, buffer[index] == ASCII.period {
            index += 1
            guard index < buffer.count, isDigit(buffer[index]) else {
                return .problem(at: index, "invalid number: expected a digit after '.'")
            }
            while index < buffer.count, isDigit(buffer[index]) { index += 1 }
        }
        if index < buffer.count, buffer[index] == ASCII.lowerE || buffer[index] == ASCII.upperE {
            index += 1
            if index < buffer.count, buffer[index] == ASCII.plus || buffer[index] == ASCII.minus { index += 1 }
            guard index < buffer.count, isDigit(buffer[index]) else {
                return .problem(at: index, "invalid number: expected a digit in the exponent")
            }
            while index < buffer.count, isDigit(buffer[index]) { index += 1 }
        }
        return .end(index)
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= ASCII.zero && byte <= ASCII.nine }

    /// Whether all of `run` is one JSON number.
    static func isNumber(_ run: ByteRun) -> Bool {
        run.withUnsafeBuffer { buffer in
            guard case .end(let end) = scan(buffer, from: 0) else { return false }
            return end == buffer.count
        }
    }
}
