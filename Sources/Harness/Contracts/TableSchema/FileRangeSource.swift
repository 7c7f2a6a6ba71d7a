#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes `start..<end` of a file, as a `CSVReader` source: each worker of a parallel
/// validation reads its own stretch with `pread(2)`.
final class FileRangeSource: CSVByteSource {
    let path: String
    private let fd: Int32
    private var position: Int
    private let end: Int

    /// - Throws: `HarnessError.io` when the file cannot be opened.
    init(path: String, start: Int, end: Int) throws {
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileBytes.ioError(path, errno) }
        self.path = path
        position = start
        self.end = end
        #if canImport(Glibc)
        _ = posix_fadvise(fd, off_t(start), off_t(end - start), Int32(POSIX_FADV_SEQUENTIAL))
        #endif
    }

    deinit { close(fd) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = try read(at: position, into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<min(buffer.count, end - position)]))
        position += count
        return count
    }

    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var done = 0
        let wanted = min(buffer.count, max(0, end - offset))
        while done < wanted {
            let count = pread(fd, buffer.baseAddress.map { $0 + done }, wanted - done, off_t(offset + done))
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
