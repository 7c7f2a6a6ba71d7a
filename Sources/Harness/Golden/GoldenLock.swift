#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// An exclusive lock on a golden folder, held while a run (or `golden accept`/`reject`)
/// writes goldens, so that two writers never mix their goldens. The lock file names its
/// holder (pid, command, start time) so that the one refused can say who has it.
///
/// `flock` on `golden/.harness-lock`: the kernel drops it when the holder dies, even by
/// `kill -9`, so a crashed run never leaves the folder locked.
public final class GoldenLock {
    public static let fileName = ".harness-lock"
    private let fd: Int32
    private let path: String
    private var released = false

    /// Takes the lock without waiting.
    /// - Parameter holder: what the holder is doing, in a user's words (the command line).
    /// - Throws: `HarnessError.io` naming the process that holds the lock, or saying why
    ///   the lock file cannot be made.
    public init(folder: String, holder: String) throws {
        try AtomicFile.makeFolders(folder)
        path = folder + "/" + Self.fileName
        while true {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw FileBytes.ioError(path, errno) }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                close(fd)
                if code == EINTR { continue }
                if code == EWOULDBLOCK {
                    throw HarnessError.io(path: folder, reason: "is locked by another harness writing goldens (\(Self.describeHolder(path)))",
                                          hint: "wait for it to finish, then run again; two runs writing goldens at once would mix them")
                }
                throw FileBytes.ioError(path, code)
            }
            // The previous holder unlinks the file when it is done: a lock on an unlinked
            // file excludes nobody, so take it again on the file now at `path`.
            var held = stat(), named = stat()
            if fstat(fd, &held) == 0 && stat(path, &named) == 0 && held.st_ino == named.st_ino && held.st_dev == named.st_dev {
                self.fd = fd
                break
            }
            close(fd)
        }
        let started = ISO8601DateFormatter().string(from: Date())
        let text = "pid \(getpid()), started \(started): \(holder)\n"
        _ = ftruncate(fd, 0)
        _ = text.utf8CString.withUnsafeBufferPointer { SystemCall.writeAll(fd, $0.baseAddress, $0.count - 1) }
    }

    /// Who holds the lock at `path`, from what the holder wrote into it.
    static func describeHolder(_ path: String) -> String {
        guard let bytes = try? FileBytes.read(path), !bytes.isEmpty else { return "holder unknown" }
        let text = String(decoding: bytes.prefix(512), as: UTF8.self)
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Releases the lock and removes the lock file, so no stray file is left in `golden/`.
    public func unlock() {
        if released { return }
        released = true
        // Unlinked while still held, so no other process can lock the old file meanwhile.
        unlink(path)
        close(fd)
    }

    deinit {
        unlock()
    }
}
