// Design note. Parsing is two steps: `JSONScanner` validates the bytes and writes a flat
// `JSONTape` of offsets (the one grammar, shared with the comparators, which read tapes
// directly), then this type turns the tape into a `JSONValue` tree. Numbers are kept as
// text, strings decoded, objects keep member order and each key's byte offset.

/// Parses JSON text into a `JSONValue`.
public struct JSONParser {
    /// Deeper nesting than this is reported as an error instead of recursing further.
    public static let maximumDepth = 512

    /// Parses one whole JSON document.
    /// - Throws: `HarnessError.malformed` with the path, line and column of the first problem.
    public static func parse(_ bytes: [UInt8], path: String) throws -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer in
            try parse(buffer, path: path, lineNumber: 1)
        }
    }

    /// Parses a file whole.
    public static func parse(fileAt path: String) throws -> JSONValue {
        try parse(FileBytes.read(path), path: path)
    }

    /// Parses `bytes` where they are one line (`lineNumber`) of a larger file, so errors
    /// name that line.
    public static func parse(_ bytes: ByteRun, path: String, lineNumber: Int) throws -> JSONValue {
        try bytes.withUnsafeBuffer { try parse($0, path: path, lineNumber: lineNumber) }
    }

    /// Parses `bytes` where they are one line (`lineNumber`) of a larger file, so errors
    /// name that line.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, path: String, lineNumber: Int) throws -> JSONValue {
        var tape = JSONTape()
        try tape.scan(bytes, path: path, firstLine: lineNumber)
        return tape.tokens.withUnsafeBufferPointer { tokens in
            var builder = JSONValueBuilder(view: JSONTapeView(tokens: tokens, bytes: bytes))
            return builder.value(at: 0)
        }
    }
}

/// Builds the `JSONValue` tree of a tape; recursion is bounded by the scanner's depth cap.
struct JSONValueBuilder {
    let view: JSONTapeView
    var scratch: [UInt8] = []

    init(view: JSONTapeView) {
        self.view = view
    }

    mutating func value(at index: Int) -> JSONValue {
        let token = view.tokens[index]
        switch token.kind {
        case .null: return .null
        case .true: return .bool(true)
        case .false: return .bool(false)
        case .number: return .number(String(decoding: view.text(index), as: UTF8.self))
        case .string: return .string(string(at: index))
        case .array:
            var items: [JSONValue] = []
            var child = index + 1
            let end = view.next(after: index)
            while child < end {
                items.append(value(at: child))
                child = view.next(after: child)
            }
            return .array(items)
        case .object:
            var members: [JSONMember] = []
            var key = index + 1
            let end = view.next(after: index)
            while key < end {
                let member = key + 1
                members.append(JSONMember(string(at: key), value(at: member), offset: view.tokens[key].start))
                key = view.next(after: member)
            }
            return .object(members)
        }
    }

    /// The decoded string; the scanner has validated its UTF-8, so decoding loses nothing.
    mutating func string(at index: Int) -> String {
        guard view.tokens[index].hasEscapes else {
            return String(decoding: view.stringContent(index), as: UTF8.self)
        }
        scratch.removeAll(keepingCapacity: true)
        view.decodeString(index, into: &scratch)
        return String(decoding: scratch, as: UTF8.self)
    }
}
