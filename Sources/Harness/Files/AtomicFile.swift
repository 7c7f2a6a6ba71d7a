#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that readers see the old content or the new, never a torn one:
/// a temporary file beside the target, fsync, rename, fsync of the folder.
public enum AtomicFile {
    /// Replaces `path` with `bytes`, creating missing parent folders.
    /// - Throws: `HarnessError.io` when any step fails; the target is then untouched.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let folder = parentFolder(of: path)
        try makeFolders(folder)
        let temporary = temporaryPath(for: path)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileBytes.ioError(temporary, errno) }
        var ok = false
        defer {
            if !ok { unlink(temporary) }
        }
        let written = bytes.withUnsafeBytes { SystemCall.writeAll(fd, $0.baseAddress, $0.count) }
        if !written {
            let code = errno
            close(fd)
            throw FileBytes.ioError(path, code)
        }
        guard fsync(fd) == 0 else {
            let code = errno
            close(fd)
            throw FileBytes.ioError(path, code)
        }
        close(fd)
        guard rename(temporary, path) == 0 else { throw FileBytes.ioError(path, errno) }
        ok = true
        syncFolder(folder)
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    /// Creates `path` and its missing parents (`mkdir -p`).
    public static func makeFolders(_ path: String) throws {
        if path.isEmpty || FileBytes.isDirectory(path) { return }
        let parent = parentFolder(of: path)
        if parent != path { try makeFolders(parent) }
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw FileBytes.ioError(path, errno) }
    }

    static func parentFolder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    static func baseName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
