import Foundation

/// Paths as reports show them: relative to the repository when they are in it, so a report
/// reads the same on every machine, annotations attach to the file in the pull request, and
/// `harness run --config ../harness.json` from a subfolder names `harness.json`, not
/// `../harness.json`.
public struct ReportPath {
    let root: String
    /// The folder relative paths are relative to (the current folder).
    let base: String

    /// `root` without a trailing slash; empty means paths are shown as they are.
    public init(root: String, base: String = FileManager.default.currentDirectoryPath) {
        self.root = ReportPath.normalized(root)
        self.base = base
    }

    func shown(_ path: String) -> String {
        guard !root.isEmpty else { return path.hasPrefix("./") ? String(path.dropFirst(2)) : path }
        let absolute = ReportPath.normalized(path.hasPrefix("/") ? path : base + "/" + path)
        if absolute == root { return "." }
        let prefix = root == "/" ? "/" : root + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
    }

    /// The folder reports are relative to: `GITHUB_WORKSPACE` under GitHub Actions, else the
    /// repository (the nearest folder above `folder` holding `.git`), else `fallback`.
    public static func repositoryRoot(of folder: String, environment: [String: String], fallback: String) -> String {
        if let workspace = environment["GITHUB_WORKSPACE"], !workspace.isEmpty { return workspace }
        var current = normalized(folder.hasPrefix("/") ? folder : fallback + "/" + folder)
        while !current.isEmpty {
            if FileManager.default.fileExists(atPath: current + "/.git") { return current }
            if current == "/" { break }
            current = AtomicFile.parentFolder(of: current)
        }
        return fallback
    }

    /// `path` with `.` and `..` resolved and no trailing slash (for absolute paths).
    static func normalized(_ path: String) -> String {
        guard path.hasPrefix("/") else {
            var path = path
            while path.count > 1, path.hasSuffix("/") { path.removeLast() }
            return path
        }
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}
