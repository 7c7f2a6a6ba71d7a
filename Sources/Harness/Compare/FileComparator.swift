import Foundation

/// Compares two files of the same format; the entry point for `harness diff` and for the
/// golden and equivalence checks of `harness run`.
public enum FileComparator {
    /// Compares `expected` with `actual`.
    /// - Throws: `HarnessError` when a file cannot be read or is malformed, or the two are
    ///   of different formats by their extensions (a CSV against a JSON).
    /// - Returns: the complete counts and first differences; an unequal result is not an error.
    public static func compare(expected: String, actual: String, options: CompareOptions) throws -> DiffReport {
        let started = Date()
        var report: DiffReport
        try checkSameFormat(expected: expected, actual: actual, options: options)
        switch options.format(for: expected) {
        case .csv: report = try CSVComparator.compare(expected: expected, actual: actual, options: options)
        case .json: report = try JSONComparator.compare(expected: expected, actual: actual, options: options)
        case .jsonl: report = try JSONLinesComparator.compare(expected: expected, actual: actual, options: options)
        }
        report.seconds = Date().timeIntervalSince(started)
        report.rtol = options.rtol
        report.atol = options.atol
        report.ignored = options.ignore
        report.columnTolerances = options.columns
        report.masks = options.masks
        return report
    }

    /// Two files whose extensions name different formats cannot be compared: reading a
    /// JSON document as CSV would report a parse error that hides the real mistake.
    static func checkSameFormat(expected: String, actual: String, options: CompareOptions) throws {
        guard options.format == nil else { return }
        let formats = [expected, actual].map(DiffReport.Format.init(extensionOf:))
        guard let first = formats[0], let second = formats[1], first != second else { return }
        throw HarnessError.usage("\(expected) is \(first.displayName) but \(actual) is \(second.displayName); harness diff compares two files of one format",
                                 hint: "compare the file with one of its own format, or pass --format csv|json|jsonl to read both as one")
    }
}
