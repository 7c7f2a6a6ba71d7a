import Foundation

/// Compares two files of the same format; the entry point for `harness diff` and for the
/// golden and equivalence checks of `harness run`.
public enum FileComparator {
    /// Compares `expected` with `actual`.
    /// - Throws: `HarnessError` when a file cannot be read or is malformed.
    /// - Returns: the complete counts and first differences; an unequal result is not an error.
    public static func compare(expected: String, actual: String, options: CompareOptions) throws -> DiffReport {
        let started = Date()
        var report: DiffReport
        switch options.format(for: expected) {
        case .csv: report = try CSVComparator.compare(expected: expected, actual: actual, options: options)
        case .json: report = try JSONComparator.compare(expected: expected, actual: actual, options: options)
        case .jsonl: report = try JSONLinesComparator.compare(expected: expected, actual: actual, options: options)
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }
}
