import Foundation

// Design: when rows keep differing, parsing and converting numbers is the bottleneck, not
// reading; the rest of both files is then cut at a shared record (CSVSplitPoint) and the
// two parts are compared on two threads, each with its own readers and report, merged in
// file order afterwards (counts added, the first differences of the first part first).
// Byte-identical files never split: the bulk path is as fast as reading already.

extension CSVPositionalComparison {
    /// When to split; tests lower the thresholds to split small files.
    struct SplitPolicy: Sendable {
        /// Records compared before deciding (most must have differed).
        var decisionRecords = 1 << 16
        /// Files with less than this left are not worth splitting.
        var minimumBytes = 32 << 20
        /// Never split (the parts themselves, and tests that compare with and without).
        var enabled = true

        static let never = SplitPolicy(enabled: false)
    }

    /// Compares the rest of both files on two threads, if that is possible and worth it.
    /// - Returns: false when it did nothing (the caller goes on alone).
    /// - Throws: the first part's error, else the second's.
    static func compareRestInParallel(expected: CSVReader, actual: CSVReader, comparer: inout CSVRowComparer,
                                      policy: SplitPolicy) throws -> Bool {
        guard ProcessInfo.processInfo.activeProcessorCount >= 2,
              expected.dialect.quoteParityFindsRecordEnds, actual.dialect.quoteParityFindsRecordEnds,
              let size = expected.sourceSize, size - expected.offset >= policy.minimumBytes,
              let split = try CSVSplitPoint.find(expectedPath: expected.path, expectedStart: expected.offset,
                                                 expectedSize: size, actualPath: actual.path, actualStart: actual.offset)
        else { return false }
        let start = (expected: expected.offset, actual: actual.offset, expectedLine: expected.line,
                     actualLine: actual.line, records: expected.recordCount)
        let paths = (expected: expected.path, actual: actual.path)
        let dialects = (expected: expected.dialect, actual: actual.dialect)
        let mapping = comparer.mapping
        let options = comparer.options
        let parts = SplitResults()
        let comparePart: @Sendable (Int) -> Void = { part in
            do {
                let first = part == 0
                let e = try CSVReader(path: paths.expected, dialect: dialects.expected,
                                      from: first ? start.expected : split.expectedOffset, to: first ? split.expectedOffset : nil,
                                      line: start.expectedLine + (first ? 0 : split.expectedLines),
                                      recordCount: start.records + (first ? 0 : split.records))
                let a = try CSVReader(path: paths.actual, dialect: dialects.actual,
                                      from: first ? start.actual : split.actualOffset, to: first ? split.actualOffset : nil,
                                      line: start.actualLine + (first ? 0 : split.actualLines),
                                      recordCount: start.records + (first ? 0 : split.records))
                var partial = CSVRowComparer(mapping: mapping, options: options, expectedPath: paths.expected,
                                             actualPath: paths.actual)
                try run(expected: e, actual: a, comparer: &partial, split: .never)
                parts.set(part, .success(partial))
            } catch {
                parts.set(part, .failure(error))
            }
        }
        // The later part on a thread of its own, the first on this one.
        SecondThread.run({ comparePart(1) }, alongside: { comparePart(0) })
        for part in 0..<2 {
            switch parts.get(part) {
            case .success(let partial): comparer.absorb(partial)
            case .failure(let error): throw error
            case nil: throw HarnessError.usage("internal error: part \(part) of a split comparison did not finish")
            }
        }
        return true
    }
}

/// The two parts' outcomes, written from their threads.
private final class SplitResults: @unchecked Sendable {
    // Guarded by `lock`.
    private var results: [Int: Result<CSVRowComparer, any Error>] = [:]
    private let lock = Lock()

    func set(_ part: Int, _ result: Result<CSVRowComparer, any Error>) {
        lock.withLock { results[part] = result }
    }

    func get(_ part: Int) -> Result<CSVRowComparer, any Error>? {
        lock.withLock { results[part] }
    }
}
