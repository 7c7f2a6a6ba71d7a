// Design note. A JSON document read as a stream of values rather than as one buffer: the
// caller steps through the structure it expects (`peek`, `consume`) and takes whole values
// (`readValue`) whose bytes stay in one buffer until the next call. Finding where a value
// ends is a skim, not a parse (strings and nesting only); the caller scans each value into
// a tape, which is where it is checked. The skim keeps its state across refills, so a value
// cut by a chunk boundary is never skimmed twice; the buffer grows only to the longest
// value asked for whole. As `JSONLineReader`, the one owner of its raw memory.

/// The structure of a JSON document did not allow reading it as a stream (a byte order
/// mark, or bytes that are not JSON): the caller reads it whole, which names the problem.
struct JSONStreamUnsupported: Error {}

/// Reads a JSON document value by value, in large chunks.
final class JSONStreamReader {
    static let defaultChunkSize = 1 << 20

    let path: String
    private let file: ReadOnlyFile
    /// Bytes `window.start..<window.end` are read and not yet consumed.
    private var window: ChunkWindow
    /// Bytes handed out or consumed so far: where in the file the next byte is.
    private(set) var consumed = 0
    /// The length `valueLength(within:)` found for the value at file offset `measuredAt`.
    private var measuredAt = -1
    private var measuredLength = 0

    /// Opens `path`; `chunkSize` (at least 1) is how much is read at a time.
    /// - Throws: `HarnessError.io` when the file cannot be opened.
    init(path: String, chunkSize: Int = JSONStreamReader.defaultChunkSize) throws {
        self.path = path
        file = try ReadOnlyFile(path: path)
        window = ChunkWindow(chunkSize: chunkSize)
    }

    deinit {
        window.deallocate()
    }

    /// Size in bytes and whether the path is a folder.
    var status: (size: Int, isFolder: Bool) { file.status }

    private var bytes: UnsafeMutablePointer<UInt8> { window.bytes }

    /// The next byte that is not JSON whitespace, not consumed; nil at the window.end of the file.
    func peek() throws -> UInt8? {
        while true {
            while window.start < window.end {
                let byte = bytes[window.start]
                guard byte == ASCII.space || byte == ASCII.newline || byte == ASCII.carriageReturn || byte == ASCII.tab else {
                    return byte
                }
                window.start += 1
                consumed += 1
            }
            if window.atEndOfFile { return nil }
            try refill()
        }
    }

    /// Consumes the byte `peek` returned.
    func consume() {
        precondition(window.start < window.end, "consume() follows a peek() that found a byte")
        window.start += 1
        consumed += 1
    }

    /// The next value's bytes (whitespace before it skipped), valid until the next call.
    /// - Throws: `JSONStreamUnsupported` at the window.end of the file or where no value starts.
    func readValue() throws -> ByteRun {
        guard try peek() != nil else { throw JSONStreamUnsupported() }
        let length = measuredAt == consumed ? measuredLength : try valueLength(within: nil)
        guard let length else { throw JSONStreamUnsupported() }
        let value = ByteRun(start: bytes + window.start, count: length)
        window.start += length
        consumed += length
        return value
    }

    /// The length of the next value, if it ends within `limit` bytes (any length for nil);
    /// its bytes are then in the buffer. Nil too at the window.end of the file or for a string or
    /// container the file cuts short.
    func valueLength(within limit: Int?) throws -> Int? {
        guard let first = try peek() else { return nil }
        var skim = Skim(first: first)
        var position = window.start + 1
        while true {
            let stop = limit.map { min(window.end, window.start + $0) } ?? window.end
            if let length = skim.advance(bytes, from: &position, to: stop, base: window.start) {
                (measuredAt, measuredLength) = (consumed, length)
                return length
            }
            if let limit, position - window.start >= limit { return nil }
            if window.atEndOfFile {
                guard skim.endsAtEndOfFile else { return nil }
                (measuredAt, measuredLength) = (consumed, window.end - window.start)
                return window.end - window.start
            }
            let before = window.start
            try refill()
            position -= before - window.start
        }
    }

    /// Where a value ends: the state of the skim survives refills.
    private struct Skim {
        enum Kind { case container, string, scalar }
        let kind: Kind
        var depth = 1
        var inString = false
        var escaped = false

        init(first: UInt8) {
            switch first {
            case ASCII.openBracket, ASCII.openBrace: kind = .container
            case ASCII.quote: kind = .string; inString = true
            default: kind = .scalar
            }
        }

        /// A scalar may end with the file; a string or container may not.
        var endsAtEndOfFile: Bool { kind == .scalar }

        /// Skims `bytes[position..<end]`; the value's length (from `base`) once it ends.
        mutating func advance(_ bytes: UnsafeMutablePointer<UInt8>, from position: inout Int, to end: Int, base: Int) -> Int? {
            while position < end {
                let byte = bytes[position]
                position += 1
                if kind == .scalar {
                    switch byte {
                    case ASCII.comma, ASCII.closeBracket, ASCII.closeBrace, ASCII.space, ASCII.newline,
                         ASCII.carriageReturn, ASCII.tab, ASCII.colon:
                        position -= 1
                        return position - base
                    default:
                        continue
                    }
                }
                if inString {
                    if escaped {
                        escaped = false
                    } else if byte == ASCII.backslash {
                        escaped = true
                    } else if byte == ASCII.quote {
                        inString = false
                        if kind == .string { return position - base }
                    }
                    continue
                }
                switch byte {
                case ASCII.quote: inString = true
                case ASCII.openBracket, ASCII.openBrace: depth += 1
                case ASCII.closeBracket, ASCII.closeBrace:
                    depth -= 1
                    if depth == 0 { return position - base }
                default: break
                }
            }
            return nil
        }
    }

    /// Moves the unconsumed bytes to the front and reads the next chunk after them.
    private func refill() throws {
        // As a copy, as `JSONLineReader.refill` says.
        var refilled = window
        try refilled.refill(from: file)
        window = refilled
    }
}
