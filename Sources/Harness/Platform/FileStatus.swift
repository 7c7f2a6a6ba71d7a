#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Questions about paths and the process's place in the file system that Foundation answers
/// slowly or not at all, asked of the system directly (the rest of the file layer is
/// `Files/`: whole-file reads, atomic writes, copies).
public enum FileStatus {
    /// Whether `path` is a regular file this process may execute (symlinks followed).
    static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        return access(path, X_OK) == 0
    }

    /// The size in bytes of what `path` names (links followed), or nil when nothing is there.
    static func size(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    /// Whether `path` itself is a symbolic link (not followed).
    static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    /// `path` with every link resolved, or nil when it leads nowhere (`realpath`).
    static func resolvedPath(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }

    /// Removes the file at `path`; false when there was none or it could not be removed.
    @discardableResult
    static func removeFile(_ path: String) -> Bool {
        unlink(path) == 0
    }

    /// Whether anything, even a dangling symlink, is at `path` (links not followed).
    static func existsWithoutFollowing(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Why this process may not write into a folder.
    enum WriteRefusal: Equatable {
        /// The folder is on a read-only file system (`EROFS`).
        case readOnlyFileSystem
        /// Permissions, or any other reason (`EACCES`, ...).
        case denied
    }

    /// Why this process may not write into `folder`: nil when it may.
    static func writeRefusal(_ folder: String) -> WriteRefusal? {
        if access(folder, W_OK) == 0 { return nil }
        return errno == EROFS ? .readOnlyFileSystem : .denied
    }

    /// Creates a new folder from `pattern`, whose last six characters are `XXXXXX`, with a
    /// name no other process has, readable by this user only.
    /// - Throws: `HarnessError.io` naming `parent` when the folder cannot be made.
    static func makeUniqueFolder(pattern: String, parent: String) throws -> String {
        var template: [CChar] = pattern.utf8CString.map { $0 }
        guard mkdtemp(&template) != nil else { throw FileBytes.ioError(parent, errno) }
        return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The process's working folder ("." when the system cannot say).
    static func currentFolder() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        let bytes = buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether standard input (0), output (1) or error (2) is a terminal.
    public static func isTerminal(_ fd: Int32) -> Bool {
        isatty(fd) == 1
    }
}
