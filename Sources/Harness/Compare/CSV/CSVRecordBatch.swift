/// What a batch needs to know about the file it reads: where the key is, how wide rows
/// are, how to hash a whole row.
struct CSVBatchSpec: Sendable {
    var path: String
    var key: [Int]
    var width: Int
    var mapping: CSVColumnMapping
    var expectedSide: Bool
    /// Whether the records' bytes are kept for `record(_:parsedBy:)` (actual's are; the
    /// expected file's rows are only indexed).
    var keepsBytes = true
}

/// Records read ahead and hashed, kept as copies of their bytes (records are views valid
/// only until the next read), so the keyed comparison can look their index slots up
/// together and re-parse the rare ones it must compare cell by cell.
struct CSVRecordBatch: Sendable {
    private(set) var keyHashes: [UInt64] = []
    private(set) var rowHashes: [UInt64] = []
    private(set) var offsets: [Int] = []
    private(set) var numbers: [Int] = []
    private(set) var lines: [Int] = []
    /// Where each record's bytes start in `bytes` (one more entry than records), as if
    /// they were kept.
    private var starts: [Int] = [0]
    private var bytes: [UInt8] = []

    var count: Int { keyHashes.count }

    func length(_ item: Int) -> Int { starts[item + 1] - starts[item] }

    /// Replaces the contents with up to `limit` records from `reader`.
    /// - Parameter scanning: whether records may be taken without parsing them
    ///   (`appendScanned`); tests turn it off to compare.
    /// - Returns: false when the reader had no more records.
    /// - Throws: `HarnessError.malformed` for malformed or ragged records.
    mutating func fill(from reader: CSVReader, spec: CSVBatchSpec, limit: Int, scanning: Bool = true) throws -> Bool {
        keyHashes.removeAll(keepingCapacity: true)
        rowHashes.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        numbers.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        starts.append(0)
        bytes.removeAll(keepingCapacity: true)
        // Records come from the buffer when they can (`appendScanned`), else from the parser;
        // after a stretch the scanner vouched for but whose first record is the parser's, the
        // rest of the batch is parsed (rescanning after each such record would be quadratic).
        var scans = scanning && spec.mapping.isIdentity && reader.dialect.quoteParityFindsRecordEnds && !spec.key.isEmpty
        while count < limit {
            if scans, reader.hasStartedReading {
                if let added = appendScanned(from: reader, spec: spec, limit: limit) {
                    if added > 0 { continue }
                } else {
                    scans = false
                }
            }
            guard let record = try reader.next() else { break }
            try CSVRowComparer.checkWidth(record, path: spec.path, width: spec.width)
            append(keyHash: CSVKeyedComparison.hashKey(record, spec.key),
                   rowHash: CSVKeyedComparison.hashRow(record, spec.mapping, expectedSide: spec.expectedSide),
                   offset: record.offset, number: record.number, line: record.line, bytes: record.rawBytes,
                   keepsBytes: spec.keepsBytes)
        }
        return count > 0
    }

    /// Adds one record: its hashes, where it is, and (with `keepsBytes`) its bytes.
    mutating func append(keyHash: UInt64, rowHash: UInt64, offset: Int, number: Int, line: Int,
                         bytes record: UnsafeBufferPointer<UInt8>, keepsBytes: Bool) {
        keyHashes.append(keyHash)
        rowHashes.append(rowHash)
        offsets.append(offset)
        numbers.append(number)
        lines.append(line)
        if keepsBytes { bytes.append(contentsOf: record) }
        starts.append(starts[starts.count - 1] + record.count)
    }

    /// Record `item` parsed again by `parser` (valid until `parser` reads again); for
    /// batches that keep their bytes.
    func record(_ item: Int, parsedBy parser: CSVReader) throws -> CSVRecord {
        try bytes.withUnsafeBufferPointer { all in
            try parser.record(copying: UnsafeBufferPointer(rebasing: all[starts[item]..<starts[item + 1]]),
                              offset: offsets[item], number: numbers[item], line: lines[item])
        }
    }
}
