import Foundation

// Design: the keyed comparison indexes a large expected file in two parts at once
// (CSVKeyedComparison.indexRows), cut at a record near the middle. Finding that cut means
// counting the records before it, a scan of half the file; done first, it left one core
// idle for a sixth of the indexing. So the first part starts reading at once while another
// thread finds the cut, and this gate keeps the two in step: until the cut is decided the
// first part reads small batches and stops at `hold` (well before the middle), so that a
// cut is normally still ahead of it when found and is accepted; the first part then ends
// at the cut. A cut at or before records the first part has already taken (a file whose
// bytes sit in a few huge records) is declined, and the first part reads on to the end.

/// Where the first part of a split index must end, decided while it reads.
final class CSVIndexCut: @unchecked Sendable {
    typealias Cut = (offset: Int, records: Int, lines: Int)

    private enum Decision {
        case pending
        case accepted(Cut)
        case declined
    }

    /// Records in a batch while the cut is pending.
    static let probeRecords = 256

    /// The byte offset the first part waits at while the cut is pending.
    let hold: Int
    // Guarded by `lock`.
    private var decision = Decision.pending
    /// Records the first part has taken or is taking.
    private var committed = 0
    private let lock = Lock()
    private let decided = DispatchSemaphore(value: 0)

    init(hold: Int) {
        self.hold = hold
    }

    /// The finder's verdict: `cut` is accepted if it is still ahead of the first part;
    /// nil (no cut found) declines. Only the first decision counts.
    func decide(_ cut: Cut?) {
        let first = lock.withLock {
            guard case .pending = decision else { return false }
            if let cut, cut.records >= committed { decision = .accepted(cut) } else { decision = .declined }
            return true
        }
        if first { decided.signal() }
    }

    /// Declines a cut not decided yet (the first part is done or failed).
    func declineIfPending() { decide(nil) }

    /// The cut, once accepted.
    var accepted: Cut? {
        lock.withLock {
            if case .accepted(let cut) = decision { return cut }
            return nil
        }
    }

    /// How many records the first part's next batch may take, having taken `produced`
    /// and standing at byte `offset`: waits at `hold` for the decision; 0 at the cut.
    func allowance(produced: Int, batchSize: Int, offset: Int) -> Int {
        while true {
            let answer: Int? = lock.withLock {
                switch decision {
                case .accepted(let cut): return max(0, min(batchSize, cut.records - produced))
                case .declined: return batchSize
                case .pending:
                    guard offset < hold else { return nil }
                    let records = min(batchSize, Self.probeRecords)
                    committed = produced + records
                    return records
                }
            }
            if let answer { return answer }
            decided.wait()
            decided.signal()  // for any later wait: the decision stands
        }
    }
}
