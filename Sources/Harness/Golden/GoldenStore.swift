import Foundation

/// The golden snapshots of `golden/<case>/<output>`: where they are, which exist, and the
/// only code that writes them (atomically, and only when asked to).
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

    /// Records `source` as the golden of `output`: a temporary file, fsync, rename.
    /// - Throws: `HarnessError.io` when it cannot be written; the old golden is then intact.
    public func record(_ source: String, case caseName: String, output: String) throws {
        try AtomicFile.copy(from: source, to: path(case: caseName, output: output))
    }

    /// Files under `golden/<case>/`, as paths relative to it, sorted.
    public func files(of caseName: String) -> [String] {
        let root = folder + "/" + caseName
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") && name.contains(".tmp-") { continue }  // a write in progress or interrupted
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
    /// - Throws: `HarnessError.io` for a file that cannot be removed.
    public func prune(case caseName: String, files: [String]) throws {
        for file in files {
            let target = path(case: caseName, output: file)
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
}
