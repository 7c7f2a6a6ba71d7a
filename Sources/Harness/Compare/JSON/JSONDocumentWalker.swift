// Design note. A large JSON document is compared without holding either file: both are read
// as streams (`JSONStreamReader`) and walked side by side through the containers they
// share, arrays element by element and objects member by member while their keys come in
// the same order (the usual case for a pipeline's output). Below a few levels, or where
// the two stop agreeing in shape, each side's value is taken whole, scanned into a tape
// (which checks it) and handed to `JSONStructuralDiffer` at the walker's path. Objects
// whose keys part ways are finished by name: the members still unread on each side are
// gathered into one object per side and matched as the differ matches any object (first
// occurrence with first, in expected's order, then what only actual has), which is what
// comparing the whole objects would have reported, since the pairs walked so far were the
// first occurrences of their names on both sides. Memory: the largest value taken whole,
// on each side, with its tape (for an array of records, one record), instead of both files
// and both tapes. Anything the stream cannot follow throws `JSONStreamUnsupported`, and the
// caller compares the files whole, which also locates any syntax error exactly.

/// Walks two JSON documents side by side, feeding their differences to a differ.
struct JSONDocumentWalker {
    /// Containers deeper than this, and values that end within `wholeLimit` bytes on both
    /// sides, are compared whole.
    static let streamedDepth = 8
    let wholeLimit: Int

    let expected: JSONStreamReader
    let actual: JSONStreamReader
    var differ: JSONStructuralDiffer
    private var expectedTape = JSONTape()
    private var actualTape = JSONTape()
    private var name: [UInt8] = []
    private var expectedRest: [UInt8] = []
    private var actualRest: [UInt8] = []

    init(expected: JSONStreamReader, actual: JSONStreamReader, differ: JSONStructuralDiffer, wholeLimit: Int) {
        self.wholeLimit = wholeLimit
        self.expected = expected
        self.actual = actual
        self.differ = differ
    }

    /// Compares the two documents.
    /// - Throws: `JSONStreamUnsupported` where the stream cannot be followed (the caller
    ///   compares the files whole).
    mutating func walk() throws {
        guard differ.beginAtRoot() else { return }
        try compareValues(depth: 0)
        guard try expected.peek() == nil, try actual.peek() == nil else { throw JSONStreamUnsupported() }
    }

    private mutating func compareValues(depth: Int) throws {
        let expectedFirst = try expected.peek(), actualFirst = try actual.peek()
        guard depth < Self.streamedDepth, expectedFirst == actualFirst,
              expectedFirst == ASCII.openBracket || expectedFirst == ASCII.openBrace,
              try expected.valueLength(within: wholeLimit) == nil || actual.valueLength(within: wholeLimit) == nil
        else { return try compareWhole() }
        if expectedFirst == ASCII.openBracket {
            try compareArrays(depth: depth)
        } else {
            try compareObjects(depth: depth)
        }
    }

    /// Reads the next value of each side whole and compares them at the current path.
    private mutating func compareWhole() throws {
        let expectedBytes = try expected.readValue()
        let actualBytes = try actual.readValue()
        try scan(expectedBytes, into: &expectedTape, expected.path)
        try scan(actualBytes, into: &actualTape, actual.path)
        JSONTape.views(expectedTape, over: expectedBytes, actualTape, over: actualBytes) { differ.compareHere($0, $1) }
    }

    /// Reads and checks the next value of `reader`, and reports it if it is `kind`'s side.
    private mutating func readAlone(_ reader: JSONStreamReader, report kind: Difference.Kind?) throws {
        let bytes = try reader.readValue()
        var tape = JSONTape()
        swap(&tape, &expectedTape)
        defer { swap(&tape, &expectedTape) }
        try scan(bytes, into: &tape, reader.path)
        guard let kind else { return }
        tape.view(over: bytes) { differ.reportHere(kind, $0) }
    }

    private mutating func compareArrays(depth: Int) throws {
        expected.consume()
        actual.consume()
        var position = 0
        var expectedOpen = try !closes(expected, ASCII.closeBracket, first: true)
        var actualOpen = try !closes(actual, ASCII.closeBracket, first: true)
        while expectedOpen && actualOpen {
            if differ.enter(.index(position)) {
                try compareValues(depth: depth + 1)
                differ.leave()
            } else {
                try readAlone(expected, report: nil)
                try readAlone(actual, report: nil)
            }
            position += 1
            expectedOpen = try !closes(expected, ASCII.closeBracket, first: false)
            actualOpen = try !closes(actual, ASCII.closeBracket, first: false)
        }
        if expectedOpen { try reportRemainingElements(expected, as: .missingMember, from: position) }
        if actualOpen { try reportRemainingElements(actual, as: .extraMember, from: position) }
    }

    /// The elements only one side's array still has, from `position` to its end, each
    /// reported as `kind` (unless ignored).
    private mutating func reportRemainingElements(_ reader: JSONStreamReader, as kind: Difference.Kind, from position: Int) throws {
        var position = position
        repeat {
            let counted = differ.enter(.index(position))
            try readAlone(reader, report: counted ? kind : nil)
            if counted { differ.leave() }
            position += 1
        } while try !closes(reader, ASCII.closeBracket, first: false)
    }

    private mutating func compareObjects(depth: Int) throws {
        expected.consume()
        actual.consume()
        var expectedOpen = try !closes(expected, ASCII.closeBrace, first: true)
        var actualOpen = try !closes(actual, ASCII.closeBrace, first: true)
        while expectedOpen && actualOpen {
            let expectedKey = Array(try key(expected))
            let actualKey = try key(actual)
            guard expectedKey.elementsEqual(actualKey) else {
                try finishByName(expectedKey: expectedKey, actualKey: Array(actualKey))
                return
            }
            try colon(expected)
            try colon(actual)
            if differ.enter(.name(try decoded(expectedKey))) {
                try compareValues(depth: depth + 1)
                differ.leave()
            } else {
                try readAlone(expected, report: nil)
                try readAlone(actual, report: nil)
            }
            expectedOpen = try !closes(expected, ASCII.closeBrace, first: false)
            actualOpen = try !closes(actual, ASCII.closeBrace, first: false)
        }
        guard expectedOpen || actualOpen else { return }
        // One side has members the other has not: what is left is matched by name.
        expectedRest = [ASCII.openBrace]
        actualRest = [ASCII.openBrace]
        if expectedOpen { try gatherMembers(expected, into: &expectedRest) } else { expectedRest.append(ASCII.closeBrace) }
        if actualOpen { try gatherMembers(actual, into: &actualRest) } else { actualRest.append(ASCII.closeBrace) }
        try compareRests()
    }

    /// The members of both objects from the keys that differ on: gathered and matched by name.
    private mutating func finishByName(expectedKey: [UInt8], actualKey: [UInt8]) throws {
        expectedRest = [ASCII.openBrace]
        try gatherMembers(expected, into: &expectedRest, startingWith: expectedKey)
        actualRest = [ASCII.openBrace]
        try gatherMembers(actual, into: &actualRest, startingWith: actualKey)
        try compareRests()
    }

    /// Appends the object's remaining members and its closing brace to `rest`; the first
    /// member's key, when given, was read already.
    private func gatherMembers(_ reader: JSONStreamReader, into rest: inout [UInt8], startingWith firstKey: [UInt8]? = nil) throws {
        var readKey = firstKey
        while true {
            if let known = readKey {
                rest.append(contentsOf: known)
                readKey = nil
            } else {
                rest.append(contentsOf: try key(reader))
            }
            try colon(reader)
            rest.append(ASCII.colon)
            rest.append(contentsOf: try reader.readValue())
            if try closes(reader, ASCII.closeBrace, first: false) { break }
            rest.append(ASCII.comma)
        }
        rest.append(ASCII.closeBrace)
    }

    private mutating func compareRests() throws {
        try ByteRun.with(expectedRest) { expectedBytes in
            try ByteRun.with(actualRest) { actualBytes in
                try scan(expectedBytes, into: &expectedTape, expected.path)
                try scan(actualBytes, into: &actualTape, actual.path)
                JSONTape.views(expectedTape, over: expectedBytes, actualTape, over: actualBytes) { differ.compareHere($0, $1) }
            }
        }
        expectedRest = []
        actualRest = []
    }

    /// After an element or member: true at the container's end (consumed), false after a
    /// comma (consumed) with another value to come. `first`: right after the opening bracket.
    private func closes(_ reader: JSONStreamReader, _ close: UInt8, first: Bool) throws -> Bool {
        guard let byte = try reader.peek() else { throw JSONStreamUnsupported() }
        if byte == close {
            reader.consume()
            return true
        }
        if first { return false }
        guard byte == ASCII.comma else { throw JSONStreamUnsupported() }
        reader.consume()
        guard let next = try reader.peek(), next != ASCII.closeBracket, next != ASCII.closeBrace else {
            throw JSONStreamUnsupported()  // a trailing comma
        }
        return false
    }

    private func key(_ reader: JSONStreamReader) throws -> ByteRun {
        guard try reader.peek() == ASCII.quote else { throw JSONStreamUnsupported() }
        return try reader.readValue()
    }

    private func colon(_ reader: JSONStreamReader) throws {
        guard try reader.peek() == ASCII.colon else { throw JSONStreamUnsupported() }
        reader.consume()
    }

    /// The decoded name of a key (its source text with quotes), checked as a JSON string.
    private mutating func decoded(_ key: [UInt8]) throws -> [UInt8] {
        try ByteRun.with(key) { bytes in
            try scan(bytes, into: &expectedTape, expected.path)
            name.removeAll(keepingCapacity: true)
            expectedTape.view(over: bytes) { $0.decodeString(0, into: &name) }
        }
        return name
    }

    /// Scans one value into a tape; any problem sends the caller to the whole comparison,
    /// which reports it with its line and column in the file.
    private func scan(_ bytes: ByteRun, into tape: inout JSONTape, _ path: String) throws {
        do {
            try tape.scan(bytes, path: path)
        } catch {
            throw JSONStreamUnsupported()
        }
    }
}
