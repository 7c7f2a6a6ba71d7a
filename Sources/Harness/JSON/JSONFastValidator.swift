// Design note. The byte-equal fast paths (`ByteEqualDocument`, `ByteEqualLines`) only need
// to know that a text is well-formed, and nearly always it is; `JSONScanner` answers that at
// about 0.7 GB/s a core, which made "nothing changed" cost 2.5-3.7x `cmp`. This validator
// answers only "yes" or "cannot say", about twice as fast:
// - one loop with an explicit stack (a byte per open container) instead of recursion and a
//   token sink: no call, retain or `throws` path per value; keys, values and what follows
//   a value lead into each other directly;
// - strings and digit runs eight bytes at a time (SWAR), literals as one 32-bit compare;
// - a NUL written just after the text (no token or whitespace holds one), so that no loop
//   tests for the end: a token that stops asks only then whether it stopped there. Loads
//   may read up to `padding` bytes past the text, which the callers own.
// It reads a text in windows and resumes where a token was cut, so files are streamed; and
// it can start after a comma in the middle of a text, guessing what it is in and recording
// what it assumed, so that a document can be checked in two halves (`Cursor`).
// It accepts a subset of what the scanner accepts, never more: a text it accepts scans
// without error (fuzz target `json-validate` and `JSONFastValidatorTests` check this
// against `JSONTape.validate`). Anything it does not accept (a syntax error, but also what
// it leaves to the scanner: a byte-order mark on a JSON Lines line, a text over
// `JSONToken.maximumSpan` bytes) goes to the scanner, which accepts or reports it as before.

/// Accepts well-formed JSON texts (what `JSONTape.validate` accepts) without writing anything.
enum JSONFastValidator {
    /// Bytes after a text that must be readable; the first is overwritten while the text is
    /// read (see `Cursor.window`), the others' values never matter.
    static let padding = 16
    /// Entries of a cursor's stack: open containers, as many again below a text read from
    /// its middle (`Cursor.startAfterComma`), and what closed those.
    static let stackCapacity = 3 * levels
    private static let levels = JSONParser.maximumDepth + 1

    /// Whether `text` is exactly one well-formed JSON value, with optional byte-order mark
    /// and whitespace around it; false when it is not or this validator leaves it to the
    /// scanner. `padding` bytes after `text` must be readable, the first writable (it is
    /// restored).
    static func acceptsDocument(_ text: UnsafeMutableBufferPointer<UInt8>, padding: Int) -> Bool {
        precondition(padding >= Self.padding, "JSONFastValidator needs \(Self.padding) readable bytes after the text")
        guard let base = text.baseAddress, text.count > 0, text.count <= JSONToken.maximumSpan else { return false }
        let after = base[text.count]
        defer { base[text.count] = after }
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
    /// `maximumLine` bytes). `padding` bytes after `text` must be readable, the first
    /// writable (it is restored).
    static func records(inLines text: UnsafeMutableBufferPointer<UInt8>, padding: Int, maximumLine: Int) -> Int? {
        precondition(padding >= Self.padding, "JSONFastValidator needs \(Self.padding) readable bytes after the text")
        guard let base = text.baseAddress else { return 0 }
        let after = base[text.count]
        defer { base[text.count] = after }
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
    /// resumes with `resume(at:)`).
    struct Cursor {
        private(set) var base: UnsafePointer<UInt8>
        private(set) var end = 0
        /// The window ends where the text does (otherwise a token that reaches its end is
        /// only cut, not wrong).
        private(set) var final = true
        /// `stack[d]` is `closeBrace` or `closeBracket`, what closes the container at depth
        /// d; `unknown` below the start of a cursor started inside a text and not yet known.
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
        /// Set by `startAfterComma`: the depth it started at (0 otherwise), the deepest
        /// reached since, and the lowest (the containers it closed that it did not open).
        private(set) var startDepth = 0
        private(set) var deepest = 0
        private(set) var lowest = 0
        /// Whether a comma followed at `lowest` after the last container closed there: had
        /// that container been the outermost, the text went on after its value.
        private(set) var continuedAtLowest = false
        /// Where `stack` records the bracket that closed each container below the start
        /// (the one at `startDepth` first): the stack's own entries are reused by later ones.
        private static let closedBelowStart = 2 * JSONFastValidator.levels

        init(stack: UnsafeMutablePointer<UInt8>, lines: Bool) {
            base = UnsafePointer(stack)
            self.stack = stack
            let spaces: UInt64 = 1 << UInt64(ASCII.space) | 1 << UInt64(ASCII.tab) | 1 << UInt64(ASCII.carriageReturn)
            whitespace = lines ? spaces : spaces | 1 << UInt64(ASCII.newline)
        }

        /// Reads `count` bytes at `base` next (`padding` bytes after them readable), from
        /// `index`. The byte after them becomes 0: no token or whitespace holds a NUL, so
        /// every loop stops there without testing for the end, and only the way out of a
        /// token that stopped (wrong, or cut by the window) asks whether it is the end.
        mutating func window(_ base: UnsafeMutablePointer<UInt8>, count: Int, final: Bool) {
            base[count] = 0
            self.base = UnsafePointer(base)
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

        /// Starts reading at the comma just before `index`, as if it stood between two values
        /// of a container whose kind is not known, nor what encloses it: the second half of a
        /// text split across threads. The container's kind is guessed from what follows (a
        /// key and a colon: an object), and so are those it closes into; `run` returns
        /// `endedOpen` at the end of the text, and `closes(after:)` then says whether that
        /// all holds for a given start.
        mutating func startAfterComma() {
            startDepth = JSONParser.maximumDepth + 1
            depth = startDepth
            deepest = depth
            lowest = depth
            continuedAtLowest = false
            for level in 0...depth { stack[level] = Self.unknown }
            index -= 1
            phase = .afterValue
        }

        /// Whether this cursor, started by `startAfterComma` and now `endedOpen`, closed
        /// exactly the containers `other` had open when it `stopped` where this one started,
        /// nothing but whitespace after the last of them (the outermost), and never nested
        /// deeper than the scanner allows.
        func closes(after other: Cursor) -> Bool {
            let closed = startDepth - depth
            guard closed == other.depth, depth == lowest, !continuedAtLowest,
                  deepest - startDepth + other.depth <= JSONParser.maximumDepth else { return false }
            for level in 0..<closed where stack[Self.closedBelowStart + level] != other.stack[other.depth - level] {
                return false
            }
            return true
        }

        @inline(__always)
        mutating func skipWhitespace() {
            index = skipWhitespace(from: index)
        }

        // Positions use wrapping arithmetic (`&+`): they stay below `JSONToken.maximumSpan`
        // plus the padding, far from overflow, and the overflow checks were 3% of the loop.

        /// The first position from `position` on that is not whitespace (at most `end`).
        @inline(__always)
        func skipWhitespace(from position: Int) -> Int {
            var position = position
            while true {
                let byte = base[position]
                guard byte <= ASCII.space, whitespace >> UInt64(byte) & 1 != 0 else { return position }
                position &+= 1
            }
        }

        /// What closes a container whose kind is not known yet: a byte that is not the NUL
        /// after a window (`window`) and never well-formed where a bracket can be. Should a
        /// text hold it there, the container "closes" with it, and the halves cannot fit.
        static let unknown: UInt8 = 0x01

        // The helpers below take a position and return where the token ends, or one of these.
        /// Not well-formed.
        static let wrong = -1
        /// Reached the end of a window that is not the last: the token may go on in the next.
        static let cut = -2

        /// `cut` when a token that could not go on stopped at `position`, the end; `wrong`
        /// before it.
        @inline(__always)
        func stoppedShort(at position: Int) -> Int {
            position >= end ? Self.cut : Self.wrong
        }

        /// The outcome for a helper's `wrong` or `cut`.
        @inline(__always)
        func failure(_ code: Int) -> Outcome {
            code == Self.cut && !final ? .needsMore : .rejected
        }

        /// Reads on from `index` in `phase` (see `Outcome` for where it stops). The flow goes
        /// from key to value to what follows a value directly; `phase` only says where to
        /// enter. The position and depth live in locals while reading, and go back to the
        /// cursor when it stops.
        mutating func run() -> Outcome {
            var index = self.index
            var depth = self.depth
            var entry = phase
            // Where the current phase began: what `needsMore` resumes from.
            var mark = (index: index, phase: entry, depth: depth)
            var outcome = Outcome.rejected
            // Keys are read where they start (after `{` and after a comma in an object), so
            // in the loop `entry` is `value` but where a cursor resumes after a value.
            if entry == .key {
                let next = keyEnd(from: index)
                guard next >= 0 else { return stopped(failure(next), at: index, depth: depth, mark: mark) }
                index = next
                entry = .value
            }
            machine: while true {
                if entry == .value {
                    mark = (index, .value, depth)
                    index = skipWhitespace(from: index)
                    let next: Int
                    switch base[index] {
                    case ASCII.openBrace, ASCII.openBracket:
                        let close = base[index] &+ 2
                        guard depth < Self.closedBelowStart - 1,
                              startDepth > 0 || depth < JSONParser.maximumDepth else { break machine }
                        let inside = skipWhitespace(from: index &+ 1)
                        // Cut before it is known whether the container is empty: read it again.
                        guard inside < end else { outcome = failure(Self.cut); break machine }
                        if base[inside] != close {
                            index = inside
                            depth &+= 1
                            deepest = max(deepest, depth)
                            stack[depth] = close
                            if close == ASCII.closeBrace {
                                mark = (index, .key, depth)
                                let key = keyEnd(from: index)
                                guard key >= 0 else { outcome = failure(key); break machine }
                                index = key
                            }
                            continue machine
                        }
                        next = inside &+ 1
                    case ASCII.quote:
                        next = stringEnd(from: index)
                    case ASCII.minus, ASCII.zero...ASCII.nine:
                        next = numberEnd(from: index)
                    case UInt8(ascii: "t"):
                        next = literalEnd(from: index, 0x6575_7274, length: 4)  // "true"
                    case UInt8(ascii: "f"):
                        next = literalEnd(from: index, 0x736C_6166, length: 5)  // "fals", then "e"
                    case UInt8(ascii: "n"):
                        next = literalEnd(from: index, 0x6C6C_756E, length: 4)  // "null"
                    default:
                        next = stoppedShort(at: index)
                    }
                    guard next >= 0 else { outcome = failure(next); break machine }
                    index = next
                }
                // After a value: a comma, the end of its container, or the end of the value.
                while true {
                    mark = (index, .afterValue, depth)
                    index = skipWhitespace(from: index)
                    if depth == 0 {
                        outcome = .complete
                        break machine
                    }
                    let byte = base[index]
                    if byte == ASCII.comma {
                        if depth == lowest { continuedAtLowest = true }
                        index &+= 1
                        if index == stop {
                            outcome = .stopped
                            break machine
                        }
                        if stack[depth] == Self.unknown {
                            // At or below where `startAfterComma` began: a key and a colon
                            // after the comma say the container is an object.
                            let key = keyEnd(from: index)
                            if key == Self.cut, !final {
                                outcome = .needsMore
                                break machine
                            }
                            stack[depth] = key >= 0 ? ASCII.closeBrace : ASCII.closeBracket
                        }
                        if stack[depth] == ASCII.closeBrace {
                            mark = (index, .key, depth)
                            let key = keyEnd(from: index)
                            guard key >= 0 else { outcome = failure(key); break machine }
                            index = key
                        }
                        entry = .value
                        continue machine
                    }
                    if stack[depth] == Self.unknown, byte == ASCII.closeBrace || byte == ASCII.closeBracket {
                        stack[depth] = byte
                    }
                    guard byte == stack[depth] else {
                        if index >= end {
                            outcome = startDepth > 0 && final ? .endedOpen : failure(Self.cut)
                        }
                        break machine
                    }
                    index &+= 1
                    if depth == lowest, startDepth > 0 {
                        stack[Self.closedBelowStart + startDepth - depth] = byte
                        lowest -= 1
                        continuedAtLowest = false
                    }
                    depth &-= 1
                }
            }
            return stopped(outcome, at: index, depth: depth, mark: mark)
        }

        /// Keeps where `run` stopped, and returns its outcome.
        @inline(__always)
        private mutating func stopped(_ outcome: Outcome, at index: Int, depth: Int, mark: (index: Int, phase: Phase, depth: Int)) -> Outcome {
            self.index = index
            self.depth = depth
            phase = .afterValue
            checkpoint = mark
            return outcome
        }

        /// After an object key and its colon (whitespace before each skipped).
        @inline(__always)
        func keyEnd(from position: Int) -> Int {
            let quote = skipWhitespace(from: position)
            guard base[quote] == ASCII.quote else { return stoppedShort(at: quote) }
            let string = stringEnd(from: quote)
            guard string >= 0 else { return string }
            let colon = skipWhitespace(from: string)
            guard base[colon] == ASCII.colon else { return stoppedShort(at: colon) }
            return colon &+ 1
        }

        /// After a literal of `length` bytes (4, or 5 for "false": its first four, then "e").
        /// One that would cross the end cannot match: the NUL there is in none.
        @inline(__always)
        func literalEnd(from position: Int, _ firstFour: UInt32, length: Int) -> Int {
            guard UInt32(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt32.self)) == firstFour,
                  length == 4 || base[position + 4] == UInt8(ascii: "e") else {
                return position + length > end ? Self.cut : Self.wrong
            }
            return position + length
        }

        /// After a string at its opening quote: escapes, control characters and UTF-8 as
        /// the scanner checks them. The NUL at the end is a control character, so the loop
        /// stops there.
        @inline(__always)
        func stringEnd(from quote: Int) -> Int {
            let start = quote + 1
            var position = start
            var highBits: UInt64 = 0
            while true {
                let word = word(at: position)
                let special = JSONScanner<JSONTokenCount>.specialBytes(word)
                if special == 0 {
                    highBits |= word
                    position &+= 8
                    continue
                }
                // Little-endian: the lowest flag marks the first special byte (exactly).
                let skipped = special.trailingZeroBitCount >> 3
                highBits |= word & ((1 << UInt64(skipped &* 8)) &- 1)
                position &+= skipped
                let byte = base[position]
                if byte == ASCII.quote { break }
                guard byte == ASCII.backslash else { return stoppedShort(at: position) }
                position = escapeEnd(at: position)
                guard position >= 0 else { return position }
            }
            if highBits & 0x8080_8080_8080_8080 != 0,
               !JSONScanner<JSONTokenCount>.isValidUTF8(UnsafeBufferPointer(start: base + start, count: position - start)) {
                return Self.wrong
            }
            return position &+ 1
        }

        /// After an escape at its backslash.
        @inline(never)
        func escapeEnd(at backslash: Int) -> Int {
            guard backslash + 1 < end else { return Self.cut }
            switch base[backslash + 1] {
            case ASCII.quote, ASCII.backslash, ASCII.slash, UInt8(ascii: "b"), UInt8(ascii: "f"),
                 UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                return backslash + 2
            case UInt8(ascii: "u"):
                let high = hex4(at: backslash + 2)
                guard high >= 0 else { return high }
                if (0xDC00...0xDFFF).contains(high) { return Self.wrong }
                guard (0xD800...0xDBFF).contains(high) else { return backslash + 6 }
                let pair = backslash + 6
                guard pair + 1 < end else { return Self.cut }
                guard base[pair] == ASCII.backslash, base[pair + 1] == UInt8(ascii: "u") else { return Self.wrong }
                let low = hex4(at: pair + 2)
                guard low >= 0 else { return low }
                return (0xDC00...0xDFFF).contains(low) ? pair + 6 : Self.wrong
            default:
                return Self.wrong
            }
        }

        /// The value of four hexadecimal digits at `position`, or `wrong` or `cut`.
        func hex4(at position: Int) -> Int {
            var value = 0
            for offset in 0..<4 {
                guard position + offset < end else { return Self.cut }
                let byte = base[position + offset]
                let digit: UInt8
                switch byte {
                case ASCII.zero...ASCII.nine: digit = byte - ASCII.zero
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return Self.wrong
                }
                value = value << 4 | Int(digit)
            }
            return value
        }

        @inline(__always)
        func word(at position: Int) -> UInt64 {
            UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
        }

        /// The digits from `position` on, eight at a time (the NUL at the end is none).
        @inline(__always)
        func digits(from position: Int) -> Int {
            var count = 0
            while true {
                let notDigits = Self.notDigits(word(at: position &+ count))
                if notDigits == 0 {
                    count &+= 8
                    continue
                }
                return count &+ notDigits.trailingZeroBitCount >> 3
            }
        }

        /// Flags (bit 4-7 of a byte) the bytes of `word` that are not ASCII digits, exactly up
        /// to the first: a byte is a digit when it is 0x3_ and stays 0x3_ plus 6. A carry out
        /// of a byte of 0xFA or more reaches only bytes after it, past the first non-digit.
        @inline(__always)
        static func notDigits(_ word: UInt64) -> UInt64 {
            let high: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
            let threes: UInt64 = 0x3030_3030_3030_3030
            return ((word & high) ^ threes) | (((word &+ 0x0606_0606_0606_0606) & high) ^ threes)
        }

        /// After a number (RFC 8259's grammar). A number that reaches the end of a window
        /// that is not the last may go on in the next: it is cut.
        @inline(__always)
        func numberEnd(from start: Int) -> Int {
            var position = start
            if base[position] == ASCII.minus { position &+= 1 }
            let integer = digits(from: position)
            guard integer > 0 else { return stoppedShort(at: position) }
            // A leading zero is wrong even if more follows (no branch on which it is).
            let afterLeadingZero = base[position] == ASCII.zero ? integer &- 1 : 0
            guard afterLeadingZero == 0 else { return Self.wrong }
            position &+= integer
            if base[position] == ASCII.period {
                position &+= 1
                let fraction = digits(from: position)
                guard fraction > 0 else { return stoppedShort(at: position) }
                position &+= fraction
            }
            if base[position] | 0x20 == ASCII.lowerE {
                position &+= 1
                if base[position] == ASCII.plus || base[position] == ASCII.minus { position &+= 1 }
                let exponent = digits(from: position)
                guard exponent > 0 else { return stoppedShort(at: position) }
                position &+= exponent
            }
            return position >= end && !final ? Self.cut : position
        }
    }
}
