import Foundation

// Design: rows matched by key in memory bounded by an index, not by the files.
//
// Pass 1 reads expected once and indexes each row by a fingerprint of its key cells, with a
// 64-bit hash of the whole row and where the row is (CSVKeyIndex, under 16 bytes a row);
// from 4 MiB, its two halves are read on two threads at once (`indexRows`). Sealing the
// index sorts it by key in place (BucketSort), and rows whose key fingerprints agree are
// re-read to find duplicate keys. Pass 2 reads actual once: a row whose key fingerprint
// and row hash both match an indexed row is equal (a false match needs a 2^-64 collision
// of the row hash); otherwise the expected row is re-read (pread, or the read-ahead cache
// when rows come in order), its key checked byte for byte, and the two rows are compared
// cell by cell. Expected rows never matched are the missing rows; only the listed ones are
// re-read. Duplicate keys make matching ambiguous: they are an error (exit 2) naming both
// rows, found once expected is indexed (expected) or while matching (actual).

/// Compares two CSV files whose rows are matched by key columns.
enum CSVKeyedComparison {
    /// Records whose slots are looked up together (see CSVKeyIndex.touch).
    static let batchSize = CSVKeyIndex.touchLimit
    /// Records per batch handed over by the reading thread (CSVBatchPipeline).
    static let pipelineBatchSize = 4096

    /// Loads the home slots of the next `batchSize` records of `batch` together.
    static func touch(_ batch: CSVRecordBatch, from item: Int, in index: CSVKeyIndex) {
        let hashes = batch.keyHashes.span
        index.touch(hashes.extracting(item..<min(item + batchSize, hashes.count)))
    }

    /// - Parameter split: from what size expected is indexed in two parts at once
    ///   (`indexRows`); tests lower it.
    /// - Returns: whether expected was indexed in two parts.
    /// - Throws: `HarnessError` for malformed input or a key that is not unique in a file.
    @discardableResult
    static func run(expected: CSVReader, actual: CSVReader, comparer: inout CSVRowComparer,
                    split: CSVPositionalComparison.SplitPolicy = .init()) throws -> Bool {
        let mapping = comparer.mapping
        let firstRow = expected.recordCount + 1
        // Random access: re-reading indexed rows (pread) and re-parsing batched ones.
        let expectedLookup = try lookupReader(expected)
        let expectedCopy = try lookupReader(expected)
        let actualLookup = try lookupReader(actual)
        let actualCopy = try lookupReader(actual)
        let (index, didSplit) = try indexRows(of: expected, spec: CSVBatchSpec(
            path: expected.path, key: mapping.expectedKey, width: mapping.expectedNames.count,
            mapping: mapping, expectedSide: true, keepsBytes: false), splitFrom: split.enabled ? split.indexMinimumBytes : .max)
        // Duplicate keys in expected: the first row whose key an earlier row has.
        for pair in index.seal() {
            let earlier = try read(expectedLookup, index, row: pair.earlier, firstRow: firstRow)
            let earlierNumber = earlier.number
            let earlierKey = mapping.expectedKey.map { Array(CSVRowComparer.field(earlier, $0)) }
            var later = try read(expectedCopy, index, row: pair.later, firstRow: firstRow)
            if zip(earlierKey, mapping.expectedKey).allSatisfy({ key, column in
                CSVRowComparer.field(later, column).same(as: key)
            }) {
                let location = index.location(of: pair.later)
                let line = try expectedCopy.line(atOffset: location.offset)
                later = try expectedCopy.record(atOffset: location.offset, length: location.length, number: pair.later + firstRow, line: line)
                throw duplicate(later, path: expected.path, firstRow: earlierNumber, comparer: comparer, side: mapping.expectedKey)
            }
        }

        // Pass 2: match actual rows against the index.
        var extraKeys: [UInt64: [(offset: Int, length: Int, row: Int)]] = [:]
        let actualBatches = CSVBatchPipeline(
            reader: actual, batchSize: pipelineBatchSize,
            spec: CSVBatchSpec(path: actual.path, key: mapping.actualKey, width: mapping.actualNames.count,
                               mapping: mapping, expectedSide: false))
        defer { actualBatches.stop() }
        while let batch = try actualBatches.next() {
            for item in 0..<batch.count {
                if item % batchSize == 0 { touch(batch, from: item, in: index) }
                var matchedSlot: Int?
                try index.candidates(batch.keyHashes[item]) { slot in
                    if index.rowHash(at: slot) == batch.rowHashes[item] {
                        // Same key fingerprint and same whole-row hash: the same row.
                        if index.isMatched(slot) {
                            let record = try batch.record(item, parsedBy: actualCopy)
                            throw duplicate(record, path: actual.path, firstRow: nil, comparer: comparer, side: mapping.actualKey)
                        }
                        comparer.countEqualRows(1)
                    } else {
                        let other = try read(expectedLookup, index, row: index.row(at: slot), firstRow: firstRow)
                        let record = try batch.record(item, parsedBy: actualCopy)
                        guard sameKey(other, mapping.expectedKey, record, mapping.actualKey) else { return false }
                        if index.isMatched(slot) {
                            throw duplicate(record, path: actual.path, firstRow: nil, comparer: comparer, side: mapping.actualKey)
                        }
                        try comparer.compare(other, record, keyed: true)
                    }
                    matchedSlot = slot
                    return true
                }
                if let slot = matchedSlot {
                    index.markMatched(slot)
                    continue
                }
                let record = try batch.record(item, parsedBy: actualCopy)
                let keyHash = batch.keyHashes[item]
                for earlier in extraKeys[keyHash] ?? [] {
                    let other = try actualLookup.record(atOffset: earlier.offset, length: earlier.length, number: earlier.row)
                    if sameKey(other, mapping.actualKey, record, mapping.actualKey) {
                        throw duplicate(record, path: actual.path, firstRow: earlier.row, comparer: comparer, side: mapping.actualKey)
                    }
                }
                extraKeys[keyHash, default: []].append((record.offset, record.bytes.count, record.number))
                try comparer.extraRow(record, keyed: true)
            }
        }

        // Pass 3: expected rows never matched.
        try index.forEachUnmatchedRow { row in
            if comparer.listsMore {
                try comparer.missingRow(read(expectedLookup, index, row: row, firstRow: firstRow), keyed: true)
            } else {
                comparer.countMissingRows(1)
            }
        }
        return didSplit
    }

    /// Pass 1: indexes every row of `expected`. A large file is cut in two at a record end
    /// (CSVSplitPoint) and both parts are read and hashed at once, on two threads, while
    /// this one puts each part's rows at their own row numbers: reading is most of pass 1.
    /// The cut is found on a third thread while the first part already reads (CSVIndexCut
    /// keeps them in step).
    /// - Returns: the index, and whether it was filled in two parts.
    /// - Throws: the first part's error before the second's (file order).
    static func indexRows(of expected: CSVReader, spec: CSVBatchSpec,
                          splitFrom minimumBytes: Int) throws -> (index: CSVKeyIndex, split: Bool) {
        let index = CSVKeyIndex(expectedRows: estimatedRows(expected))
        let start = (offset: expected.offset, line: expected.line, records: expected.recordCount)
        let size = expected.sourceSize ?? 0
        var gate: CSVIndexCut?
        if expected.sourceSize != nil, size - start.offset >= minimumBytes,
           ProcessInfo.processInfo.activeProcessorCount >= 2, expected.dialect.quoteParityFindsRecordEnds {
            gate = CSVIndexCut(hold: start.offset + Int(Double(size - start.offset) * cutHold))
        }
        let path = expected.path
        let findCut: @Sendable () -> Void = { [gate] in
            guard let gate else { return }
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: splitReadSize, alignment: 16)
            defer { buffer.deallocate() }
            // An error here declines the cut; the first part meets it again and reports it.
            gate.decide(try? CSVSplitPoint.record(near: cutFraction, path: path, start: start.offset, size: size, buffer: buffer))
        }
        var cut: CSVIndexCut.Cut?
        var parts = [CSVKeyIndex.Part(from: 0)]
        var failure: (any Error)?
        SecondThread.run(findCut) {
            var pipelines = [CSVBatchPipeline(reader: expected, batchSize: pipelineBatchSize, spec: spec, cut: gate)]
            defer {
                gate?.declineIfPending()
                for pipeline in pipelines { pipeline.stop() }
            }
            var reading = [0]
            var laterError: (any Error)?
            do {
                while true {
                    if cut == nil, let accepted = gate?.accepted {
                        cut = accepted
                        let later = try CSVReader(path: path, dialect: expected.dialect, from: accepted.offset, to: nil,
                                                  line: start.line + accepted.lines, recordCount: start.records + accepted.records)
                        pipelines.append(CSVBatchPipeline(reader: later, batchSize: pipelineBatchSize, spec: spec))
                        parts.append(CSVKeyIndex.Part(from: accepted.records))
                        reading.append(1)
                    }
                    if reading.isEmpty { break }
                    for part in reading {
                        do {
                            guard let batch = try pipelines[part].next() else {
                                reading.removeAll { $0 == part }
                                continue
                            }
                            for item in 0..<batch.count {
                                guard parts[part].row < CSVKeyIndex.maxRows else {
                                    throw HarnessError.invalid(SourceLocation(path: path, line: batch.lines[item]),
                                                               message: "more than \(CSVKeyIndex.maxRows) rows; keyed comparison indexes at most that many")
                                }
                                index.insert(&parts[part], keyHash: batch.keyHashes[item], rowHash: batch.rowHashes[item],
                                             offset: batch.offsets[item], length: batch.length(item))
                            }
                        } catch where part > 0 {
                            // The second part's error waits: the first part may hold an earlier one.
                            laterError = error
                            reading.removeAll { $0 == part }
                        }
                    }
                }
                failure = laterError
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        if let cut {
            // The first part read its records up to the cut; where the parser stopped must be
            // where the count put the cut, or the two parts' rows would not meet. (Counting
            // and parsing agree on every file the parser accepts: kept as a safety net.)
            guard parts[0].row == cut.records && expected.offset == cut.offset else {
                return (try indexRows(of: CSVReader(path: path, dialect: expected.dialect, from: start.offset, to: nil,
                                                    line: start.line, recordCount: start.records),
                                      spec: spec, splitFrom: .max).index, false)
            }
            index.end(parts[0], nextAt: cut.offset)
        }
        return (index, cut != nil)
    }

    /// Where the cut is sought, and where the first part waits until it is decided, as
    /// fractions of expected's bytes: the second part starts after the search, so it gets
    /// a little less than half.
    static let cutFraction = 0.55
    static let cutHold = 0.3

    /// The size of the reads that find the cut.
    static let splitReadSize = 1 << 18

    static func lookupReader(_ reader: CSVReader) throws -> CSVReader {
        var dialect = reader.dialect
        dialect.header = false
        return try CSVReader(source: CSVFileSource(path: reader.path), path: reader.path, dialect: dialect, chunkSize: 1 << 12)
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
        var hasher = ByteHasher()
        for column in key { hasher.combine(CSVRowComparer.field(record, column)) }
        return hasher.value
    }

    /// The whole row's hash: its raw bytes when both headers are the same, else its cells
    /// in expected column order (so reordered columns still hash alike).
    static func hashRow(_ record: CSVRecord, _ mapping: CSVColumnMapping, expectedSide: Bool) -> UInt64 {
        if mapping.isIdentity { return ByteHasher.hash(record.bytes) }
        var hasher = ByteHasher(seed: 0x9E37_79B9_7F4A_7C15)
        for pair in mapping.pairs {
            hasher.combine(CSVRowComparer.field(record, expectedSide ? pair.expected : pair.actual))
        }
        return hasher.value
    }

    static func sameKey(_ a: CSVRecord, _ aKey: [Int], _ b: CSVRecord, _ bKey: [Int]) -> Bool {
        zip(aKey, bKey).allSatisfy { CSVRowComparer.field(a, $0).same(as: CSVRowComparer.field(b, $1)) }
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
