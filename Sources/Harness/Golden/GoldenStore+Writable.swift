extension GoldenStore {
    /// Refuses `--update-golden` / `--prune-golden` on a golden folder that cannot be
    /// written, before anything runs, saying so: otherwise the runs take minutes and the
    /// failure reads like a difference to fix in the pipeline.
    /// - Throws: `HarnessError.io` naming the folder (or the nearest existing parent that
    ///   would hold it) and how to make it writable.
    func checkWritable(for flag: String) throws {
        var folder = self.folder
        while !FileBytes.exists(folder), folder.contains("/"), folder != "/" {
            folder = AtomicFile.parentFolder(of: folder)
            if folder.isEmpty { folder = "." }
        }
        guard let refusal = FileStatus.writeRefusal(folder) else { return }
        let readOnlyFileSystem = refusal == .readOnlyFileSystem
        let why = readOnlyFileSystem ? "is on a read-only file system" : "is read-only for this user"
        throw HarnessError.io(path: folder, reason: "\(flag) cannot write goldens: the folder \(why)",
                              hint: readOnlyFileSystem ? "run where the checkout is writable, or without \(flag)"
                                  : "make it writable (chmod -R u+w \(folder)), or run without \(flag)")
    }
}
