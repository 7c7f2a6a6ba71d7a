// Design note. A small JSON document is compared whole: both files are read into memory and
// scanned into tapes (12 bytes per value, no tree of heap objects), then walked side by side
// by `JSONStructuralDiffer`; peak memory is the two files plus their two tapes, about five
// times a file. From `streamingThreshold` up, `JSONDocumentWalker` reads both as streams and
// holds only the largest value it takes whole on each side (for an array of records, one
// record); where the stream cannot be followed (a syntax error among them) the files are
// compared whole after all, which reports exactly what it reported before. Byte-equal files
// skip all of this (`ByteEqualDocument`): they are only checked to be well-formed.

/// Compares two JSON documents as structures: object key order never matters, numbers by
/// value within tolerance, arrays by position, every difference located by JSON Pointer.
public enum JSONComparator {
    /// Compares the JSON documents at `expected` and `actual`.
    /// - Throws: `HarnessError.usage` for options that do not apply (`--key`) or ignore
    ///   entries that are not JSON Pointers; `.io` for an unreadable file; `.malformed`
    ///   with file, line and column for invalid JSON.
    /// - Returns: one compared row (the document), each differing leaf or added or removed
    ///   member a differing cell.
    public static func compare(expected: String, actual: String, options: CompareOptions) throws -> DiffReport {
        try compare(expected: expected, actual: actual, options: options, streaming: .standard)
    }

    /// When documents are compared as streams.
    struct Streaming {
        /// Files from this size up (either of them) are compared as streams; nil: never.
        var threshold: Int?
        /// Containers that end within this many bytes on both sides are compared whole.
        var wholeLimit: Int

        static let standard = Streaming(threshold: 4 << 20, wholeLimit: 1 << 16)
        static let never = Streaming(threshold: nil, wholeLimit: 0)
    }

    static func compare(expected: String, actual: String, options: CompareOptions, streaming: Streaming) throws -> DiffReport {
        guard options.key.isEmpty else {
            throw HarnessError.usage("--key applies to CSV and JSON Lines; a JSON document is compared as one structure",
                                     hint: "leave out --key, or use --format jsonl for one record per line")
        }
        let ignore = try options.ignore.map(JSONPointerPattern.init)
        let rules = try JSONValueRules(options)
        if try ByteEqualDocument.check(expected: expected, actual: actual) {
            return finished(DiffReport(format: .json, expectedPath: expected, actualPath: actual))
        }
        if let threshold = streaming.threshold,
           let report = try streamed(expected: expected, actual: actual, options: options, ignore: ignore, rules: rules,
                                     threshold: threshold, wholeLimit: streaming.wholeLimit) {
            return report
        }
        let expectedBytes = try FileBytes.read(expected)
        let actualBytes = try FileBytes.read(actual)
        var expectedTape = JSONTape()
        var actualTape = JSONTape()
        let report = DiffReport(format: .json, expectedPath: expected, actualPath: actual)
        let collector = JSONDiffCollector(report: report, maxDiffs: options.maxDiffs)
        var differ = JSONStructuralDiffer(collector: collector, ignore: ignore, rtol: options.rtol, atol: options.atol,
                                          rules: rules)
        try ByteRun.with(expectedBytes) { expectedBuffer in
            try ByteRun.with(actualBytes) { actualBuffer in
                try expectedTape.scan(expectedBuffer, path: expected)
                try actualTape.scan(actualBuffer, path: actual)
                _ = JSONTape.views(expectedTape, over: expectedBuffer, actualTape, over: actualBuffer) { differ.compare($0, $1) }
            }
        }
        return finished(differ.collector.report)
    }

    /// The comparison as streams, or nil when the files are small or the stream cannot be
    /// followed (the caller then compares them whole).
    static func streamed(expected: String, actual: String, options: CompareOptions, ignore: [JSONPointerPattern],
                         rules: JSONValueRules, threshold: Int, wholeLimit: Int) throws -> DiffReport? {
        let expectedReader = try JSONStreamReader(path: expected)
        let actualReader = try JSONStreamReader(path: actual)
        let (expectedStatus, actualStatus) = (expectedReader.status, actualReader.status)
        guard !expectedStatus.isFolder, !actualStatus.isFolder,
              max(expectedStatus.size, actualStatus.size) >= threshold else { return nil }
        let report = DiffReport(format: .json, expectedPath: expected, actualPath: actual)
        let differ = JSONStructuralDiffer(collector: JSONDiffCollector(report: report, maxDiffs: options.maxDiffs),
                                          ignore: ignore, rtol: options.rtol, atol: options.atol, rules: rules)
        var walker = JSONDocumentWalker(expected: expectedReader, actual: actualReader, differ: differ, wholeLimit: wholeLimit)
        do {
            try walker.walk()
        } catch is JSONStreamUnsupported {
            return nil
        }
        return finished(walker.differ.collector.report)
    }

    private static func finished(_ report: DiffReport) -> DiffReport {
        var report = report
        report.rowsCompared = 1
        report.differingRows = report.differingCells > 0 ? 1 : 0
        return report
    }
}
