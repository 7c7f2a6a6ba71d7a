#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    let path: String
    private let fd: Int32
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
        guard lseek(fd, off_t(start), SEEK_SET) >= 0 else { throw FileBytes.ioError(path, errno) }
    }

    /// - Throws: `HarnessError.io` when the file cannot be opened or is a folder.
    init(path: String) throws {
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileBytes.ioError(path, errno) }
        self.path = path
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw HarnessError.io(path: path, reason: "is a folder, expected a CSV file")
        }
        size = Int(info.st_size)
        #if canImport(Glibc)
        // Sequential reads: let the kernel read ahead generously.
        _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
        #endif
    }

    deinit { close(fd) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = SystemCall.read(fd, buffer.baseAddress, min(buffer.count, limit - position))
        guard count >= 0 else { throw FileBytes.ioError(path, errno) }
        position += count
        return count
    }

    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var done = 0
        while done < buffer.count {
            let count = pread(fd, buffer.baseAddress.map { $0 + done }, buffer.count - done, off_t(offset + done))
            if count < 0 {
                if errno == EINTR { continue }
                throw FileBytes.ioError(path, errno)
            }
            if count == 0 { break }
            done += count
        }
        return done
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
