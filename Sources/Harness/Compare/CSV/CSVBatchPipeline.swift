import Foundation

// Design: the keyed comparison spends its time in two places that do not depend on each
// other: parsing and hashing records, and looking rows up in an index far larger than the
// caches. A producer thread fills one batch while the caller works through the other
// (double buffering, handed over with semaphores), so the two overlap on two cores. Errors
// travel with the batch they stopped, so they surface in file order.

/// Reads, checks and hashes record batches on a thread of its own.
final class CSVBatchPipeline: @unchecked Sendable {
    // `@unchecked Sendable`: each slot is used by one side at a time, handed over through
    // `filled` and `emptied`; `cancelled` is guarded by `lock`; the reader is used only by
    // the producer thread once it has started.
    private final class Slot {
        var batch = CSVRecordBatch()
        var error: (any Error)?
    }

    private let slots = [Slot(), Slot()]
    private let filled = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)]
    private let emptied = [DispatchSemaphore(value: 1), DispatchSemaphore(value: 1)]
    private let lock = Lock()
    private var cancelled = false
    private var turn = 0
    private var holding = false
    private var finished = false

    /// Starts reading `reader` (which the caller must not use any more, until the last
    /// batch is handed over) in batches of `batchSize` records; with `cut`, only up to
    /// where that gate says (the first part of a split index).
    init(reader: CSVReader, batchSize: Int, spec: CSVBatchSpec, cut: CSVIndexCut? = nil) {
        let box = ReaderBox(reader)
        let thread = Thread { [self] in
            self.produce(box.reader, spec: spec, batchSize: batchSize, cut: cut)
        }
        thread.stackSize = 1 << 22
        thread.start()
    }

    /// The next batch, or nil after the last one; the previous batch is given back.
    /// - Throws: the error that stopped reading, once the batches before it are done.
    func next() throws -> CSVRecordBatch? {
        if finished { return nil }
        if holding {
            emptied[turn].signal()
            turn ^= 1
        }
        filled[turn].wait()
        holding = true
        let slot = slots[turn]
        if let error = slot.error {
            finished = true
            throw error
        }
        if slot.batch.count == 0 {
            finished = true
            return nil
        }
        return slot.batch
    }

    /// Stops the producer (call when done, or when giving up early).
    func stop() {
        lock.withLock { cancelled = true }
        emptied[0].signal()
        emptied[1].signal()
    }

    private func produce(_ reader: CSVReader, spec: CSVBatchSpec, batchSize: Int, cut: CSVIndexCut?) {
        var index = 0
        var produced = 0
        while true {
            emptied[index].wait()
            if lock.withLock({ cancelled }) { return }
            let slot = slots[index]
            do {
                let limit = cut?.allowance(produced: produced, batchSize: batchSize, offset: reader.offset) ?? batchSize
                let more = try slot.batch.fill(from: reader, spec: spec, limit: limit)
                produced += slot.batch.count
                filled[index].signal()
                if !more { return }
            } catch {
                slot.error = error
                filled[index].signal()
                return
            }
            index ^= 1
        }
    }
}

/// Hands a reader to the thread that reads it, which is then its only user (the keyed
/// comparison's producer, describe's reading thread).
final class ReaderBox: @unchecked Sendable {
    let reader: CSVReader
    init(_ reader: CSVReader) { self.reader = reader }
}
