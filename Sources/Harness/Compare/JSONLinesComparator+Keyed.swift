// Design note. Keyed matching reads expected once to build a `JSONRecordIndex` (key hash →
// where the record is, ~11 bytes a record), then streams actual: each record's key is looked up, the
// expected record re-read by offset (`JSONRecordFetcher`), keys confirmed byte for byte
// (a hash collision is then just a miss), and the pair compared. Unclaimed expected
// records are the missing ones. Memory: the index (~11 bytes a record) plus the longest
// record, never the file. Repeated keys pair up in file order (first with first).

extension JSONLinesComparator {
    static func compareKeys(_ files: inout RecordFiles, _ differ: inout JSONStructuralDiffer, key fields: [String]) throws {
        let index = JSONRecordIndex()
        var expectedKey = JSONRecordKey(fields: fields)
        var actualKey = JSONRecordKey(fields: fields)
        let expectedPath = files.expected.path
        let actualPath = files.actual.path
        while let line = try files.expected.nextLine() {
            try files.expectedTape.scan(line.bytes, path: expectedPath, firstLine: line.number)
            try files.expectedTape.view(over: line.bytes) { try expectedKey.read($0, path: expectedPath, line: line.number) }
            try index.insert(hash: expectedKey.hash, offset: line.offset, length: line.bytes.count, line: line.number, path: expectedPath)
        }
        index.seal()

        let fetcher = try JSONRecordFetcher(path: expectedPath)
        while let line = try files.actual.nextLine() {
            try files.actualTape.scan(line.bytes, path: actualPath, firstLine: line.number)
            try files.actualTape.view(over: line.bytes) { try actualKey.read($0, path: actualPath, line: line.number) }
            let claimed = try index.claim(hash: actualKey.hash) { location in
                try fetcher.withRecord(offset: location.offset, length: location.length) { expectedBytes in
                    let expectedLine = location.line
                    if expectedBytes.same(as: line.bytes) { return true }
                    try files.expectedTape.scan(expectedBytes, path: expectedPath, firstLine: expectedLine)
                    try files.expectedTape.view(over: expectedBytes) { try expectedKey.read($0, path: expectedPath, line: expectedLine) }
                    guard expectedKey.canonical == actualKey.canonical else { return false }
                    differ.collector.row = expectedLine
                    differ.collector.actualRow = expectedLine == line.number ? nil : line.number
                    differ.collector.key = differ.collector.wantsDetail ? keyText(files.actualTape, line.bytes, actualKey) : nil
                    if compareTapes(files, expectedBytes, line.bytes, &differ) > 0 {
                        differ.collector.report.differingRows += 1
                    }
                    return true
                }
            }
            if claimed != nil {
                differ.collector.report.rowsCompared += 1
            } else {
                let key = differ.collector.wantsDetail ? keyText(files.actualTape, line.bytes, actualKey) : nil
                keepWholeRecord(.extraRow, line, files.actualTape, key: key, &differ)
            }
        }

        for entry in 0..<index.count where !index.isMatched(entry) {
            guard differ.collector.wantsDetail else {
                differ.collector.countRecord(extra: false)
                continue
            }
            let location = index.location(entry)
            try fetcher.withRecord(offset: location.offset, length: location.length) { bytes in
                let line = JSONLine(bytes: bytes, number: location.line, offset: location.offset)
                try files.expectedTape.scan(bytes, path: expectedPath, firstLine: line.number)
                try files.expectedTape.view(over: bytes) { try expectedKey.read($0, path: expectedPath, line: line.number) }
                keepWholeRecord(.missingRow, line, files.expectedTape, key: keyText(files.expectedTape, bytes, expectedKey), &differ)
            }
        }
    }

    private static func keyText(_ tape: JSONTape, _ bytes: ByteRun, _ key: JSONRecordKey) -> [String] {
        tape.view(over: bytes) { key.display($0) }
    }
}
