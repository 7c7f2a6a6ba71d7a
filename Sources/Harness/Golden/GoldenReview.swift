import Foundation

/// `harness golden accept|reject`: pending goldens made goldens, or thrown away, chosen by
/// `CASE` or `CASE/OUTPUT`.
///
/// Accepting goes through the golden writer: the golden folder is locked, every chosen
/// pending golden is staged, and only when all are staged are they renamed into place, so
/// an accept that fails changes no golden.
public struct GoldenReview: Sendable {
    public let config: HarnessConfig
    public let store: GoldenStore
    public let pending: PendingGoldens

    public init(config: HarnessConfig) {
        self.config = config
        store = GoldenStore(folder: config.goldenFolder)
        pending = PendingGoldens(configFolder: config.folder)
    }

    /// The pending goldens that `selectors` name (all of them when there are none).
    /// - Throws: `HarnessError.unknownName` for a selector that names no pending golden.
    public func select(_ selectors: [String]) throws -> [PendingGolden] {
        let all = pending.all()
        guard !selectors.isEmpty else { return all }
        var chosen: [PendingGolden] = []
        for selector in selectors {
            let trimmed = selector.hasSuffix("/") ? String(selector.dropLast()) : selector
            let matches = all.filter { $0.label == trimmed || $0.caseName == trimmed }
            guard !matches.isEmpty else {
                throw HarnessError.unknownName(nil, kind: "pending golden", name: selector,
                                               known: all.map(\.label) + Set(all.map(\.caseName)).sorted(),
                                               hint: all.isEmpty ? "there are no pending goldens: a failing golden check of `harness run` keeps one"
                                                                 : "`harness golden review` lists them")
            }
            for match in matches where !chosen.contains(match) { chosen.append(match) }
        }
        return chosen
    }

    /// Makes the pending goldens the goldens, all or none.
    /// - Throws: `HarnessError.invalid` when a pending golden is older than its golden's
    ///   last change (it was proposed against a golden that has since changed: run again),
    ///   `.io` when the golden folder is locked or a golden cannot be written. No golden is
    ///   changed then.
    public func accept(_ chosen: [PendingGolden], holder: String) throws {
        guard !chosen.isEmpty else { return }
        for item in chosen {
            let golden = store.path(case: item.caseName, output: item.output)
            if let goldenTime = Self.modified(golden), let pendingTime = Self.modified(item.path), goldenTime > pendingTime {
                throw HarnessError.invalid(SourceLocation(path: item.path),
                                           message: "the pending golden of \(item.label) is older than its golden's last change, so accepting it could undo that change",
                                           hint: "run `harness run \(item.caseName)` again for a fresh pending golden, or `harness golden reject \(item.label)`")
            }
        }
        let lock = try GoldenLock(folder: store.folder, holder: holder)
        defer { lock.unlock() }
        _ = store.removeStaleTemporaries()
        let batch = GoldenBatch(store: store)
        do {
            for item in chosen { try batch.stage(item.path, case: item.caseName, output: item.output) }
            try batch.commit()
        } catch {
            batch.discard()
            throw error
        }
        for item in chosen { pending.discard(case: item.caseName, output: item.output) }
    }

    /// Throws the pending goldens away; the goldens stay as they are.
    public func reject(_ chosen: [PendingGolden]) {
        for item in chosen { pending.discard(case: item.caseName, output: item.output) }
    }

    /// The difference between the golden and the pending golden, compared as the config
    /// compares that output; nil when there is no golden yet.
    /// - Throws: `HarnessError` when a file cannot be read or is malformed.
    public func diff(_ item: PendingGolden, maxDiffs: Int = 20) throws -> DiffReport? {
        let golden = store.path(case: item.caseName, output: item.output)
        guard FileBytes.exists(golden) else { return nil }
        var options = config.cases.first { $0.name == item.caseName }?.outputs.first { $0.name == item.output }?.options
            ?? CompareOptions()
        options.format = options.format(for: golden)
        options.maxDiffs = maxDiffs
        return try FileComparator.compare(expected: golden, actual: item.path, options: options)
    }

    static func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }
}
