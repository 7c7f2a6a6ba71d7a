// Design note. JSON Lines files are streamed: `JSONLineReader` hands out one line at a time
// from a reused buffer, so memory is bounded by the longest record. By position, two lines
// with the same bytes are equal without being compared (the common case costs a memcmp
// and a check of one side that it is well-formed, writing no tape), as are two whose bytes
// differ only inside numbers within tolerance (float noise: `JSONLockstep`'s walk, then the
// same check of expected); others are scanned into reused tapes and walked by
// `JSONStructuralDiffer`, pointers being relative to the record. Blank lines (whitespace
// only) are skipped, a trailing one too; line numbers are the file's. Keyed matching is in
// `JSONLinesComparator+Keyed`. Byte-equal files compared by position skip all of this
// (`ByteEqualLines`): they are only checked to be well-formed, line by line, on two threads.

/// Compares two JSON Lines files record by record, by position or by `--key` members.
public enum JSONLinesComparator {
    /// Compares the JSON Lines files at `expected` and `actual`.
    /// - Throws: `HarnessError.usage` for ignore entries that are not JSON Pointers; `.io`
    ///   for an unreadable file; `.malformed` with file, line and column for a line that is
    ///   not JSON; `.invalid`/`.unknownName` for a record that lacks a `--key` member.
    /// - Returns: complete counts of records compared, differing, missing and extra, and
    ///   the first differences; an unequal result is not an error.
    public static func compare(expected: String, actual: String, options: CompareOptions) throws -> DiffReport {
        try compare(expected: expected, actual: actual, options: options, chunkSize: JSONLineReader.defaultChunkSize)
    }

    /// As `compare(expected:actual:options:)`, reading `chunkSize` bytes at a time (tests
    /// use tiny chunks so that records span chunk boundaries).
    /// `lanes` forces keyed matching onto one thread or two; `lockstep: false` turns off the
    /// walk that settles number-only differences by position (tests compare both ways).
    static func compare(expected: String, actual: String, options: CompareOptions, chunkSize: Int,
                        lanes: Lanes = Lanes(), lockstep: Bool = true) throws -> DiffReport {
        let ignore = try options.ignore.map(JSONPointerPattern.init)
        var report = DiffReport(format: .jsonl, expectedPath: expected, actualPath: actual)
        report.keyColumns = options.key
        var differ = JSONStructuralDiffer(collector: JSONDiffCollector(report: report, maxDiffs: options.maxDiffs),
                                          ignore: ignore, rtol: options.rtol, atol: options.atol,
                                          rules: try JSONValueRules(options))
        if options.key.isEmpty, let records = try ByteEqualLines.check(expected: expected, actual: actual, chunkSize: chunkSize) {
            report.rowsCompared = records
            return report
        }
        var files = RecordFiles(expected: try JSONLineReader(path: expected, chunkSize: chunkSize),
                                actual: try JSONLineReader(path: actual, chunkSize: chunkSize))
        if options.key.isEmpty {
            let walk = lockstep && differ.rules.tolerances.isEmpty
            var compared = false
            if walk && lanes.count(forFileAt: expected) == 2 {
                compared = try comparePositionsCheckingExpected(&files, &differ, chunkSize: chunkSize)
            }
            if !compared { try comparePositions(&files, &differ, walk: walk, expectedChecked: false) }
        } else {
            try compareKeys(&files, &differ, key: options.key, chunkSize: chunkSize, lanes: lanes)
        }
        report = differ.collector.report
        return report
    }

    /// The two files and a reusable tape for each.
    struct RecordFiles {
        let expected: JSONLineReader
        let actual: JSONLineReader
        var expectedTape = JSONTape()
        var actualTape = JSONTape()
    }

    /// `comparePositions` with the walk while a second thread checks every record of
    /// expected with the fast validator (`ByteEqualLines.wellFormedRecords`), so a pair the
    /// walk settles costs no check here. True when that check found every record
    /// well-formed: the comparison (or the error it stopped at) then stands. False when it
    /// found a problem or could not tell: `files` are then opened afresh, `differ` is as it
    /// was, and the caller compares the one-thread way, which stops at the first problem.
    private static func comparePositionsCheckingExpected(_ files: inout RecordFiles, _ differ: inout JSONStructuralDiffer,
                                                         chunkSize: Int) throws -> Bool {
        let path = files.expected.path
        var trial = differ
        let (records, outcome) = checkingRecords(of: path) {
            try comparePositions(&files, &trial, walk: true, expectedChecked: true)
        }
        guard records != nil else {
            files = RecordFiles(expected: try JSONLineReader(path: path, chunkSize: chunkSize),
                                actual: try JSONLineReader(path: files.actual.path, chunkSize: chunkSize))
            return false
        }
        try outcome.get()
        differ = trial
        return true
    }

    /// Failed walks in a row after which comparison by position walks only now and then.
    static let walkGiveUp = 16

    /// Pairs records by position. `walk`: whether pairs may be settled by `JSONLockstep`
    /// (not under a per-pointer tolerance, which the walk does not know); `expectedChecked`:
    /// whether every record of expected is known to be well-formed, so that what the walk
    /// settles needs no check here.
    private static func comparePositions(_ files: inout RecordFiles, _ differ: inout JSONStructuralDiffer,
                                         walk: Bool, expectedChecked: Bool) throws {
        // Walks that failed in a row: past `walkGiveUp`, only every 64th pair is walked (a
        // file whose records all differ pays almost nothing for the shortcut), until one
        // succeeds again.
        var walksFailed = 0
        while true {
            let expectedLine = try files.expected.nextLine()
            let actualLine = try files.actual.nextLine()
            if let expectedLine, let actualLine {
                differ.collector.report.rowsCompared += 1
                if expectedLine.bytes.same(as: actualLine.bytes) {
                    // Equal bytes are an equal record only when they are a record: a
                    // malformed line is exit 2 even when both files share it. No tape is
                    // needed to say so.
                    if !expectedChecked {
                        try JSONTape.validate(expectedLine.bytes, path: files.expected.path, firstLine: expectedLine.number)
                    }
                    continue
                }
                // Float noise: bytes that differ only inside numbers within tolerance are an
                // equal record once expected is well-formed (the walk then proves actual is
                // too). Validating expected after the walk throws what its scan below would,
                // and a pair the walk cannot settle costs only the walk to its first parting.
                if walk && (walksFailed < walkGiveUp || differ.collector.report.rowsCompared & 63 == 0) {
                    if JSONLockstep.equal(expectedLine.bytes, actualLine.bytes, tolerance: differ.tolerance) {
                        walksFailed = 0
                        if !expectedChecked {
                            try JSONTape.validate(expectedLine.bytes, path: files.expected.path, firstLine: expectedLine.number)
                        }
                        continue
                    }
                    walksFailed += 1
                }
                try files.expectedTape.scan(expectedLine.bytes, path: files.expected.path, firstLine: expectedLine.number)
                try files.actualTape.scan(actualLine.bytes, path: files.actual.path, firstLine: actualLine.number)
                differ.collector.row = expectedLine.number
                differ.collector.actualRow = actualLine.number == expectedLine.number ? nil : actualLine.number
                if compareTapes(files, expectedLine.bytes, actualLine.bytes, &differ) > 0 {
                    differ.collector.report.differingRows += 1
                }
            } else if let expectedLine {
                try files.expectedTape.scan(expectedLine.bytes, path: files.expected.path, firstLine: expectedLine.number)
                keepWholeRecord(.missingRow, expectedLine, files.expectedTape, key: nil, &differ)
            } else if let actualLine {
                try files.actualTape.scan(actualLine.bytes, path: files.actual.path, firstLine: actualLine.number)
                keepWholeRecord(.extraRow, actualLine, files.actualTape, key: nil, &differ)
            } else {
                return
            }
        }
    }

    /// Walks the two scanned records; `expectedBytes` and `actualBytes` are what the tapes
    /// were scanned from.
    static func compareTapes(_ files: RecordFiles, _ expectedBytes: ByteRun,
                             _ actualBytes: ByteRun, _ differ: inout JSONStructuralDiffer) -> Int {
        JSONTape.views(files.expectedTape, over: expectedBytes, files.actualTape, over: actualBytes) { differ.compare($0, $1) }
    }

    /// Counts a record that only one file has (`.missingRow` or `.extraRow`) and keeps it,
    /// shown whole, if the cap allows.
    static func keepWholeRecord(_ kind: Difference.Kind, _ line: JSONLine, _ tape: JSONTape, key: [String]?,
                                _ differ: inout JSONStructuralDiffer) {
        differ.collector.countRecord(extra: kind == .extraRow)
        guard differ.collector.wantsDetail else { return }
        differ.collector.row = nil
        differ.collector.actualRow = nil
        differ.collector.key = nil
        let text = tape.view(over: line.bytes) { JSONValueText.compact($0, 0) }
        differ.collector.keep(Difference(kind: kind, row: line.number, actualRow: nil, key: key, pointer: "",
                                         expected: kind == .missingRow ? text : nil,
                                         actual: kind == .extraRow ? text : nil))
    }
}
