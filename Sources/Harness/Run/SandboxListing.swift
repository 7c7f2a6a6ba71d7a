import Foundation

/// What a run wrote, for messages that suggest the path it probably meant.
enum SandboxListing {
    /// Relative paths of the files under `folder`, at most `limit`.
    static func files(in folder: String, limit: Int) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String, files.count < limit {
            if relative.hasPrefix(".harness") || relative.contains("__pycache__") { continue }
            if !FileBytes.isDirectory(folder + "/" + relative) { files.append(relative) }
        }
        return files.sorted()
    }
}
