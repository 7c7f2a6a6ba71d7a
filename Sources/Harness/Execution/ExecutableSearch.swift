#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds programs the way a shell does, since `posix_spawn` (unlike `posix_spawnp`) takes
/// a path and the run's `PATH` is not ours.
public enum ExecutableSearch {
    /// The absolute path `name` runs as: a name with a slash is taken as it is (made absolute
    /// against `folder`), any other is looked up in `path` (a `PATH` value; empty entries
    /// mean the current folder). Nil when nothing executable is found.
    public static func find(_ name: String, path: String?, folder: String? = nil) -> String? {
        guard !name.isEmpty else { return nil }
        if name.contains("/") {
            let absolute = name.hasPrefix("/") ? name : (folder ?? currentFolder()) + "/" + name
            return isExecutableFile(absolute) ? absolute : nil
        }
        for entry in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":", omittingEmptySubsequences: false) {
            let base = entry.isEmpty ? (folder ?? currentFolder()) : String(entry)
            let candidate = base + "/" + name
            if isExecutableFile(candidate) { return candidate.hasPrefix("/") ? candidate : currentFolder() + "/" + candidate }
        }
        return nil
    }

    static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        return access(path, X_OK) == 0
    }

    static func currentFolder() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        let bytes = buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
