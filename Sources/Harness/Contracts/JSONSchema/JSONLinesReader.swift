#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Design note. A JSON Lines file is read in 1 MiB chunks into one reused buffer; each
// complete line is handed out as a view into that buffer and never copied, and the
// unfinished tail is moved to the front before the next read. Memory therefore stays at
// the longest line (the buffer doubles only for a line longer than itself), whatever the
// file size. This is the one place in the JSON Schema code that touches unsafe pointers.

/// Reads a JSON Lines (`.jsonl`, `.ndjson`) file line by line.
enum JSONLinesReader {
    static let chunkSize = 1 << 20

    /// Calls `body` with each line that is not blank (1-based number, bytes without the
    /// line break); the bytes are valid only during the call.
    /// - Throws: `HarnessError.io` when the file cannot be read, or what `body` throws.
    /// - Parameter chunkSize: bytes read at a time (small in tests, to split lines anywhere).
    static func forEachLine(in path: String, chunkSize: Int = chunkSize,
                            _ body: (Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileBytes.ioError(path, errno) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw HarnessError.io(path: path, reason: "is a folder, expected a file")
        }
        var buffer = [UInt8](repeating: 0, count: max(1, chunkSize))
        var filled = 0
        // Bytes of the unfinished line already searched for a newline: never searched again.
        var scanned = 0
        var lineNumber = 1
        var atEnd = false
        while !atEnd {
            if filled == buffer.count { buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count)) }
            let count = buffer.withUnsafeMutableBytes { raw in
                SystemCall.read(fd, raw.baseAddress.map { $0 + filled }, raw.count - filled)
            }
            if count < 0 { throw FileBytes.ioError(path, errno) }
            if count == 0 { atEnd = true }
            filled += count
            let consumed = try buffer.withUnsafeBufferPointer { all -> Int in
                var start = 0
                var index = scanned
                while index < filled {
                    if all[index] == ASCII.newline {
                        try deliver(UnsafeBufferPointer(rebasing: all[start..<index]), lineNumber, body)
                        lineNumber += 1
                        start = index + 1
                    }
                    index += 1
                }
                if atEnd && start < filled {
                    try deliver(UnsafeBufferPointer(rebasing: all[start..<filled]), lineNumber, body)
                    start = filled
                }
                return start
            }
            if consumed > 0 {
                buffer.withUnsafeMutableBufferPointer { all in
                    // Moves the unfinished line to the front; regions may overlap.
                    if let base = all.baseAddress, filled > consumed {
                        memmove(base, base + consumed, filled - consumed)
                    }
                }
                filled -= consumed
            }
            scanned = filled
        }
    }

    /// Skips blank lines (a trailing newline, a blank line between records).
    private static func deliver(_ line: UnsafeBufferPointer<UInt8>, _ number: Int,
                                _ body: (Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let blank = line.allSatisfy { $0 == ASCII.space || $0 == ASCII.tab || $0 == ASCII.carriageReturn }
        if !blank { try body(number, line) }
    }
}
