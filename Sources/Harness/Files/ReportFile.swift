#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a report asked for by path (`--json`, `--html`, `--junit`, `describe --out`, the
/// step summary) is written, and what such a path may be.
///
/// A report replaces a regular file atomically (temporary file, fsync, rename), or creates
/// one. A symbolic link to a regular file (or to a path that does not exist yet) is written
/// through: its target is replaced atomically and the link stays. Anything else (a FIFO, a
/// device such as /dev/full or /dev/stdout's terminal, a socket, a folder, a link to one) is
/// refused before anything runs, with exit code 2: renaming a file over it would replace
/// the device node or the pipe with a file (issue 14, item 8).
public enum ReportFile {
    /// Writes `text` to `path` as described above.
    /// - Throws: `HarnessError.io` for a path that is not a regular file, or a failed write.
    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    public static func write(_ bytes: [UInt8], to path: String) throws {
        try AtomicFile.write(bytes, to: try destination(of: path))
    }

    /// Refuses a path that a report cannot be written to; call it before the work starts.
    /// - Throws: `HarnessError.io` naming the path and what it is.
    public static func check(_ path: String) throws {
        _ = try destination(of: path)
    }

    /// The regular file (existing or not) that a report at `path` replaces.
    static func destination(of path: String) throws -> String {
        var info = stat()
        if lstat(path, &info) != 0 {
            if errno == ENOENT { return path }
            throw FileBytes.ioError(path, errno)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            return path
        case S_IFLNK:
            guard let resolved = realpath(path, nil) else {
                // A link to a file that does not exist yet: create the file it names.
                var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
                let count = readlink(path, &target, target.count - 1)
                guard count > 0 else { throw FileBytes.ioError(path, errno) }
                let text = String(decoding: target[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
                let absolute = text.hasPrefix("/") ? text : AtomicFile.parentFolder(of: path) + "/" + text
                var targetInfo = stat()
                if lstat(absolute, &targetInfo) == 0 { throw refused(path, kind: "a link to a link that cannot be followed") }
                return absolute
            }
            defer { free(resolved) }
            let target = String(cString: resolved)
            var targetInfo = stat()
            guard stat(target, &targetInfo) == 0 else { throw FileBytes.ioError(path, errno) }
            guard (targetInfo.st_mode & S_IFMT) == S_IFREG else {
                throw refused(path, kind: "a link to " + kind(targetInfo.st_mode) + " (" + target + ")")
            }
            return target
        default:
            throw refused(path, kind: kind(info.st_mode))
        }
    }

    private static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFSOCK: return "a socket"
        case S_IFREG: return "a regular file"
        default: return "not a regular file"
        }
    }

    private static func refused(_ path: String, kind: String) -> HarnessError {
        .io(path: path, reason: "is \(kind); a report is written to a regular file only (it is replaced atomically)",
            hint: "give the path of a file, e.g. report.json, and read it from there")
    }
}
