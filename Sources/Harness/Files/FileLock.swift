#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on a file, so that two `harness` processes (or two threads) never
/// build the same cached thing at once. `flock` locks belong to the open file, so threads of
/// one process exclude each other too.
public final class FileLock {
    private let fd: Int32

    /// Blocks until the lock on `path` (created when missing) is held.
    /// - Throws: `HarnessError.io` when the lock file cannot be opened.
    public init(path: String) throws {
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileBytes.ioError(path, errno) }
        while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
    }

    /// Releases the lock.
    public func unlock() {
        _ = flock(fd, LOCK_UN)
    }

    deinit {
        close(fd)
    }
}
