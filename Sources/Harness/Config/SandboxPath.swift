/// Paths inside a run's sandbox: relative, and never able to leave it.
public enum SandboxPath {
    /// `path` without `.` components and duplicate slashes, or nil when it is absolute,
    /// empty, or has a `..` component (which could reach outside the sandbox).
    public static func normalized(_ path: String) -> String? {
        if path.isEmpty || path.hasPrefix("/") || path.hasPrefix("~") { return nil }
        var parts: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == ".." { return nil }
            parts.append(component)
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }
}
