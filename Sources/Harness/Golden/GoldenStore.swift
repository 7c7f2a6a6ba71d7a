import Foundation

/// The golden snapshots of `golden/<case>/<output>`: where they are, which exist, and the
/// only code that writes them (atomically, in batches, and only when asked to).
public struct GoldenStore: Sendable {
    /// Absolute path of the golden folder.
    public let folder: String

    public init(folder: String) {
        self.folder = folder
    }

    /// Where the golden of `output` of `caseName` is (whether or not it exists).
    public func path(case caseName: String, output: String) -> String {
        folder + "/" + caseName + "/" + output
    }

    public func exists(case caseName: String, output: String) -> Bool {
        FileBytes.exists(path(case: caseName, output: output))
    }

    /// Records `source` as the golden of `output` on its own (a batch of one).
    /// - Throws: `HarnessError.io` when it cannot be written; the old golden is then intact.
    public func record(_ source: String, case caseName: String, output: String) throws {
        let batch = GoldenBatch(store: self)
        do {
            try batch.stage(source, case: caseName, output: output)
            try batch.commit()
        } catch {
            batch.discard()
            throw error
        }
    }

    /// The path to write the golden of `output` to, once it is known to stay inside the
    /// golden folder: a symlinked `golden/<case>` (or a `..` in a name) would otherwise
    /// let a run write or delete files anywhere.
    /// - Throws: `HarnessError.io` naming the link and where it leads.
    public func writablePath(case caseName: String, output: String) throws -> String {
        let target = path(case: caseName, output: output)
        let components = (caseName + "/" + output).split(separator: "/", omittingEmptySubsequences: false)
        if components.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) {
            throw HarnessError.io(path: target, reason: "is not a plain path inside the golden folder \(folder)",
                                  hint: "name cases and outputs without '.', '..' or empty parts")
        }
        let root = Self.resolved(folder)
        var current = folder
        for component in components.dropLast() {
            current += "/" + component
            let link = Self.isLink(current)
            guard link || FileManager.default.fileExists(atPath: current) else { break }
            let real = Self.resolved(current)
            if (link && real == current) || (real != root && !real.hasPrefix(root + "/")) {
                throw HarnessError.io(path: current, reason: "leads to \(real), outside the golden folder \(root); goldens are only written inside it",
                                      hint: "replace the symbolic link with a real folder")
            }
        }
        return target
    }

    /// Files under `golden/<case>/`, as paths relative to it, sorted.
    public func files(of caseName: String) -> [String] {
        let root = folder + "/" + caseName
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if AtomicFile.isTemporaryName((relative as NSString).lastPathComponent) { continue }
            if !FileBytes.isDirectory(root + "/" + relative) { files.append(relative) }
        }
        return files.sorted()
    }

    /// Goldens of `caseName` that no declared output uses.
    public func unused(case caseName: String, declared: [String]) -> [String] {
        let declared = Set(declared)
        return files(of: caseName).filter { !declared.contains($0) }
    }

    /// Deletes the given goldens of `caseName` (and folders left empty).
    /// - Throws: `HarnessError.io` for a file that cannot be removed or lies outside the folder.
    public func prune(case caseName: String, files: [String]) throws {
        for file in files {
            let target = try writablePath(case: caseName, output: file)
            do {
                try FileManager.default.removeItem(atPath: target)
            } catch {
                throw HarnessError.io(path: target, reason: "cannot delete unused golden: \(error.localizedDescription)")
            }
        }
        let root = folder + "/" + caseName
        if files.isEmpty { return }
        if let left = try? FileManager.default.contentsOfDirectory(atPath: root), left.isEmpty {
            try? FileManager.default.removeItem(atPath: root)
        }
    }

    /// Removes temporary files that an interrupted run (`kill -9`, a power cut) left in the
    /// golden folder. Call it holding the `GoldenLock`, so no live write is among them.
    /// - Returns: the paths removed.
    @discardableResult
    public func removeStaleTemporaries() -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var removed: [String] = []
        while let relative = enumerator.nextObject() as? String {
            guard AtomicFile.isTemporaryName((relative as NSString).lastPathComponent) else { continue }
            let stale = folder + "/" + relative
            if !FileBytes.isDirectory(stale) && FileStatus.removeFile(stale) { removed.append(stale) }
        }
        return removed
    }

    /// `path` with every link resolved; `path` itself when it leads nowhere.
    static func resolved(_ path: String) -> String {
        FileStatus.resolvedPath(path) ?? path
    }

    static func isLink(_ path: String) -> Bool {
        FileStatus.isSymbolicLink(path)
    }
}
