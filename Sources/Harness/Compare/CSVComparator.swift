// Design: see CSVPositionalComparison (rows by position, bulk path over identical bytes)
// and CSVKeyedComparison (rows by key through a bounded index). Both read each file once,
// sequentially, through a CSVReader, and hand matched records to CSVRowComparer, which
// parses numbers only for cells whose bytes differ. Malformed input (an unterminated
// quote, a ragged row, NUL bytes, a record over 64 MiB) is thrown as HarnessError with
// file:line:col; differences are counted in the DiffReport, never thrown.

/// Compares two CSV files by value: columns by header name, cells by text or by number
/// within tolerance, rows by position or by key.
public enum CSVComparator {
    /// Compares `expected` with `actual` (RFC 4180 CSV with a header row).
    /// - Throws: `HarnessError` when a file cannot be read or is malformed, or an option
    ///   names a column neither file has.
    /// - Returns: complete counts and the first `options.maxDiffs` differences.
    public static func compare(expected: String, actual: String, options: CompareOptions) throws -> DiffReport {
        try compare(expected: expected, actual: actual, options: options, dialect: CSVDialect())
    }

    /// As `compare(expected:actual:options:)`, for files written in another dialect.
    public static func compare(expected: String, actual: String, options: CompareOptions,
                               dialect: CSVDialect) throws -> DiffReport {
        try compare(expected: expected, actual: actual, options: options, dialect: dialect, split: .init()).report
    }

    /// The comparison, with the policy for splitting a positional comparison between two
    /// threads (tests lower its thresholds); also says whether it split.
    static func compare(expected: String, actual: String, options: CompareOptions, dialect: CSVDialect,
                        split: CSVPositionalComparison.SplitPolicy) throws -> (report: DiffReport, split: Bool) {
        var dialect = dialect
        dialect.header = true
        let expectedReader = try CSVReader(path: expected, dialect: dialect)
        let actualReader = try CSVReader(path: actual, dialect: dialect)
        let mapping = try CSVColumnMapping(expected: expectedReader, actual: actualReader, options: options)
        var comparer = CSVRowComparer(mapping: mapping, options: options, expectedPath: expected, actualPath: actual)
        var didSplit = false
        if options.key.isEmpty {
            didSplit = try CSVPositionalComparison.run(expected: expectedReader, actual: actualReader,
                                                       comparer: &comparer, split: split)
        } else {
            try CSVKeyedComparison.run(expected: expectedReader, actual: actualReader, comparer: &comparer)
        }
        return (comparer.finished(), didSplit)
    }
}
