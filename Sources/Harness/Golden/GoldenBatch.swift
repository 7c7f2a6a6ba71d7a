import Foundation

/// The goldens one run writes, as one batch: each is copied to a temporary file beside its
/// target and fsynced (`stage`), and only when every one of them is staged are they renamed
/// into place (`commit`). A full disk or a refused path while staging therefore changes no
/// golden at all, instead of leaving the folder half updated.
///
/// Cases are evaluated on several threads, so staging is thread-safe.
public final class GoldenBatch: @unchecked Sendable {
    public let store: GoldenStore
    private let lock = Lock()
    private var staged: [(temporary: String, target: String)] = []
    private var failure: HarnessError?

    public init(store: GoldenStore) {
        self.store = store
    }

    /// Copies `source` beside the golden of `output` of `caseName`, ready to be renamed.
    /// - Throws: `HarnessError.io` (full disk, unreadable source, a golden path leading out
    ///   of the golden folder); the batch is then failed and `commit` will refuse.
    public func stage(_ source: String, case caseName: String, output: String) throws {
        do {
            let target = try store.writablePath(case: caseName, output: output)
            let temporary = try AtomicFile.stage(from: source, beside: target)
            lock.withLock { staged.append((temporary, target)) }
        } catch let error as HarnessError {
            lock.withLock { if failure == nil { failure = error } }
            throw error
        }
    }

    /// The staged file that will become the golden at `target`, when one is staged.
    public func stagedPath(of target: String) -> String? {
        lock.withLock { staged.last { $0.target == target }?.temporary }
    }

    /// The first staging failure, when there was one: then nothing will be written.
    public var failed: HarnessError? { lock.withLock { failure } }

    /// How many goldens are staged.
    public var count: Int { lock.withLock { staged.count } }

    /// Renames every staged golden into place.
    /// - Throws: the staging failure when there was one (the staged files are removed
    ///   and no golden is changed), or `HarnessError.io` for a rename that failed.
    public func commit() throws {
        let (work, failure) = lock.withLock { () -> ([(temporary: String, target: String)], HarnessError?) in
            defer { staged = [] }
            return (staged, self.failure)
        }
        if let failure {
            for file in work { FileStatus.removeFile(file.temporary) }
            throw failure
        }
        var renameFailure: HarnessError?
        for file in work {
            if renameFailure != nil {
                FileStatus.removeFile(file.temporary)
                continue
            }
            do {
                try AtomicFile.install(file.temporary, at: file.target)
            } catch let error as HarnessError {
                renameFailure = error
            }
        }
        if let renameFailure { throw renameFailure }
    }

    /// Removes every staged file; no golden is changed.
    public func discard() {
        let work = lock.withLock { () -> [(temporary: String, target: String)] in
            defer { staged = [] }
            return staged
        }
        for file in work { FileStatus.removeFile(file.temporary) }
    }
}
