#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open file read in order (`read(2)`) or by position (`pread(2)`), with the retry on
/// EINTR and on short reads written once, here, for every reader of file ranges (CSV
/// sources, a parallel validation's stretches, JSON Lines records re-read by offset).
/// The descriptor closes when the value goes.
final class ReadOnlyFile {
    /// Bytes a reader that streams a file asks for at a time. The kernel copies each read
    /// into the reader's buffer, and the reader then scans it: with 64 KiB, both happen in
    /// the core's own cache; with 1 MiB (before), the copy evicted what it wrote, and on an
    /// AMD EPYC machine reading two 186 MB files and comparing them took 240 ms against
    /// 45-55 ms (`Benchmarks`' identical case: 0.30 s against 0.20 s).
    static let streamingReadSize = 1 << 16

    let path: String
    private let fd: Int32

    /// Only a regular file or a folder opens: a FIFO, a device or a socket could block the
    /// open or the reads, or never end (`/dev/zero`), so it is refused (opened without
    /// blocking, so a FIFO without a writer cannot hang here).
    /// - Throws: `HarnessError.io` when the file cannot be opened or is not a regular file.
    init(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw FileBytes.ioError(path, errno) }
        var info = stat()
        let kind = fstat(fd, &info) == 0 ? info.st_mode & S_IFMT : 0
        guard kind == S_IFREG || kind == S_IFDIR else {
            close(fd)
            throw HarnessError.io(path: path, reason: "is \(Self.kindWords(kind)), not a regular file",
                                  hint: "harness reads data from regular files; write it to a file first")
        }
        // Reads block as usual from here on (for a regular file the flag changes nothing).
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        self.fd = fd
        self.path = path
    }

    private static func kindWords(_ kind: mode_t) -> String {
        switch kind {
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFSOCK: return "a socket"
        default: return "something that cannot be read"
        }
    }

    deinit { close(fd) }

    /// Size in bytes and whether the path is a folder (which opens, but cannot be read).
    var status: (size: Int, isFolder: Bool) {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return (0, false) }
        return (Int(info.st_size), (info.st_mode & S_IFMT) == S_IFDIR)
    }

    /// Tells the kernel that `length` bytes from `offset` (0: to the end) will be read in
    /// order, so it reads ahead generously. A hint: Linux only.
    func adviseSequential(offset: Int = 0, length: Int = 0) {
        #if canImport(Glibc)
        _ = posix_fadvise(fd, off_t(offset), off_t(length), Int32(POSIX_FADV_SEQUENTIAL))
        #endif
    }

    /// Moves the position that `read(into:)` reads from.
    /// - Throws: `HarnessError.io` when the system refuses.
    func seek(to offset: Int) throws {
        guard lseek(fd, off_t(offset), SEEK_SET) >= 0 else { throw FileBytes.ioError(path, errno) }
    }

    /// Reads up to `buffer.count` bytes at the current position (one call; fewer is fine).
    /// - Returns: how many, 0 at the end of the file.
    /// - Throws: `HarnessError.io` when the system refuses.
    @inline(__always)
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = SystemCall.read(fd, buffer.baseAddress, buffer.count)
        guard count >= 0 else { throw FileBytes.ioError(path, errno) }
        return count
    }

    /// Fills `array` (its first `count` bytes when given) from byte `offset` without moving
    /// the position.
    /// - Returns: how many bytes were read: all that were asked for unless the file ends first.
    /// - Throws: `HarnessError.io` when the system refuses.
    func read(at offset: Int, into array: inout [UInt8], count: Int? = nil) throws -> Int {
        let count = min(count ?? array.count, array.count)
        return try array.withUnsafeMutableBytes { try read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<count])) }
    }

    /// Reads up to `buffer.count` bytes at `offset` (fewer at the end of the file).
    /// - Returns: how many bytes were read.
    /// - Throws: `HarnessError.io` when the file cannot be read.
    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var done = 0
        while done < buffer.count {
            let count = pread(fd, base + done, buffer.count - done, off_t(offset + done))
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
