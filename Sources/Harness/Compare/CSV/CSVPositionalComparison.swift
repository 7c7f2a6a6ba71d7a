// Design: rows matched by position, at the speed of reading when the files agree.
//
// While both files are byte-identical (same header order), the bulk path compares the
// two buffers with memcmp and only counts the records in the common stretch
// (CSVRecordEndScanner), skipping them in both readers. At the first differing byte the
// record that holds it is parsed in both files and compared cell by cell; after a record
// that is byte-equal again, the bulk path resumes. A bulk attempt that skips nothing
// (every row differs, or lone CR line ends) backs off exponentially, so a file where all
// rows differ pays almost nothing for it. Files byte-identical throughout are first tried
// on two threads (CSVByteEqualFiles), which leave the readers untouched when they are not.

/// Compares two CSV files row by row in order.
enum CSVPositionalComparison {
    /// Bytes compared per bulk step; bounds the rescan of a partial record.
    static let window = 1 << 18

    /// - Parameters:
    ///   - split: when the rest may be compared on two threads, once most rows turn out to
    ///     differ (CSVPositionalComparison+Split).
    ///   - cut: asked every `split.pollRecords` records for where to stop (the offsets of a
    ///     record both readers have not passed), when another thread compares what follows.
    /// - Returns: whether it split.
    /// - Throws: `HarnessError.malformed` for malformed input in a parsed record.
    @discardableResult
    static func run(expected: CSVReader, actual: CSVReader, comparer: inout CSVRowComparer,
                    split: SplitPolicy = SplitPolicy(),
                    cut: (() -> (expected: Int, actual: Int)?)? = nil) throws -> Bool {
        let bulkAllowed = comparer.mapping.isIdentity && expected.dialect.quoteParityFindsRecordEnds
            && actual.dialect.quoteParityFindsRecordEnds
        if bulkAllowed && split.enabled && expected.sourceSize != nil && actual.sourceSize != nil && expected.offset == actual.offset,
           let records = try CSVByteEqualFiles.records(expected: expected.path, actual: actual.path, dataStart: expected.offset,
                                                       fields: comparer.mapping.expectedNames.count,
                                                       delimiter: expected.dialect.delimiter,
                                                       maxRecordBytes: min(expected.maxRecordBytes, actual.maxRecordBytes),
                                                       minimumBytes: split.byteEqualMinimumBytes) {
            comparer.countEqualRows(records)
            return false
        }
        var tryBulk = bulkAllowed
        var cooldown = 0
        var backoff = 1
        var parsed = 0
        var skippedInBulk = 0
        var decided = !split.enabled
        var nextPoll = split.pollRecords
        while true {
            if !decided && parsed + skippedInBulk >= split.decisionRecords {
                decided = true
                if parsed > skippedInBulk,
                   let didSplit = try compareOverlapped(expected: expected, actual: actual, comparer: &comparer, policy: split) {
                    return didSplit
                }
            }
            if let cut, parsed + skippedInBulk >= nextPoll {
                nextPoll = parsed + skippedInBulk + split.pollRecords
                if let offsets = cut() {
                    // The rest, up to the cut, on readers that end there.
                    let e = try CSVReader(path: expected.path, dialect: expected.dialect, from: expected.offset,
                                          to: offsets.expected, line: expected.line, recordCount: expected.recordCount)
                    let a = try CSVReader(path: actual.path, dialect: actual.dialect, from: actual.offset,
                                          to: offsets.actual, line: actual.line, recordCount: actual.recordCount)
                    try run(expected: e, actual: a, comparer: &comparer, split: .never)
                    return true
                }
            }
            if tryBulk {
                if cooldown > 0 {
                    cooldown -= 1
                } else {
                    let skipped = try CSVReader.skipIdenticalRecords(expected, actual, fields: comparer.mapping.expectedNames.count,
                                                                     window: window)
                    comparer.countEqualRows(skipped)
                    skippedInBulk += skipped
                    if skipped == 0 {
                        backoff = min(backoff * 2, 4096)
                        cooldown = backoff
                    } else {
                        backoff = 1
                    }
                }
            }
            guard let e = try expected.next() else {
                while let a = try actual.next() { try comparer.extraRow(a, keyed: false) }
                return false
            }
            guard let a = try actual.next() else {
                try comparer.missingRow(e, keyed: false)
                while let more = try expected.next() { try comparer.missingRow(more, keyed: false) }
                return false
            }
            let sameBytes = try comparer.compare(e, a, keyed: false)
            parsed += 1
            tryBulk = bulkAllowed && sameBytes
        }
    }
}
