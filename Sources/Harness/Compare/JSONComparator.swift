// Design note. A JSON document is compared whole: both files are read into memory and
// scanned into tapes (about 16 bytes per value, no tree of heap objects), then walked side
// by side by `JSONStructuralDiffer`. Peak memory is the two files plus their two tapes.

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
        guard options.key.isEmpty else {
            throw HarnessError.usage("--key applies to CSV and JSON Lines; a JSON document is compared as one structure",
                                     hint: "leave out --key, or use --format jsonl for one record per line")
        }
        let ignore = try options.ignore.map(JSONPointerPattern.init)
        let expectedBytes = try FileBytes.read(expected)
        let actualBytes = try FileBytes.read(actual)
        var expectedTape = JSONTape()
        var actualTape = JSONTape()
        var report = DiffReport(format: .json, expectedPath: expected, actualPath: actual)
        let collector = JSONDiffCollector(report: report, maxDiffs: options.maxDiffs)
        var differ = JSONStructuralDiffer(collector: collector, ignore: ignore, rtol: options.rtol, atol: options.atol,
                                          rules: try JSONValueRules(options))
        try expectedBytes.withUnsafeBufferPointer { expectedBuffer in
            try actualBytes.withUnsafeBufferPointer { actualBuffer in
                try expectedTape.scan(expectedBuffer, path: expected)
                try actualTape.scan(actualBuffer, path: actual)
                expectedTape.tokens.withUnsafeBufferPointer { expectedTokens in
                    actualTape.tokens.withUnsafeBufferPointer { actualTokens in
                        _ = differ.compare(JSONTapeView(tokens: expectedTokens, bytes: expectedBuffer),
                                           JSONTapeView(tokens: actualTokens, bytes: actualBuffer))
                    }
                }
            }
        }
        report = differ.collector.report
        report.rowsCompared = 1
        report.differingRows = report.differingCells > 0 ? 1 : 0
        return report
    }
}
