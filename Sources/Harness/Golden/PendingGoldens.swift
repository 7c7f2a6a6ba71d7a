import Foundation

/// Outputs a developer's run proposed as new goldens: when a golden check of the reference
/// side fails, what that side wrote is kept here until a person accepts or rejects it
/// (`harness golden review|accept|reject`).
///
/// They live in `.harness/pending/<case>/<output>` beside the config, not as `NAME.new`
/// beside the golden: `.harness/` is already the tool's own git-ignored folder (its
/// virtual environments are cached there), so one ignore line keeps pending files out of
/// every commit; `golden/` then holds only goldens, so unused-golden reports,
/// `--prune-golden` and a reviewer reading a golden diff never meet a pending file; and no
/// output's name can clash with another's pending file.
public struct PendingGoldens: Sendable {
    /// Absolute path of the pending folder.
    public let folder: String

    public init(folder: String) {
        self.folder = folder
    }

    /// The pending folder of the project whose config is in `configFolder`.
    public init(configFolder: String) {
        self.init(folder: configFolder + "/.harness/pending")
    }

    public func path(case caseName: String, output: String) -> String {
        folder + "/" + caseName + "/" + output
    }

    /// Keeps a copy of `source` as the pending golden of `output` (atomically: a reader
    /// sees the old pending file or the new one, never half of one).
    /// - Throws: `HarnessError.io` when it cannot be written.
    public func keep(_ source: String, case caseName: String, output: String) throws {
        try AtomicFile.copy(from: source, to: path(case: caseName, output: output))
    }

    /// Removes the pending golden of `output`, if there is one (and folders left empty).
    public func discard(case caseName: String, output: String) {
        let target = path(case: caseName, output: output)
        guard FileBytes.exists(target) else { return }
        try? FileManager.default.removeItem(atPath: target)
        var parent = AtomicFile.parentFolder(of: target)
        while parent.hasPrefix(folder + "/"),
              let left = try? FileManager.default.contentsOfDirectory(atPath: parent), left.isEmpty {
            try? FileManager.default.removeItem(atPath: parent)
            parent = AtomicFile.parentFolder(of: parent)
        }
    }

    /// Every pending golden, sorted by case and output.
    public func all() -> [PendingGolden] {
        guard let cases = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var found: [PendingGolden] = []
        for caseName in cases.sorted() where FileBytes.isDirectory(folder + "/" + caseName) {
            let root = folder + "/" + caseName
            guard let enumerator = FileManager.default.enumerator(atPath: root) else { continue }
            while let relative = enumerator.nextObject() as? String {
                if AtomicFile.isTemporaryName((relative as NSString).lastPathComponent) { continue }
                if FileBytes.isDirectory(root + "/" + relative) { continue }
                found.append(PendingGolden(caseName: caseName, output: relative, path: root + "/" + relative))
            }
        }
        return found.sorted { ($0.caseName, $0.output) < ($1.caseName, $1.output) }
    }
}

/// One pending golden.
public struct PendingGolden: Sendable, Equatable {
    public var caseName: String
    public var output: String
    /// Absolute path of the pending file.
    public var path: String

    /// `case/output`, as `golden accept` takes it.
    public var label: String { caseName + "/" + output }
}
