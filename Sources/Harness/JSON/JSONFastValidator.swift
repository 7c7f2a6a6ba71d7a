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
    /// Entries of a cursor's stack: open containers, and as many again below a text read
    /// from its middle (`Cursor.startAfterComma`).
    static let stackCapacity = 2 * JSONParser.maximumDepth + 2

    /// Whether `text` is exactly one well-formed JSON value, with optional byte-order mark
    /// and whitespace around it; false when it is not or this validator leaves it to the
    /// scanner. `padding` bytes after `text` must be readable.
    static func acceptsDocument(_ text: UnsafeBufferPointer<UInt8>, padding: Int) -> Bool {
        precondition(padding >= Self.padding, "JSONFastValidator needs \(Self.padding) readable bytes after the text")
        guard let base = text.baseAddress, text.count > 0, text.count <= JSONToken.maximumSpan else { return false }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: stackCapacity) { stack in
            var cursor = Cursor(stack: stack.baseAddress!, lines: false)
            cursor.window(base, count: text.count, final: true)
            if text.count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { cursor.index = 3 }
            guard cursor.run() == .complete else { return false }
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
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: stackCapacity) { stack -> Int? in
            var cursor = Cursor(stack: stack.baseAddress!, lines: true)
            cursor.window(base, count: text.count, final: true)
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
                cursor.phase = .value
                guard byte != 0xEF, cursor.run() == .complete else { return nil }
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

    /// Where a cursor is in the grammar; each is a point it can stop at and resume from.
    enum Phase: UInt8 {
        /// A value starts after optional whitespace.
        case value
        /// An object key (and its colon) starts after optional whitespace.
        case key
        /// After a value: whitespace, then a comma or the end of its container.
        case afterValue
    }

    enum Outcome: Equatable {
        /// The value that began at depth 0 ended; `index` is just after it.
        case complete
        /// Not well-formed, or not decided here.
        case rejected
        /// The window ended inside a token: resume from `checkpoint` with more text.
        case needsMore
        /// The comma before `stop` was read between two values (`stop` is `index`).
        case stopped
        /// A cursor started by `startAfterComma` read to the end of the text, after a value.
        case endedOpen
    }

    /// The validator's state: where it is in the text and the grammar, and the open
    /// containers. It reads a text in windows: `window(_:count:final:)` gives it the next
    /// one, and `run()` goes on until the text ends, is wrong, or the window ends inside a
    /// token (then the caller keeps the bytes from `checkpoint.index` on, adds more, and
    /// resumes with `resume(in:)`).
    struct Cursor {
        private(set) var base: UnsafePointer<UInt8>
        private(set) var end = 0
        /// The window ends where the text does (otherwise a token that reaches its end is
        /// only cut, not wrong).
        private(set) var final = true
        /// `stack[d]` is `closeBrace` or `closeBracket`, what closes the container at depth
        /// d; 0 below the start of a cursor started inside a text and not yet known.
        let stack: UnsafeMutablePointer<UInt8>
        /// Bit b set: byte b (below 64) is whitespace. In JSON Lines a line end is not.
        let whitespace: UInt64
        var index = 0
        var phase = Phase.value
        var depth = 0
        /// Where the current phase began: what `run` resumes from after `needsMore`.
        private(set) var checkpoint = (index: 0, phase: Phase.value, depth: 0)
        /// The offset at which `run` returns `stopped` (just after a comma); -1 for none.
        var stop = -1
        /// Set by `startAfterComma`: the depth it started at (0 otherwise), and the deepest
        /// reached since.
        private(set) var startDepth = 0
        private(set) var deepest = 0
        /// A token reached the end of the window.
        private var cut = false

        init(stack: UnsafeMutablePointer<UInt8>, lines: Bool) {
            base = UnsafePointer(stack)
            self.stack = stack
            let spaces: UInt64 = 1 << UInt64(ASCII.space) | 1 << UInt64(ASCII.tab) | 1 << UInt64(ASCII.carriageReturn)
            whitespace = lines ? spaces : spaces | 1 << UInt64(ASCII.newline)
        }

        /// Reads `count` bytes at `base` next (`padding` bytes after them readable), from
        /// `index`.
        mutating func window(_ base: UnsafePointer<UInt8>, count: Int, final: Bool) {
            self.base = base
            end = count
            self.final = final
        }

        /// After `needsMore`: goes back to the checkpoint, which is now at `index` (the
        /// caller moved the bytes from the checkpoint on to the front, or not).
        mutating func resume(at index: Int) {
            self.index = index
            phase = checkpoint.phase
            depth = checkpoint.depth
        }

        /// Starts reading just before `index - 1` is a comma, between two values of a
        /// container whose kind is not known, nor what encloses it: the second half of a
        /// text split across threads. The container's kind is guessed from what follows (a
        /// key and a colon: an object), and so are those it closes into; `run` returns
        /// `endedOpen` at the end of the text, and `closes(after:)` then says whether that
        /// all holds for a given start.
        mutating func startAfterComma() {
            startDepth = JSONParser.maximumDepth + 1
            depth = startDepth
            deepest = depth
            for level in 0...depth { stack[level] = 0 }
            index -= 1
            phase = .afterValue
        }

        /// Whether this cursor, started by `startAfterComma` and now `endedOpen`, closed
        /// exactly the containers `other` had open when it `stopped` where this one started,
        /// and never nested deeper than the scanner allows.
        func closes(after other: Cursor) -> Bool {
            let closed = startDepth - depth
            guard closed == other.depth, deepest - startDepth + other.depth <= JSONParser.maximumDepth else { return false }
            for level in 0..<closed where stack[startDepth - level] != other.stack[other.depth - level] {
                return false
            }
            return true
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

        /// `rejected`, or `needsMore` when the token was only cut by the window's end.
        @inline(__always)
        private mutating func failed() -> Outcome {
            cut && !final ? .needsMore : .rejected
        }

        /// Reads on from `index` in `phase` (see `Outcome` for where it stops).
        mutating func run() -> Outcome {
            cut = false
            while true {
                checkpoint = (index, phase, depth)
                skipWhitespace()
                guard index < end else {
                    if phase == .afterValue, depth > 0, startDepth > 0, final { return .endedOpen }
                    if phase == .afterValue, depth == 0 { return .complete }
                    cut = true
                    return failed()
                }
                switch phase {
                case .value:
                    switch base[index] {
                    case ASCII.openBrace, ASCII.openBracket:
                        let close = base[index] &+ 2
                        guard depth < JSONFastValidator.stackCapacity - 1,
                              startDepth > 0 || depth < JSONParser.maximumDepth else { return .rejected }
                        index += 1
                        skipWhitespace()
                        guard index < end else { cut = true; return failed() }
                        if base[index] == close {
                            index += 1
                            phase = .afterValue
                        } else {
                            depth += 1
                            deepest = max(deepest, depth)
                            stack[depth] = close
                            phase = close == ASCII.closeBrace ? .key : .value
                        }
                        continue
                    case ASCII.quote:
                        guard string() else { return failed() }
                    case ASCII.minus, ASCII.zero...ASCII.nine:
                        guard number() else { return failed() }
                    case UInt8(ascii: "t"):
                        guard literal(0x6575_7274, length: 4) else { return failed() }  // "true"
                    case UInt8(ascii: "f"):
                        guard literal(0x736C_6166, length: 4) else { return failed() }  // "fals"
                        guard index < end else { cut = true; return failed() }
                        guard base[index] == UInt8(ascii: "e") else { return .rejected }
                        index += 1
                    case UInt8(ascii: "n"):
                        guard literal(0x6C6C_756E, length: 4) else { return failed() }  // "null"
                    default:
                        return .rejected
                    }
                    phase = .afterValue
                case .key:
                    guard base[index] == ASCII.quote, string() else { return failed() }
                    skipWhitespace()
                    guard index < end else { cut = true; return failed() }
                    guard base[index] == ASCII.colon else { return .rejected }
                    index += 1
                    phase = .value
                case .afterValue:
                    if depth == 0 { return .complete }
                    let byte = base[index]
                    index += 1
                    if byte == ASCII.comma {
                        if index == stop { return .stopped }
                        if stack[depth] == 0 {
                            // At or below where `startAfterComma` began: a key and a colon
                            // after the comma say the container is an object.
                            let afterComma = index
                            skipWhitespace()
                            let isKey = index < end && base[index] == ASCII.quote && string() && {
                                skipWhitespace()
                                return index < end && base[index] == ASCII.colon
                            }()
                            if !isKey, index >= end, !final { return .needsMore }
                            stack[depth] = isKey ? ASCII.closeBrace : ASCII.closeBracket
                            index = afterComma
                        }
                        phase = stack[depth] == ASCII.closeBrace ? .key : .value
                        continue
                    }
                    if stack[depth] == 0, byte == ASCII.closeBrace || byte == ASCII.closeBracket {
                        stack[depth] = byte
                    }
                    guard byte == stack[depth] else { return .rejected }
                    depth -= 1
                }
            }
        }

        /// A literal's first four bytes (the caller checks a fifth).
        @inline(__always)
        mutating func literal(_ expected: UInt32, length: Int) -> Bool {
            guard index + length <= end else {
                cut = true
                return false
            }
            guard UInt32(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt32.self)) == expected else { return false }
            index += length
            return true
        }

        /// A string at its opening quote: escapes, control characters and UTF-8 as the
        /// scanner checks them; leaves `index` after the closing quote.
        @inline(__always)
        mutating func string() -> Bool {
            let start = index + 1
            index = start
            var highBits: UInt64 = 0
            while true {
                let word = word(at: index)
                let special = JSONScanner<JSONTokenCount>.specialBytes(word)
                if special == 0 {
                    highBits |= word
                    index += 8
                    guard index < end else { cut = true; return false }
                    continue
                }
                // Little-endian: the lowest flag marks the first special byte (exactly).
                let skipped = special.trailingZeroBitCount >> 3
                highBits |= word & ((1 << UInt64(skipped * 8)) &- 1)
                index += skipped
                guard index < end else { cut = true; return false }
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
        @inline(never)
        mutating func escape() -> Bool {
            guard index + 1 < end else { cut = true; return false }
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
                guard index + 1 < end else { cut = true; return false }
                guard base[index] == ASCII.backslash, base[index + 1] == UInt8(ascii: "u"),
                      let low = hex4(at: index + 2), (0xDC00...0xDFFF).contains(low) else { return false }
                index += 6
                return true
            default:
                return false
            }
        }

        mutating func hex4(at position: Int) -> UInt32? {
            guard position + 4 <= end else {
                cut = true
                return nil
            }
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

        /// RFC 8259's number grammar; leaves `index` after the number. A number that reaches
        /// the end of a window that is not the last may go on in the next: it is cut.
        @inline(__always)
        mutating func number() -> Bool {
            if base[index] == ASCII.minus { index += 1 }
            let integer = digits()
            guard integer > 0, base[index] != ASCII.zero || integer == 1 else {
                if index + integer >= end { cut = true }
                return false
            }
            index += integer
            guard index < end else { return reachedEnd() }
            if base[index] == ASCII.period {
                index += 1
                let fraction = digits()
                guard fraction > 0 else {
                    if index >= end { cut = true }
                    return false
                }
                index += fraction
                guard index < end else { return reachedEnd() }
            }
            if base[index] | 0x20 == ASCII.lowerE {
                index += 1
                if index < end, base[index] == ASCII.plus || base[index] == ASCII.minus { index += 1 }
                let exponent = digits()
                guard exponent > 0 else {
                    if index >= end { cut = true }
                    return false
                }
                index += exponent
                guard index < end else { return reachedEnd() }
            }
            return true
        }

        /// A number that ends where the window does: complete in the last window, cut in others.
        @inline(__always)
        mutating func reachedEnd() -> Bool {
            cut = true
            return final
        }
    }
}
