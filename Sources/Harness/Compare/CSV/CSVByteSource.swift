/// Where a `CSVReader` gets its bytes: a file, or (in tests) memory cut into pieces so
/// records cross every possible read boundary.
protocol CSVByteSource: AnyObject {
    /// Reads up to `buffer.count` bytes; returns 0 at the end.
    /// - Throws: `HarnessError.io` when the system refuses.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// Reads up to `buffer.count` bytes at `offset` without moving the stream position
    /// (keyed comparison re-reads records it indexed).
    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// A file read with `read(2)` and `pread(2)`.
final class CSVFileSource: CSVByteSource {
    var path: String { file.path }
    private let file: ReadOnlyFile
    /// Size in bytes when opened.
    let size: Int
    /// Where sequential reads are (they stop at `limit`).
    private var position = 0
    private var limit = Int.max

    /// Reads `path` from byte `start` up to byte `limit` (the whole file by default).
    /// - Throws: `HarnessError.io` when the file cannot be opened or is a folder.
    convenience init(path: String, from start: Int, to limit: Int?) throws {
        try self.init(path: path)
        position = start
        self.limit = limit ?? Int.max
        try file.seek(to: start)
    }

    /// - Throws: `HarnessError.io` when the file cannot be opened or is a folder.
    init(path: String) throws {
        file = try ReadOnlyFile(path: path)
        let status = file.status
        if status.isFolder { throw HarnessError.io(path: path, reason: "is a folder, expected a CSV file") }
        size = status.size
        // Sequential reads: let the kernel read ahead generously.
        file.adviseSequential()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<min(buffer.count, limit - position)]))
        position += count
        return count
    }

    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try file.read(at: offset, into: buffer)
    }
}

/// Bytes in memory handed out in pieces of the given sizes (the last size repeats), so a
/// test can cut its input at any offset or feed it byte by byte.
final class CSVMemorySource: CSVByteSource {
    private let bytes: [UInt8]
    private let pieces: [Int]
    private var position = 0
    private var piece = 0

    init(_ bytes: [UInt8], pieces: [Int] = [Int.max]) {
        self.bytes = bytes
        self.pieces = pieces.isEmpty ? [Int.max] : pieces.map { max(1, $0) }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let size = pieces[min(piece, pieces.count - 1)]
        piece += 1
        let count = min(buffer.count, size, bytes.count - position)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { all in
            buffer.baseAddress?.copyMemory(from: all.baseAddress! + position, byteCount: count)  // `!`: count > 0 so bytes is not empty
        }
        position += count
        return count
    }

    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = max(0, min(buffer.count, bytes.count - offset))
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { all in
            buffer.baseAddress?.copyMemory(from: all.baseAddress! + offset, byteCount: count)  // `!`: count > 0 so bytes is not empty
        }
        return count
    }
}
