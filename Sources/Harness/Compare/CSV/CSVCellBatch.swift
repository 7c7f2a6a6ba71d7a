// Design: records read once, lent to several threads at once.
//
// `harness describe` profiles a large file's columns on several threads. Each used to read
// and parse the whole file itself, so a file was parsed once per thread: the parse was a
// quarter of describe's time. A batch holds a run of records copied out of one reader
// (a record it lends is valid only until its next read): their bytes, each cell's bounds
// within them, their field counts and lines. One thread fills batches, every thread reads
// them. A record's bytes are copied whole (one `memcpy`, the cells then lie at their
// offsets in it); a cell the reader had to unescape (`""`, an escape byte) is copied from the
// reader's scratch area after its record. Every cell keeps `CSVReader.cellPadding` readable
// bytes after it, as the reader's own cells do.

/// Records copied out of a `CSVReader` with their cells' bounds, readable by any thread
/// once filled.
// `@unchecked Sendable`: filled by one thread, read by others only after a hand-over (a
// semaphore) and never written while they read it.
final class CSVCellBatch: @unchecked Sendable {
    /// Cells kept per record (the file's width): later cells of a long record are dropped.
    let width: Int
    /// Records held.
    private(set) var count = 0
    let recordLimit: Int
    let byteLimit: Int
    // `unsafe`: allocated in init (`bytes` grown by `reserve`), freed in deinit; cells are
    // lent as runs into `bytes` until the next `fill`.
    private var bytes: UnsafeMutablePointer<UInt8>
    private var byteCapacity: Int
    private var used = 0
    /// Start and end of each kept cell in `bytes`, `width` pairs per record.
    private let bounds: UnsafeMutablePointer<Int>
    private let fieldCounts: UnsafeMutablePointer<Int>
    private let lines: UnsafeMutablePointer<Int>

    /// A batch of up to `recordLimit` records of `width` cells, and no more than
    /// `cellLimit` cells (a wide file's batch holds fewer records), filled until its bytes
    /// reach `byteLimit` (a longer record still fits: the bytes grow).
    init(width: Int, recordLimit: Int = 4_096, cellLimit: Int = 1 << 16, byteLimit: Int = 1 << 20) {
        self.width = width
        self.recordLimit = max(1, min(recordLimit, cellLimit / max(width, 1)))
        self.byteLimit = byteLimit
        // Grown as records arrive (a small file's batch stays small), up to the limit and
        // past it for one longer record. What lies past a cell is never read for its value
        // (the number readers' word reads give the same result whatever follows a cell).
        byteCapacity = min(byteLimit, 64 << 10)
        bytes = .allocate(capacity: byteCapacity + CSVReader.padding)
        bounds = .allocate(capacity: self.recordLimit * max(width, 1) * 2)
        fieldCounts = .allocate(capacity: self.recordLimit)
        lines = .allocate(capacity: self.recordLimit)
    }

    deinit {
        bytes.deallocate()
        bounds.deallocate()
        fieldCounts.deallocate()
        lines.deallocate()
    }

    /// Replaces the contents with the next records of `reader`.
    /// - Returns: false when the reader had no more records (the batch is then empty).
    /// - Throws: what `CSVReader.next()` throws; the records before the error stay held.
    func fill(from reader: CSVReader) throws -> Bool {
        count = 0
        used = 0
        while count < recordLimit && used < byteLimit, let record = try reader.next() {
            let raw = record.rawBytes
            let fields = record.fieldCount
            let kept = min(fields, width)
            var needed = raw.count
            for column in 0..<kept where record.spans[column].flags & CSVFieldSpan.inScratch != 0 {
                needed += record.spans[column].end - record.spans[column].start
            }
            reserve(used + needed)
            let base = used
            if let source = raw.baseAddress { (bytes + used).update(from: source, count: raw.count) }
            used += raw.count
            let cells = bounds + count * width * 2
            for column in 0..<kept {
                let span = record.spans[column]
                if span.flags & CSVFieldSpan.inScratch != 0 {
                    let length = span.end - span.start
                    (bytes + used).update(from: record.scratch + span.start, count: length)
                    cells[column * 2] = used
                    cells[column * 2 + 1] = used + length
                    used += length
                } else {
                    cells[column * 2] = base + span.start
                    cells[column * 2 + 1] = base + span.end
                }
            }
            fieldCounts[count] = fields
            lines[count] = record.line
            count += 1
        }
        return count > 0
    }

    /// Fields record `item` had (0 for a blank line); cells past `width` are not kept.
    @inline(__always)
    func fieldCount(_ item: Int) -> Int {
        precondition(item >= 0 && item < count, "record \(item) outside 0..<\(count)")
        return fieldCounts[item]
    }

    /// The line record `item` started on.
    func line(_ item: Int) -> Int {
        precondition(item >= 0 && item < count, "record \(item) outside 0..<\(count)")
        return lines[item]
    }

    /// Cell `column` of record `item`, unescaped; `column` must be below both `width` and
    /// the record's field count. Valid until the next `fill`.
    @inline(__always)
    func cell(_ item: Int, _ column: Int) -> ByteRun {
        precondition(item >= 0 && item < count && column >= 0 && column < min(width, fieldCounts[item]),
                     "cell \(column) of record \(item) not held")
        let pair = bounds + (item * width + column) * 2
        return ByteRun(start: bytes + pair[0], count: pair[1] - pair[0], padding: CSVReader.cellPadding)
    }

    /// Makes room for `total` bytes, keeping those held.
    private func reserve(_ total: Int) {
        guard total > byteCapacity else { return }
        let grown = max(total, byteCapacity * 2)
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown + CSVReader.padding)
        bigger.update(from: bytes, count: used)
        bytes.deallocate()
        bytes = bigger
        byteCapacity = grown
    }
}
