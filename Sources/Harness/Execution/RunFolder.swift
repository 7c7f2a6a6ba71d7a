import Foundation

/// A run's own temporary folder: the sandbox (its working folder) and, beside it, what the
/// run leaves for people to read (stdout, stderr, the executed notebook, captures).
///
/// ```
/// /tmp/harness-sales-notebook-Ab12Cd/
///   sandbox/              inputs copied in; the working folder; outputs read from here
///   stdout.txt stderr.txt executed.ipynb captures/ driver.py job.json result.json
/// ```
/// Keeping the logs outside the sandbox means a notebook that lists its working folder, or
/// an output glob, never sees them.
struct RunFolder {
    static let prefix = "harness-"
    let path: String

    var sandbox: String { path + "/sandbox" }
    var stdout: String { path + "/stdout.txt" }
    var stderr: String { path + "/stderr.txt" }
    var executedNotebook: String { path + "/executed.ipynb" }
    var captures: String { path + "/captures" }
    var driver: String { path + "/driver.py" }
    var job: String { path + "/job.json" }
    var result: String { path + "/result.json" }
    /// The driver's map from each cell's code file name to its cell number.
    var cellFiles: String { path + "/cell-files.json" }

    /// Creates a fresh folder under the system's temporary folder (`$TMPDIR`, else /tmp).
    /// - Throws: `HarnessError.io` when it cannot.
    static func create(label: String) throws -> RunFolder {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let safe: [Character] = label.map { (c: Character) -> Character in
            c.isLetter || c.isNumber || c == "-" || c == "_" ? c : "-"
        }
        let folderBase: String = base.hasSuffix("/") ? base : base + "/"
        let pattern: String = folderBase + prefix + String(safe.prefix(60)) + "-XXXXXX"
        let folder = RunFolder(path: try FileStatus.makeUniqueFolder(pattern: pattern, parent: base))
        try AtomicFile.makeFolders(folder.sandbox)
        return folder
    }

    /// Copies each input into the sandbox, files or whole folders, as plain files and folders
    /// whatever links the source holds (`InputCopy`).
    /// - Throws: `HarnessError.io` for a missing source or a failed copy, `.invalid` for a
    ///   sandbox path that would leave the sandbox.
    func copyInputs(_ inputs: [RunJob.Input]) throws {
        for input in inputs {
            let parts = input.sandboxPath.split(separator: "/")
            if input.sandboxPath.hasPrefix("/") || parts.contains("..") || parts.isEmpty {
                throw HarnessError.invalid(nil, message: "input path \"\(input.sandboxPath)\" would leave the sandbox",
                                           hint: "use a relative path inside the run's folder, e.g. \"data/sales.csv\"")
            }
            guard FileBytes.exists(input.source) else {
                throw HarnessError.io(path: input.source, reason: "input does not exist",
                                      hint: "fix the source of \"\(input.sandboxPath)\" in the case's \"inputs\"")
            }
            let target = sandbox + "/" + parts.joined(separator: "/")
            try AtomicFile.makeFolders(AtomicFile.parentFolder(of: target))
            if FileStatus.existsWithoutFollowing(target) { try? FileManager.default.removeItem(atPath: target) }
            try InputCopy.copy(input.source, to: target)
        }
    }

    /// Removes the run folder holding `sandbox`, or `sandbox` alone when it is not one of ours.
    static func remove(sandbox: String) {
        let parent = AtomicFile.parentFolder(of: sandbox)
        let isOurs = sandbox.hasSuffix("/sandbox") && AtomicFile.baseName(of: parent).hasPrefix(prefix)
        try? FileManager.default.removeItem(atPath: isOurs ? parent : sandbox)
    }
}
