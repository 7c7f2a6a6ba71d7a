// Design: see CSVPositionalComparison (rows by position, bulk path over identical bytes,
// two threads when rows keep differing) and CSVKeyedComparison (rows by key through a
// bounded index). Both read each file sequentially through a CSVReader and hand matched
// records to CSVRowComparer, which parses numbers only for cells whose bytes differ.
//
// Decisions (the user-facing ones are in `harness diff --help` too):
// - Malformed input is an error (exit 2) with file:line:col: an unterminated quote (at
//   the line where it opened), a quote inside an unquoted field or text after a closing
//   quote (strict RFC 4180; CSVDialect.strictQuotes = false reads them like Python),
//   NUL bytes ("looks binary"), a record over 64 MiB.
// - A ragged row (more or fewer fields than its header) is an error naming the row and
//   both counts: its cells cannot be matched to columns. A blank line is a ragged row,
//   except in a one-column file where it is one empty cell.
// - A duplicate key in keyed mode is an error naming both rows: matching is ambiguous.
// - Keys match by exact text; cells by text, else as numbers within tolerance.
// - Byte-identical stretches are counted, not parsed: a malformed record that both files
//   share byte for byte is not reported (like cmp, identical bytes are the same).
// - Keyed mode takes rows with the same key and the same 64-bit hash of the whole row as
//   equal (a false match needs a 2^-64 collision); all other rows are compared cell by
//   cell after re-reading them.
// Differences are counted in the DiffReport, never thrown.

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

    /// The comparison, with the policy for splitting it between two threads (tests lower
    /// its thresholds); also says whether it split (keyed: whether expected was indexed in
    /// two parts).
    static func compare(expected: String, actual: String, options: CompareOptions, dialect: CSVDialect,
                        split: CSVPositionalComparison.SplitPolicy) throws -> (report: DiffReport, split: Bool) {
        var dialect = dialect
        dialect.header = true
        let expectedReader = try CSVReader(path: expected, dialect: dialect)
        let actualReader = try CSVReader(path: actual, dialect: dialect)
        let mapping = try CSVColumnMapping(expected: expectedReader, actual: actualReader, options: options)
        try CSVColumnRules.check(mapping, options: options)
        var comparer = CSVRowComparer(mapping: mapping, options: options, expectedPath: expected, actualPath: actual)
        var didSplit = false
        if options.key.isEmpty {
            didSplit = try CSVPositionalComparison.run(expected: expectedReader, actual: actualReader,
                                                       comparer: &comparer, split: split)
        } else {
            didSplit = try CSVKeyedComparison.run(expected: expectedReader, actual: actualReader, comparer: &comparer, split: split)
        }
        return (comparer.finished(), didSplit)
    }
}
