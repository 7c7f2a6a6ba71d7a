/// Finds programs the way a shell does, since `posix_spawn` (unlike `posix_spawnp`) takes
/// a path and the run's `PATH` is not ours.
public enum ExecutableSearch {
    /// The absolute path `name` runs as: a name with a slash is taken as it is (made absolute
    /// against `folder`), any other is looked up in `path` (a `PATH` value; empty entries
    /// mean the current folder). Nil when nothing executable is found.
    public static func find(_ name: String, path: String?, folder: String? = nil) -> String? {
        guard !name.isEmpty else { return nil }
        if name.contains("/") {
            let absolute = name.hasPrefix("/") ? name : (folder ?? FileStatus.currentFolder()) + "/" + name
            return FileStatus.isExecutableFile(absolute) ? absolute : nil
        }
        for entry in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":", omittingEmptySubsequences: false) {
            let base = entry.isEmpty ? (folder ?? FileStatus.currentFolder()) : String(entry)
            let candidate = base + "/" + name
            if FileStatus.isExecutableFile(candidate) { return candidate.hasPrefix("/") ? candidate : FileStatus.currentFolder() + "/" + candidate }
        }
        return nil
    }
}
