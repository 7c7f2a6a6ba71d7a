import Foundation

// Design: when rows keep differing, parsing and converting numbers is the bottleneck, not
// reading; the rest of both files is then cut at a shared record (CSVSplitPoint) and the
// two parts are compared on two threads, each with its own readers and report, merged in
// file order afterwards (counts added, the first differences of the first part first).
// Byte-identical files never split: the bulk path is as fast as reading already.
//
// Finding the cut means counting records through about half of both files, a fifth of the
// time the comparison takes. So the second thread finds it while this one goes on
// comparing, then compares the part after it; this thread looks for the cut every
// `pollRecords` records and, once it is known and still ahead, compares up to it on
// readers that end there. A cut this thread has already passed (tests make that happen)
// is declined, and the second thread then compares nothing. The cut lies a little past the
// middle (`cutFraction`), as the second thread starts its part after the scan.

extension CSVPositionalComparison {
    /// When to split; tests lower the thresholds to split small files.
    struct SplitPolicy: Sendable {
        /// Records compared before deciding (most must have differed). Since the cut is
        /// found while this thread compares on, an early decision costs nothing.
        var decisionRecords = 1 << 14
        /// Files with less than this left are not worth splitting.
        var minimumBytes = 32 << 20
        /// Never split (the parts themselves, and tests that compare with and without).
        var enabled = true
        /// How often this thread asks whether the cut is known, in records compared.
        var pollRecords = 1 << 12
        /// Where the cut lies in expected's remaining bytes.
        var cutFraction = 0.55
        /// Byte-identical files from this size are checked on two threads (CSVByteEqualFiles).
        var byteEqualMinimumBytes = CSVByteEqualFiles.minimumBytes
        /// Keyed: expected files from this size are indexed in two parts at once
        /// (CSVKeyedComparison.indexRows).
        var indexMinimumBytes = 4 << 20

        static let never = SplitPolicy(enabled: false)
    }

    /// Starts finding a cut on a second thread and goes on comparing here, then compares up
    /// to the cut while the second thread compares the rest; or compares on alone when
    /// there is no cut, or it comes too late.
    /// - Returns: nil when splitting is not possible or not worth it (the caller goes on
    ///   alone); false when this thread compared the rest alone after all; true when split.
    /// - Throws: the first part's error, else the second's.
    static func compareOverlapped(expected: CSVReader, actual: CSVReader, comparer: inout CSVRowComparer,
                                  policy: SplitPolicy) throws -> Bool? {
        guard ProcessInfo.processInfo.activeProcessorCount >= 2,
              expected.dialect.quoteParityFindsRecordEnds, actual.dialect.quoteParityFindsRecordEnds,
              let size = expected.sourceSize, size - expected.offset >= policy.minimumBytes
        else { return nil }
        let start = (expected: expected.offset, actual: actual.offset, expectedLine: expected.line,
                     actualLine: actual.line, records: expected.recordCount)
        let paths = (expected: expected.path, actual: actual.path)
        let dialects = (expected: expected.dialect, actual: actual.dialect)
        let mapping = comparer.mapping
        let options = comparer.options
        let handoff = SplitHandoff()
        let secondPart: @Sendable () -> Void = {
            do {
                let cut = try CSVSplitPoint.find(expectedPath: paths.expected, expectedStart: start.expected, expectedSize: size,
                                                 actualPath: paths.actual, actualStart: start.actual,
                                                 fraction: policy.cutFraction)
                guard let cut, handoff.offer(cut) else { return }
                let e = try CSVReader(path: paths.expected, dialect: dialects.expected, from: cut.expectedOffset, to: nil,
                                      line: start.expectedLine + cut.expectedLines, recordCount: start.records + cut.records)
                let a = try CSVReader(path: paths.actual, dialect: dialects.actual, from: cut.actualOffset, to: nil,
                                      line: start.actualLine + cut.actualLines, recordCount: start.records + cut.records)
                var partial = CSVRowComparer(mapping: mapping, options: options, expectedPath: paths.expected,
                                             actualPath: paths.actual)
                partial.keepsContextSources = true
                try run(expected: e, actual: a, comparer: &partial, split: .never)
                handoff.finish(.success(partial))
            } catch {
                handoff.finish(.failure(error))
            }
        }
        var alone = SplitPolicy.never
        alone.pollRecords = policy.pollRecords
        var firstPart: Result<Bool, any Error> = .success(false)
        SecondThread.run(secondPart) {
            defer { handoff.declineIfUndecided() }
            firstPart = Result {
                try run(expected: expected, actual: actual, comparer: &comparer, split: alone) {
                    guard let cut = handoff.cut else { return nil }
                    guard expected.recordCount <= start.records + cut.records else {
                        handoff.declineIfUndecided()
                        return nil
                    }
                    handoff.accept()
                    return (expected: cut.expectedOffset, actual: cut.actualOffset)
                }
            }
        }
        let split = try firstPart.get()
        guard split else { return false }
        switch handoff.outcome {
        case .success(let partial): comparer.absorb(partial)
        case .failure(let error): throw error
        case nil: throw HarnessError.usage("internal error: the second part of a split comparison did not finish")
        }
        return true
    }
}

/// Where the two threads of a split comparison meet: the cut the second thread found, this
/// thread's verdict on it, and the second part's outcome. The second thread waits for the
/// verdict; this thread always gives one (`declineIfUndecided` when it leaves).
private final class SplitHandoff: @unchecked Sendable {
    // Guarded by `lock`.
    private var found: CSVSplitPoint?
    private var verdict: Bool?
    private var result: Result<CSVRowComparer, any Error>?
    private let lock = Lock()
    private let decided = DispatchSemaphore(value: 0)

    /// The cut, once found (this thread's poll).
    var cut: CSVSplitPoint? { lock.withLock { verdict == nil ? found : nil } }

    /// Offers the cut and waits for the verdict: whether to compare the part after it.
    func offer(_ cut: CSVSplitPoint) -> Bool {
        let undecided = lock.withLock {
            found = cut
            return verdict == nil
        }
        if undecided { decided.wait() }
        return lock.withLock { verdict ?? false }
    }

    func accept() { decide(true) }

    func declineIfUndecided() { decide(false) }

    private func decide(_ value: Bool) {
        let first = lock.withLock {
            guard verdict == nil else { return false }
            verdict = value
            return true
        }
        if first { decided.signal() }
    }

    func finish(_ outcome: Result<CSVRowComparer, any Error>) { lock.withLock { result = outcome } }

    var outcome: Result<CSVRowComparer, any Error>? { lock.withLock { result } }
}
