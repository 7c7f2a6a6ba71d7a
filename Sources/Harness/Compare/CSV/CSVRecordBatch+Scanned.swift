// Design: the keyed comparison's readers hash every record of both files, and parsing
// each one into fields (`CSVReader.next()`) was most of their time. A batch needs only a
// record's key cells, its bytes and where it is; so where the file's quoting lets record
// ends be found by counting quotes, the batch takes records straight from the reader's
// buffer instead:
// - `CSVRecordEndScanner` (64 bytes at a time) first vouches for a stretch of whole
//   records: each has the header's field count and quotes where the parser accepts them;
//   it stops before any record the parser would refuse, so errors still come from the
//   parser, with its messages, in file order;
// - the scan also marks, one bit per byte, the line feeds that end records, all line
//   feeds and all quotes (`CSVRecordEndScanner.Marks`); so record by record, the next
//   marked bits give its end, its first quote and the lines it crosses, without searching
//   its bytes again; the key cells are the stretches between delimiters before the
//   record's first quote;
// - a record this cannot take as the parser would (a key cell in quotes, an empty record,
//   one over the reader's record limit) ends the stretch: the parser reads it.
// Hashes are those of `hashKey` and `hashRow` (cells are unquoted text, and the whole
// row's bytes exclude the line terminator, as `CSVRecord.bytes`), so a scanned record and
// a parsed one index and match alike.

extension CSVRecordBatch {
    /// The most bytes of the reader's buffer scanned at once. The buffer usually holds one
    /// read (`ReadOnlyFile.streamingReadSize`, 64 KiB), all of it scanned; this bounds the
    /// scan of a buffer grown for a long record, part of which a batch's limit may leave
    /// unused (and so scanned again for the next batch).
    static let scanWindow = 1 << 17

    /// Appends records taken from `reader`'s buffer without parsing them (see the design
    /// note), up to `limit` in the batch, and moves the reader past them. Needs a dialect
    /// whose record ends quote parity finds, and an identity column mapping.
    /// - Returns: how many records it appended: 0 when the scanner vouched for none (the
    ///   buffer ends inside the next record, or the parser must judge it), nil when it did
    ///   but the first is not one this can take (so rescanning soon would waste the scan).
    mutating func appendScanned(from reader: CSVReader, spec: CSVBatchSpec, limit: Int) -> Int? {
        let unconsumed = reader.unconsumed
        guard let base = unconsumed.baseAddress, limit > count else { return 0 }
        let window = UnsafeBufferPointer(start: base, count: min(unconsumed.count, Self.scanWindow))
        let delimiter = reader.dialect.delimiter
        let lastKey = spec.key.max() ?? 0
        let words = CSVRecordEndScanner.Marks.storage(for: window.count)
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: words) { storage -> Int? in
            let marks = CSVRecordEndScanner.Marks(storage, count: window.count)
            let scan = CSVRecordEndScanner.scan(window, fields: spec.width, delimiter: delimiter, marks: marks,
                                                enough: limit - count)
            guard scan.records > 0 else { return 0 }
            // Whether any record crosses a line inside quotes; if none, each takes one line.
            let oneLineEach = scan.lines == scan.records
            return withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: lastKey + 1) { cells -> Int? in
                var position = 0
                var added = 0
                var lines = 0
                while added < scan.records && count < limit {
                    // The scanner marked each record's line feed, so its end is a bit away.
                    guard let lineFeed = marks.first(.recordEnds, from: position, before: scan.end)
                    else { break }
                    let end = lineFeed > position && base[lineFeed - 1] == ASCII.carriageReturn ? lineFeed - 1 : lineFeed
                    let length = end - position
                    let firstQuote = marks.first(.quotes, from: position, before: end)
                    guard length > 0, length <= reader.maxRecordBytes,
                          Self.findCells(base, record: position..<end, unquotedBefore: firstQuote ?? end,
                                         delimiter: delimiter, into: cells) else { break }
                    var hasher = ByteHasher()
                    for column in spec.key {
                        let cell = cells[column]
                        hasher.combine(ByteRun(start: base + cell.lowerBound, count: cell.count, padding: CSVReader.cellPadding))
                    }
                    let bytes = UnsafeBufferPointer(start: base + position, count: length)
                    append(keyHash: hasher.value, rowHash: ByteHasher.hash(ByteRun(bytes)),
                           offset: reader.offset + position, number: reader.recordCount + added + 1, line: reader.line + lines,
                           bytes: bytes, keepsBytes: spec.keepsBytes)
                    added += 1
                    // Its own line feed and any inside quotes.
                    lines += oneLineEach || firstQuote == nil
                        ? 1 : marks.count(.lineFeeds, in: position..<lineFeed + 1)
                    position = lineFeed + 1
                }
                guard added > 0 else { return nil }
                reader.skip(bytes: position, records: added, lines: lines)
                return added
            }
        }
    }

    /// The ranges of cells `0..<cells.count` of `record`, all of which must lie before
    /// `unquotedBefore` (its first quote); false when one does not.
    private static func findCells(_ base: UnsafePointer<UInt8>, record: Range<Int>, unquotedBefore limit: Int,
                                  delimiter: UInt8, into cells: UnsafeMutableBufferPointer<Range<Int>>) -> Bool {
        var start = record.lowerBound
        for column in cells.indices {
            if let end = RawMemory.firstIndex(of: delimiter, in: base, from: start, to: limit) {
                cells.initializeElement(at: column, to: start..<end)
                start = end + 1
            } else if limit == record.upperBound && start <= limit {
                cells.initializeElement(at: column, to: start..<limit)  // the record's last cell
                start = limit + 1
            } else {
                return false
            }
        }
        return true
    }
}
