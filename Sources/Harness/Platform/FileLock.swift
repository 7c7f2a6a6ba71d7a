#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on a file, so that two `harness` processes (or two threads) never
/// build the same cached thing, or write the same goldens, at once. `flock` locks belong to
/// the open file, so threads of one process exclude each other too, and the kernel drops
/// the lock when its holder dies, even by `kill -9`.
public final class FileLock {
    private let fd: Int32
    private let path: String

    private init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    /// Blocks until the lock on `path` (created when missing) is held.
    /// - Throws: `HarnessError.io` when the lock file cannot be opened.
    public convenience init(path: String) throws {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileBytes.ioError(path, errno) }
        while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        self.init(fd: fd, path: path)
    }

    /// Takes the lock on `path` (created when missing) without waiting, on the file that is
    /// at `path` once held: a holder that unlinks the file when done (`unlinkAndUnlock`)
    /// leaves a lock on an unlinked file, which excludes nobody, so it is taken again on the
    /// new file.
    /// - Returns: nil when another open file holds the lock.
    /// - Throws: `HarnessError.io` when the lock file cannot be opened.
    public static func tryExclusive(path: String) throws -> FileLock? {
        while true {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw FileBytes.ioError(path, errno) }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                close(fd)
                if code == EINTR { continue }
                if code == EWOULDBLOCK { return nil }
                throw FileBytes.ioError(path, code)
            }
            var held = stat(), named = stat()
            if fstat(fd, &held) == 0 && stat(path, &named) == 0 && held.st_ino == named.st_ino && held.st_dev == named.st_dev {
                return FileLock(fd: fd, path: path)
            }
            close(fd)
        }
    }

    /// Replaces what the lock file holds with `text` (who holds it, for the refused).
    public func write(_ text: String) {
        _ = ftruncate(fd, 0)
        _ = text.utf8CString.withUnsafeBufferPointer { SystemCall.writeAll(fd, $0.baseAddress, $0.count - 1) }
    }

    /// Releases the lock.
    public func unlock() {
        _ = flock(fd, LOCK_UN)
    }

    /// Removes the lock file, then releases the lock: unlinked while still held, so no other
    /// process can lock the old file meanwhile, and no stray file is left behind.
    public func unlinkAndUnlock() {
        unlink(path)
        unlock()
    }

    deinit {
        close(fd)
    }
}
