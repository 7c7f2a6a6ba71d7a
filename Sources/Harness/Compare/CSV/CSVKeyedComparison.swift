// Design: rows matched by key in memory bounded by an index, not by the files.
//
// Pass 1 reads expected once and indexes each row by a 64-bit hash of its key cells, with
// a 64-bit hash of the whole row and where the row is (CSVKeyIndex). Pass 2 reads actual
// once: a row whose key and row hashes both match an indexed row is equal (a false match
// needs a 2^-64 collision of the row hash on rows with the same key); otherwise the
// expected row is re-read with pread, its key checked byte for byte, and the two rows are
// compared cell by cell. Expected rows never matched are the missing rows; only the listed
// ones are re-read. Duplicate keys make matching ambiguous: they are an error (exit 2)
// naming both rows, found while indexing (expected) or matching (actual).

/// Compares two CSV files whose rows are matched by key columns.
enum CSVKeyedComparison {
    /// - Throws: `HarnessError` for malformed input or a key that is not unique in a file.
    static func run(expected: CSVReader, actual: CSVReader, comparer: inout CSVRowComparer) throws {
        let mapping = comparer.mapping
        let firstRow = expected.recordCount + 1
        let lookupDialect = { (dialect: CSVDialect) -> CSVDialect in
            var copy = dialect
            copy.header = false
            return copy
        }
        let expectedLookup = try CSVReader(source: CSVFileSource(path: expected.path), path: expected.path,
                                           dialect: lookupDialect(expected.dialect), chunkSize: 1 << 12)
        let actualLookup = try CSVReader(source: CSVFileSource(path: actual.path), path: actual.path,
                                         dialect: lookupDialect(actual.dialect), chunkSize: 1 << 12)
        var index = CSVKeyIndex(expectedRows: estimatedRows(expected))

        // Pass 1: index expected.
        while let record = try expected.next() {
            try comparer.checkWidth(record, path: expected.path, width: mapping.expectedNames.count)
            let keyHash = hashKey(record, mapping.expectedKey)
            try index.candidates(keyHash) { slot in
                let row = Int(index.slots[slot].entry) - 1
                let other = try read(expectedLookup, index, row: row, firstRow: firstRow)
                guard sameKey(other, mapping.expectedKey, record, mapping.expectedKey) else { return false }
                throw duplicate(record, path: expected.path, firstRow: other.number, comparer: comparer, side: mapping.expectedKey)
            }
            guard index.count < CSVKeyIndex.maxRows else {
                throw HarnessError.invalid(SourceLocation(path: expected.path, line: record.line),
                                           message: "more than \(CSVKeyIndex.maxRows) rows; keyed comparison indexes at most that many")
            }
            index.insert(keyHash: keyHash, rowHash: hashRow(record, mapping, expectedSide: true),
                         offset: record.offset, length: record.bytes.count)
        }

        // Pass 2: match actual rows against the index.
        var extraKeys: [UInt64: [(offset: Int, length: Int, row: Int)]] = [:]
        while let record = try actual.next() {
            try comparer.checkWidth(record, path: actual.path, width: mapping.actualNames.count)
            let keyHash = hashKey(record, mapping.actualKey)
            let rowHash = hashRow(record, mapping, expectedSide: false)
            var matched = false
            try index.candidates(keyHash) { slot in
                let candidate = index.slots[slot]
                let row = Int(candidate.entry) - 1
                if candidate.rowHash == rowHash {
                    if candidate.matched != 0 {
                        throw duplicate(record, path: actual.path, firstRow: nil, comparer: comparer, side: mapping.actualKey)
                    }
                    comparer.countEqualRows(1)
                } else {
                    let other = try read(expectedLookup, index, row: row, firstRow: firstRow)
                    guard sameKey(other, mapping.expectedKey, record, mapping.actualKey) else { return false }
                    if candidate.matched != 0 {
                        throw duplicate(record, path: actual.path, firstRow: nil, comparer: comparer, side: mapping.actualKey)
                    }
                    try comparer.compare(other, record, keyed: true)
                }
                index.markMatched(slot)
                matched = true
                return true
            }
            if matched { continue }
            for earlier in extraKeys[keyHash] ?? [] {
                let other = try actualLookup.record(atOffset: earlier.offset, length: earlier.length, number: earlier.row)
                if sameKey(other, mapping.actualKey, record, mapping.actualKey) {
                    throw duplicate(record, path: actual.path, firstRow: earlier.row, comparer: comparer, side: mapping.actualKey)
                }
            }
            extraKeys[keyHash, default: []].append((record.offset, record.bytes.count, record.number))
            try comparer.extraRow(record, keyed: true)
        }

        // Pass 3: expected rows never matched.
        for row in index.unmatchedRows() {
            if comparer.listsMore {
                try comparer.missingRow(read(expectedLookup, index, row: row, firstRow: firstRow), keyed: true)
            } else {
                comparer.countMissingRows(1)
            }
        }
    }

    /// Rows the index should expect: the file size over the mean record length of the
    /// first buffer.
    static func estimatedRows(_ reader: CSVReader) -> Int {
        let sample = CSVRecordEndScanner.scan(reader.unconsumed)
        guard let size = reader.sourceSize, sample.records > 0, sample.end > 0 else { return 1024 }
        return min(CSVKeyIndex.maxRows, size / max(1, sample.end / sample.records) + 16)
    }

    static func read(_ lookup: CSVReader, _ index: CSVKeyIndex, row: Int, firstRow: Int) throws -> CSVRecord {
        let location = index.location(of: row)
        return try lookup.record(atOffset: location.offset, length: location.length, number: row + firstRow)
    }

    static func hashKey(_ record: CSVRecord, _ key: [Int]) -> UInt64 {
        var hasher = RecordHasher()
        for column in key { hasher.combine(CSVRowComparer.field(record, column)) }
        return hasher.value
    }

    /// The whole row's hash: its raw bytes when both headers are the same, else its cells
    /// in expected column order (so reordered columns still hash alike).
    static func hashRow(_ record: CSVRecord, _ mapping: CSVColumnMapping, expectedSide: Bool) -> UInt64 {
        if mapping.isIdentity { return RecordHasher.hash(record.bytes) }
        var hasher = RecordHasher(seed: 0x9E37_79B9_7F4A_7C15)
        for pair in mapping.pairs {
            hasher.combine(CSVRowComparer.field(record, expectedSide ? pair.expected : pair.actual))
        }
        return hasher.value
    }

    static func sameKey(_ a: CSVRecord, _ aKey: [Int], _ b: CSVRecord, _ bKey: [Int]) -> Bool {
        zip(aKey, bKey).allSatisfy { CSVRecordEndScanner.same(CSVRowComparer.field(a, $0), CSVRowComparer.field(b, $1)) }
    }

    static func duplicate(_ record: CSVRecord, path: String, firstRow: Int?, comparer: CSVRowComparer,
                          side: [Int]) -> HarnessError {
        let values = side.map { String(decoding: CSVRowComparer.field(record, $0), as: UTF8.self) }
        let key = zip(comparer.options.key, values).map { "\($0)=\"\($1)\"" }.joined(separator: ", ")
        let earlier = firstRow.map { " (rows \($0) and \(record.number))" } ?? " (again in row \(record.number))"
        return .malformed(SourceLocation(path: path, line: record.line, column: 1),
                          message: "duplicate key \(key) in this file\(earlier)",
                          hint: "rows are matched by --key, so it must identify each row; add columns to the key")
    }
}
