// The bulk path of the positional comparison (CSVPositionalComparison's design note),
// kept with the readers because it works on their buffers: memcmp over both unconsumed
// stretches, then a count of the whole records in the common part.

extension CSVReader {
    /// Skips the whole records at the front of both readers that are byte-identical and
    /// have `fields` fields (others are left to the parser, which reports them).
    /// `window`: bytes compared per step, which bounds the rescan of a partial record.
    /// - Returns: how many records were skipped.
    /// - Throws: `HarnessError.io` when a refill cannot read.
    static func skipIdenticalRecords(_ expected: CSVReader, _ actual: CSVReader, fields: Int, window: Int) throws -> Int {
        var skipped = 0
        while true {
            let e = expected.unconsumed
            let a = actual.unconsumed
            let count = min(e.count, a.count, window)
            let common = CSVRecordEndScanner.commonPrefix(UnsafeBufferPointer(rebasing: e[0..<count]),
                                                          UnsafeBufferPointer(rebasing: a[0..<count]))
            let scan = CSVRecordEndScanner.scan(UnsafeBufferPointer(rebasing: e[0..<common]), fields: fields,
                                                delimiter: expected.dialect.delimiter)
            if scan.records > 0 {
                expected.skip(bytes: scan.end, records: scan.records, lines: scan.lines)
                actual.skip(bytes: scan.end, records: scan.records, lines: scan.lines)
                skipped += scan.records
            }
            if common < count || scan.stopped { return skipped }
            if count == window {
                // A record longer than the window: the parser reads it.
                if scan.records == 0 { return skipped }
                continue
            }
            var refilled = false
            if expected.unconsumed.count <= actual.unconsumed.count && !expected.atEnd {
                try expected.refill()
                refilled = true
            }
            if actual.unconsumed.count <= expected.unconsumed.count && !actual.atEnd {
                try actual.refill()
                refilled = true
            }
            if !refilled { return skipped }
        }
    }
}
