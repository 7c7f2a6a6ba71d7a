import Foundation

// Design note. Most large JSON documents are one top-level array of records. Describing one
// merges each element into the array's `items` shape, so the elements can be parsed one at a
// time: the file is read in chunks, an element's bytes are gathered up to the `,` or `]` that
// ends it at depth 0 (outside strings), and the buffer is reused for the next one. Memory is
// then the largest element, not the document. Anything else (a document that is not an
// array, a byte-order mark, malformed JSON, text after the closing `]`) makes `forEachElement`
// answer false before or after some elements, and the caller describes the document whole,
// so every error message stays the parser's own.

/// Hands out the elements of a top-level JSON array, one at a time.
enum JSONArrayStream {
    enum Outcome { case done, notAnArray, malformed }

    /// Calls `body` with each element, parsed, in order.
    /// - Throws: `HarnessError.io` when the file cannot be read; errors of `body`.
    static func forEachElement(path: String, chunkSize: Int = 1 << 20,
                               _ body: (JSONValue) throws -> Void) throws -> Outcome {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw HarnessError.io(path: path, reason: "cannot be read", hint: "check the file's permissions")
        }
        defer { try? handle.close() }
        var scanner = Scanner()
        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: chunkSize) ?? Data()
            } catch {
                throw HarnessError.io(path: path, reason: "cannot be read (\(error.localizedDescription))", hint: "check the file")
            }
            if chunk.isEmpty { break }
            for byte in chunk {
                switch scanner.take(byte) {
                case .more: continue
                case .stop(let outcome): return outcome
                case .element:
                    guard let value = try? JSONParser.parse(scanner.element, path: path) else {
                        return .malformed
                    }
                    try body(value)
                    scanner.element.removeAll(keepingCapacity: true)
                }
            }
        }
        return scanner.phase == .after ? .done : .malformed
    }

    /// Finds where elements end; knows nothing of their contents beyond strings and depth.
    struct Scanner {
        enum Phase { case before, first, inside, after }
        enum Step { case more, element, stop(Outcome) }

        var phase = Phase.before
        var element: [UInt8] = []
        var depth = 0
        var inString = false
        var escaped = false

        mutating func take(_ byte: UInt8) -> Step {
            let blank = byte == ASCII.space || byte == ASCII.newline || byte == ASCII.carriageReturn || byte == UInt8(ascii: "\t")
            switch phase {
            case .before:
                if blank { return .more }
                if byte != UInt8(ascii: "[") { return .stop(.notAnArray) }
                phase = .first
                return .more
            case .after:
                return blank ? .more : .stop(.malformed)
            case .first where blank, .inside where blank && element.isEmpty && !inString:
                return .more
            case .first where byte == UInt8(ascii: "]"):
                phase = .after
                return .more
            default:
                phase = .inside
            }
            if inString {
                element.append(byte)
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == ASCII.quote { inString = false }
                return .more
            }
            switch byte {
            case ASCII.quote: inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if depth == 0 {
                    guard byte == UInt8(ascii: "]"), !element.isEmpty else { return .stop(.malformed) }
                    phase = .after
                    return .element
                }
                depth -= 1
            case ASCII.comma where depth == 0:
                return element.isEmpty ? .stop(.malformed) : .element
            default: break
            }
            element.append(byte)
            return .more
        }
    }
}
