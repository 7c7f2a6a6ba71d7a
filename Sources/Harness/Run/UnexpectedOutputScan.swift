import Foundation

/// Finds data files a run wrote beside its declared outputs that no output declares: a
/// pipeline that starts writing a new file should be noticed, not silently left unchecked.
///
/// Only the folders that hold declared outputs are looked at, and only their own files
/// (not subfolders): a run's scratch space elsewhere is its own business. Inputs copied
/// into the sandbox are never reported.
enum UnexpectedOutputScan {
    /// File name endings of the formats harness compares.
    static let dataExtensions = [".csv", ".json", ".jsonl", ".ndjson"]

    /// Relative paths (in the sandbox) of the unexpected data files of `side`'s run, sorted.
    static func find(config: CaseConfig, side: RunSide, sandbox: String) -> [String] {
        var declared: Set<String> = []
        var folders: Set<String> = []
        for output in config.outputs {
            guard let relative = output.path(for: side), !(output.fromCapture && side == .notebook) else { continue }
            declared.insert(relative)
            folders.insert(AtomicFile.parentFolder(of: relative))
        }
        let inputs = config.inputs.map(\.sandboxPath)
        var found: [String] = []
        for folder in folders.sorted() {
            let prefix = folder == "." || folder.isEmpty ? "" : folder + "/"
            let absolute = prefix.isEmpty ? sandbox : sandbox + "/" + folder
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: absolute) else { continue }
            for name in names where !name.hasPrefix(".") {
                let lower = name.lowercased()
                guard dataExtensions.contains(where: { lower.hasSuffix($0) }) else { continue }
                let relative = prefix + name
                guard !declared.contains(relative),
                      !inputs.contains(where: { relative == $0 || relative.hasPrefix($0 + "/") }),
                      !FileBytes.isDirectory(absolute + "/" + name) else { continue }
                found.append(relative)
            }
        }
        return found.sorted()
    }
}

/// A data file a run wrote that no output declares (a warning unless the case says
/// `"unexpected_outputs": "fail"`).
public struct UnexpectedOutput: Sendable, Equatable {
    public var side: RunSide
    /// Path relative to the run's sandbox.
    public var path: String

    public init(side: RunSide, path: String) {
        self.side = side
        self.path = path
    }

    /// What to add to the config to declare it.
    public func declaration(caseName: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return "cases.\(caseName).outputs \"\(name)\": {\"path\": \"\(path)\"}"
    }
}
