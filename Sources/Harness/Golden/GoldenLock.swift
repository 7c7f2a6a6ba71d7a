import Foundation

/// An exclusive lock on a golden folder, held while a run (or `golden accept`/`reject`)
/// writes goldens, so that two writers never mix their goldens. The lock file names its
/// holder (pid, command, start time) so that the one refused can say who has it.
///
/// `flock` on `golden/.harness-lock`: the kernel drops it when the holder dies, even by
/// `kill -9`, so a crashed run never leaves the folder locked.
public final class GoldenLock {
    public static let fileName = ".harness-lock"
    private let lock: FileLock
    private var released = false

    /// Takes the lock without waiting.
    /// - Parameter holder: what the holder is doing, in a user's words (the command line).
    /// - Throws: `HarnessError.io` naming the process that holds the lock, or saying why
    ///   the lock file cannot be made.
    public init(folder: String, holder: String) throws {
        try AtomicFile.makeFolders(folder)
        let path = folder + "/" + Self.fileName
        guard let lock = try FileLock.tryExclusive(path: path) else {
            throw HarnessError.io(path: folder, reason: "is locked by another harness writing goldens (\(Self.describeHolder(path)))",
                                  hint: "wait for it to finish, then run again; two runs writing goldens at once would mix them")
        }
        self.lock = lock
        let started = ISO8601DateFormatter().string(from: Date())
        lock.write("pid \(ProcessInfo.processInfo.processIdentifier), started \(started): \(holder)\n")
    }

    /// Who holds the lock at `path`, from what the holder wrote into it.
    static func describeHolder(_ path: String) -> String {
        guard let bytes = try? FileBytes.read(path), !bytes.isEmpty else { return "holder unknown" }
        let text = String(decoding: bytes.prefix(512), as: UTF8.self)
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Releases the lock and removes the lock file, so no stray file is left in `golden/`.
    public func unlock() {
        if released { return }
        released = true
        lock.unlinkAndUnlock()
    }

    deinit {
        unlock()
    }
}
