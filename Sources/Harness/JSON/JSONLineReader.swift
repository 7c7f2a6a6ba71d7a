// Design note. Streaming in the manner of swift-nio's NIOSplitLinesMessageDecoder: one
// buffer, refilled in large chunks; a line cut by a chunk boundary is moved to the front
// and the search for its end resumes where it stopped, so no byte is scanned twice. The
// buffer grows only to hold the longest line, which bounds memory. This is the one reader
// of JSON Lines, for `harness diff` and `harness validate` alike, and the one type that owns
// raw memory for them; everything else sees the `ByteRun`s it hands out.

/// One non-blank line of a JSON Lines file.
struct JSONLine {
    /// The line's bytes without its newline; valid until the reader's next call.
    var bytes: ByteRun
    /// 1-based line number in the file.
    var number: Int
    /// Byte offset of the line in the file.
    var offset: Int
}

/// Reads a file line by line in large chunks, skipping blank lines.
final class JSONLineReader {
    static let defaultChunkSize = ReadOnlyFile.streamingReadSize

    var path: String { file.path }
    private let file: ReadOnlyFile
    /// Bytes `window.start..<window.end` are read and not yet handed out.
    private var window: ChunkWindow
    /// Where the search for the next newline resumes (`start...end`).
    private var searched = 0
    private var lineNumber = 0

    /// Opens `path`; `chunkSize` (at least 1) is how much is read at a time.
    /// - Throws: `HarnessError.io` when the file cannot be opened or is a folder.
    init(path: String, chunkSize: Int = JSONLineReader.defaultChunkSize) throws {
        file = try ReadOnlyFile(path: path)
        if file.status.isFolder { throw HarnessError.io(path: path, reason: "is a folder, expected a file") }
        window = ChunkWindow(chunkSize: chunkSize)
    }

    deinit {
        window.deallocate()
    }

    /// Calls `body` with each line that is not blank (1-based number, bytes without the
    /// line break); the bytes are valid only during the call.
    /// - Throws: `HarnessError.io` when the file cannot be read, or what `body` throws.
    /// - Parameter chunkSize: bytes read at a time (small in tests, to split lines anywhere).
    static func forEachLine(in path: String, chunkSize: Int = defaultChunkSize,
                            _ body: (Int, ByteRun) throws -> Void) throws {
        let reader = try JSONLineReader(path: path, chunkSize: chunkSize)
        while let line = try reader.nextLine() { try body(line.number, line.bytes) }
    }

    /// The next line that holds more than whitespace, or nil at the end of the file.
    /// - Throws: `HarnessError.io` when reading fails.
    func nextLine() throws -> JSONLine? {
        while true {
            guard let line = try nextRawLine() else { return nil }
            if !JSONLineReader.isBlank(line.bytes) { return line }
        }
    }

    private func nextRawLine() throws -> JSONLine? {
        while true {
            let base = window.bytes
            if let newline = RawMemory.firstIndex(of: ASCII.newline, in: base, from: searched, to: window.end) {
                try checkLength(newline - window.start)
                return takeLine(upTo: newline, skipping: 1)
            }
            searched = window.end
            if window.atEndOfFile {
                guard window.start < window.end else { return nil }
                try checkLength(window.end - window.start)
                return takeLine(upTo: window.end, skipping: 0)
            }
            try refill()
        }
    }

    /// A record is held in memory whole: one longer than `ReadLimit.bytes` (a file without
    /// line breaks, say) is an error, not an ever-growing buffer.
    private func checkLength(_ length: Int) throws {
        if length > ReadLimit.bytes { throw ReadLimit.exceeded(path, "line \(lineNumber + 1)") }
    }

    private func takeLine(upTo lineEnd: Int, skipping separator: Int) -> JSONLine {
        let base = window.bytes
        lineNumber += 1
        let line = JSONLine(bytes: ByteRun(start: base + window.start, count: lineEnd - window.start),
                            number: lineNumber, offset: window.offset + window.start)
        window.start = lineEnd + separator
        searched = window.start
        return line
    }

    /// Moves the unfinished line to the front and reads the next chunk after it.
    private func refill() throws {
        try checkLength(window.end - window.start)
        // Refilled as a copy: a mutating call on the stored window would be a long access
        // the compiler checks at run time on every line (swift_beginAccess).
        var refilled = window
        searched -= try refilled.refill(from: file)
        window = refilled
    }

    /// Whether a line holds only spaces, tabs and carriage returns.
    static func isBlank(_ bytes: ByteRun) -> Bool {
        for byte in bytes where byte != ASCII.space && byte != ASCII.tab && byte != ASCII.carriageReturn {
            return false
        }
        return true
    }
}
