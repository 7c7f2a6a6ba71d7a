// Design note. A key is the values of the `--key` members of a record (top level only),
// reduced to canonical bytes so that equal values give equal keys: a string by its decoded
// characters, a number by its exact decimal value (`1`, `1.0` and `1e0` are one key), a
// literal by its name, an object or array by its compact text. The type is part of the key,
// so `"1"` and `1` are different keys. Each field is length-prefixed, so no two different
// keys share bytes.

/// Reads the `--key` members of JSON Lines records.
struct JSONRecordKey {
    let fields: [String]
    private let fieldBytes: [[UInt8]]
    /// The canonical bytes of the last record's key.
    private(set) var canonical: [UInt8] = []
    /// Token index of each field's value in the last record.
    private var values: [Int]
    private var scratch: [UInt8] = []
    /// The one key member's name in quotes, when it needs no escape (else no quick reads).
    private let quotedName: [UInt8]?

    init(fields: [String]) {
        self.fields = fields
        fieldBytes = fields.map { Array($0.utf8) }
        values = [Int](repeating: -1, count: fields.count)
        if fieldBytes.count == 1, !fieldBytes[0].contains(where: { $0 == ASCII.quote || $0 == ASCII.backslash || $0 < 0x20 }) {
            quotedName = [ASCII.quote] + fieldBytes[0] + [ASCII.quote]
        } else {
            quotedName = nil
        }
    }

    /// Reads the key of the record on `view`, at `line` of `path`.
    /// - Throws: `HarnessError.invalid` when the record is not an object,
    ///   `.unknownName` (with "did you mean") when it lacks a key member.
    mutating func read(_ view: JSONTapeView, path: String, line: Int) throws {
        guard view.tokens[0].kind == .object else {
            throw HarnessError.invalid(SourceLocation(path: path, line: line, column: 1),
                                       message: "record is \(JSONRecordKey.article(view.tokens[0].kind)), not an object, so it has no --key member \"\(fields[0])\"",
                                       hint: "--key needs one object per line; compare by position by leaving out --key")
        }
        for field in values.indices { values[field] = -1 }
        var key = 1
        let end = view.next(after: 0)
        while key < end {
            if view.tokens[key].hasEscapes {
                scratch.removeAll(keepingCapacity: true)
                view.decodeString(key, into: &scratch)
                for field in fieldBytes.indices where fieldBytes[field] == scratch {
                    values[field] = key + 1
                }
            } else {
                let name = view.stringContent(key)
                for field in fieldBytes.indices where name.same(as: fieldBytes[field]) {
                    values[field] = key + 1  // The last of repeated names wins, as in JSONValue.
                }
            }
            key = view.next(after: key + 1)
        }
        canonical.removeAll(keepingCapacity: true)
        for field in values.indices {
            guard values[field] >= 0 else {
                throw HarnessError.unknownName(SourceLocation(path: path, line: line, column: 1), kind: "--key member",
                                               name: fields[field], known: memberNames(view),
                                               hint: "every record needs the --key members; or compare by position by leaving out --key")
            }
            let start = beginField()
            appendCanonical(view, values[field])
            endField(start)
        }
    }

    /// Reads the key from the bytes alone, without a tape, when that is sure to give what
    /// `read` gives after a scan: a key of one member, named first in the record, whose
    /// value is an integer or a string without escapes, and whose quoted name occurs nowhere
    /// else in the record (a repeated name would win). It checks no more of the record than
    /// that: a record it reads may still be malformed further on, which a scan finds.
    /// - Returns: false when it cannot tell (then `canonical` holds nothing useful).
    mutating func quickRead(_ bytes: ByteRun) -> Bool {
        guard let name = quotedName else { return false }
        var index = Self.skipSpace(bytes, 0)
        guard index < bytes.count, bytes[index] == ASCII.openBrace else { return false }
        index = Self.skipSpace(bytes, index + 1)
        guard index + name.count <= bytes.count, bytes.run(index..<(index + name.count)).same(as: name) else { return false }
        index = Self.skipSpace(bytes, index + name.count)
        guard index < bytes.count, bytes[index] == ASCII.colon else { return false }
        index = Self.skipSpace(bytes, index + 1)
        guard index < bytes.count else { return false }
        canonical.removeAll(keepingCapacity: true)
        let start = beginField()
        let valueStart = index
        if bytes[index] == ASCII.quote {
            index += 1
            while index < bytes.count, bytes[index] != ASCII.quote {
                if bytes[index] == ASCII.backslash || bytes[index] < 0x20 { return false }
                index += 1
            }
            guard index < bytes.count else { return false }
            canonical.append(UInt8(ascii: "s"))
            canonical.append(contentsOf: bytes.run((valueStart + 1)..<index))
            index += 1
        } else {
            // An integer, `-?(0|[1-9][0-9]*)`; a fraction or exponent takes the slow way.
            if bytes[index] == ASCII.minus { index += 1 }
            let digits = index
            while index < bytes.count, bytes[index] &- ASCII.zero < 10 { index += 1 }
            guard index > digits, index - digits == 1 || bytes[digits] != ASCII.zero else { return false }
            canonical.append(UInt8(ascii: "n"))
            JSONDecimal(bytes.run(valueStart..<index)).appendCanonical(to: &canonical)
        }
        endField(start)
        let after = Self.skipSpace(bytes, index)
        guard after < bytes.count, bytes[after] == ASCII.comma || bytes[after] == ASCII.closeBrace else { return false }
        return !Self.contains(bytes, name, from: after)
    }

    private static func skipSpace(_ bytes: ByteRun, _ start: Int) -> Int {
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case ASCII.space, ASCII.tab, ASCII.carriageReturn, ASCII.newline: index += 1
            default: return index
            }
        }
        return index
    }

    /// Whether `needle` (a quoted name: at least two bytes) occurs in `bytes` from `start` on.
    /// Eight places at a time: a place is a candidate when its byte is the needle's first
    /// and the byte after it the needle's second (a quote, then the name's first byte:
    /// rarer together than a quote alone, which every string has two of).
    static func contains(_ bytes: ByteRun, _ needle: [UInt8], from start: Int) -> Bool {
        let first = ByteWords.lanes(needle[0])
        let second = ByteWords.lanes(needle[1])
        let last = bytes.count - needle.count
        var position = start
        // Places `position..<position + 8`, read as bytes `position..<position + 9`.
        while position + 9 <= bytes.count && position <= last {
            var candidates = ByteWords.matches(bytes.word(at: position), first) & ByteWords.matches(bytes.word(at: position + 1), second)
            while candidates != 0 {
                let found = position + candidates.trailingZeroBitCount >> 3
                if found <= last, bytes.run(found..<(found + needle.count)).same(as: needle) { return true }
                candidates &= candidates &- 1
            }
            position += 8
        }
        while position <= last {
            if bytes[position] == needle[0], bytes.run(position..<(position + needle.count)).same(as: needle) { return true }
            position += 1
        }
        return false
    }

    /// Starts a field of `canonical`: four bytes for its length, filled in by `endField`.
    private mutating func beginField() -> Int {
        let start = canonical.count
        for _ in 0..<4 { canonical.append(0) }
        return start
    }

    private mutating func endField(_ start: Int) {
        let length = UInt32(truncatingIfNeeded: canonical.count - start - 4)
        for shift in 0..<4 { canonical[start + shift] = UInt8(truncatingIfNeeded: length >> (8 * shift)) }
    }

    /// A hash of the canonical bytes, the same for equal keys within one process.
    var hash: UInt64 {
        ByteRun.with(canonical) { ByteHasher.hash($0) }
    }

    /// The key values as compact JSON text (strings quoted), for reports.
    func display(_ view: JSONTapeView) -> [String] {
        values.map { $0 >= 0 ? JSONValueText.compact(view, $0, limit: 200) : "" }
    }

    private mutating func appendCanonical(_ view: JSONTapeView, _ index: Int) {
        switch view.tokens[index].kind {
        case .string:
            canonical.append(UInt8(ascii: "s"))
            view.decodeString(index, into: &canonical)
        case .number:
            canonical.append(UInt8(ascii: "n"))
            JSONDecimal(view.text(index)).appendCanonical(to: &canonical)
        case .true: canonical.append(UInt8(ascii: "t"))
        case .false: canonical.append(UInt8(ascii: "f"))
        case .null: canonical.append(UInt8(ascii: "z"))
        case .object, .array:
            canonical.append(UInt8(ascii: "j"))
            canonical.append(contentsOf: Array(JSONValueText.compact(view, index, limit: Int.max).utf8))
        }
    }

    private func memberNames(_ view: JSONTapeView) -> [String] {
        var names: [String] = []
        var key = 1
        let end = view.next(after: 0)
        while key < end {
            var bytes: [UInt8] = []
            view.decodeString(key, into: &bytes)
            names.append(String(decoding: bytes, as: UTF8.self))
            key = view.next(after: key + 1)
        }
        return names
    }

    private static func article(_ kind: JSONToken.Kind) -> String {
        switch kind {
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .true, .false: return "a boolean"
        case .null: return "null"
        case .object: return "an object"
        }
    }
}
