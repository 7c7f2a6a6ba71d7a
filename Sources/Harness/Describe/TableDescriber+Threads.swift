import Foundation

// How describe reads a file once and profiles its columns on several threads: batches of
// cells round a ring (the design note of `TableDescriber` says why).

extension TableDescriber {
    /// Batches in the ring between the reading thread and the others.
    static let ringSize = 4

    /// Reads every record of `reader` once, in batches, and profiles the cells of each
    /// share of the columns on a thread of its own: the calling thread reads the batches
    /// and profiles the first share, the others profile theirs as each batch is handed over.
    /// - Throws: what reading the file throws (its first error: the threads stop there).
    static func scan(_ reader: CSVReader, shares: [[Int]], names: [String], options: DescribeOptions) throws -> [ColumnScan] {
        let width = names.count
        let workers = shares.count
        let ring = BatchRing(width: width, slots: workers == 1 ? 1 : ringSize, others: workers - 1)
        let results = ScanResults(count: workers)
        let box = ReaderBox(reader)
        SecondThread.run(count: workers) { worker in
            let columns = shares[worker]
            var result = ColumnScan(profiles: columns.map { ColumnProfile(name: names[$0]) })
            var budget = workers == 1 ? options.uniqueBudget : options.uniqueBudget / width * columns.count
            let all = TypeCandidate.all
            let candidates = all.span
            var turn = 0
            var failure: (any Error)?
            while true {
                let slot = turn % ring.slots.count
                let batch = ring.slots[slot]
                var last: Bool
                if worker == 0 {
                    if turn >= ring.slots.count { ring.waitUntilReleased(slot) }
                    do {
                        last = try !batch.fill(from: box.reader)
                    } catch {
                        failure = error
                        last = true
                    }
                    ring.handOver(slot, last: last, failed: failure != nil)
                    if failure != nil { break }
                } else {
                    ring.waitUntilReady(slot, other: worker - 1)
                    if ring.failed(slot) { break }
                    last = ring.isLast(slot)
                }
                profile(batch, columns: columns, into: &result, budget: &budget, candidates: candidates, options: options)
                if worker > 0 { ring.release(slot) }
                if last { break }
                turn += 1
            }
            for slot in result.profiles.indices { result.profiles[slot].uniqueness.flush(budget: &budget) }
            results.set(worker, failure.map { .failure($0) } ?? .success(result))
        }
        // Only the reading thread meets an error, and throws it.
        return try (0..<workers).map { try results.get($0).get() }
    }

    /// Profiles the cells of `columns` in every record of `batch`, a column at a time: one
    /// column's cells take the same paths through `observe` (the same types alive, the same
    /// extremes), which the processor then predicts, and its profile stays in the caches.
    /// The fingerprint budget is drawn on in that order too, so which field overflows it
    /// is decided a batch at a time.
    @inline(__always)
    static func profile(_ batch: CSVCellBatch, columns: [Int], into result: inout ColumnScan, budget: inout Int,
                        candidates: Span<TypeCandidate>, options: DescribeOptions) {
        let width = batch.width
        let firstRow = result.rows + 1
        result.rows += batch.count
        for item in 0..<batch.count where batch.fieldCount(item) != width {
            // A blank row is a row of missing cells to the validator (and a null key).
            result.ragged += 1
            if result.firstRaggedLine == 0 { result.firstRaggedLine = batch.line(item) }
        }
        for (slot, column) in columns.enumerated() {
            for item in 0..<batch.count {
                if column < batch.fieldCount(item) {
                    result.profiles[slot].observe(batch.cell(item, column), candidates: candidates,
                                                  row: firstRow + item, enumLimit: options.enumLimit, budget: &budget)
                } else {
                    result.profiles[slot].missing += 1
                }
            }
        }
    }
}

/// Each thread's scan, or its error; each slot is written by one thread.
private final class ScanResults: @unchecked Sendable {
    // Guarded by `lock`.
    private var results: [Result<TableDescriber.ColumnScan, any Error>?]
    private let lock = Lock()

    init(count: Int) {
        results = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ result: Result<TableDescriber.ColumnScan, any Error>) {
        lock.withLock { results[index] = result }
    }

    func get(_ index: Int) -> Result<TableDescriber.ColumnScan, any Error> {
        // Never nil: concurrentPerform returns after every iteration has set its slot.
        lock.withLock { results[index].unsafelyUnwrapped }
    }
}

/// The batches the reading thread fills and hands to the other threads, round a ring: a
/// batch is filled again once every other thread has released it.
// `@unchecked Sendable`: a slot's batch and flags are written by the reading thread before
// `handOver` signals, and read by the others after they waited for that signal.
private final class BatchRing: @unchecked Sendable {
    let slots: [CSVCellBatch]
    /// Per slot, whether it is the file's last batch and whether reading failed there: an
    /// object each, so that the reading thread's writes and the others' reads never touch
    /// one shared array.
    private final class Flags {
        var last = false
        var failed = false
    }
    private let flags: [Flags]
    private let ready: [[DispatchSemaphore]]
    private let released: [DispatchSemaphore]
    private let others: Int

    init(width: Int, slots count: Int, others: Int) {
        slots = (0..<count).map { _ in CSVCellBatch(width: width) }
        flags = (0..<count).map { _ in Flags() }
        ready = (0..<count).map { _ in (0..<others).map { _ in DispatchSemaphore(value: 0) } }
        released = (0..<count).map { _ in DispatchSemaphore(value: 0) }
        self.others = others
    }

    /// The reading thread: `slot` is filled (the file's last batch, or one cut by an error).
    func handOver(_ slot: Int, last isLast: Bool, failed hasFailed: Bool) {
        flags[slot].last = isLast
        flags[slot].failed = hasFailed
        for other in 0..<others { ready[slot][other].signal() }
    }

    /// Whether `slot` is the file's last batch (read after `waitUntilReady`).
    func isLast(_ slot: Int) -> Bool { flags[slot].last }

    /// Whether reading failed in `slot` (read after `waitUntilReady`).
    func failed(_ slot: Int) -> Bool { flags[slot].failed }

    func waitUntilReady(_ slot: Int, other: Int) {
        ready[slot][other].wait()
    }

    /// Another thread is done with `slot`.
    func release(_ slot: Int) {
        released[slot].signal()
    }

    /// The reading thread waits for every other thread to be done with `slot`.
    func waitUntilReleased(_ slot: Int) {
        for _ in 0..<others { released[slot].wait() }
    }
}
