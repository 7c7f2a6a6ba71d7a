/// Paths as reports show them: relative to a root (the repository for GitHub, the current
/// folder for JUnit) when they are under it, so a report reads the same on every machine
/// and annotations attach to the file in the pull request.
struct ReportPath {
    let root: String

    /// `root` without a trailing slash; empty means paths are shown as they are.
    init(root: String) {
        var root = root
        while root.count > 1, root.hasSuffix("/") { root.removeLast() }
        self.root = root
    }

    func shown(_ path: String) -> String {
        guard !root.isEmpty, path.hasPrefix("/") else { return path.hasPrefix("./") ? String(path.dropFirst(2)) : path }
        if path == root { return "." }
        let prefix = root == "/" ? "/" : root + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
